package merge

// Outcomes of resolving a scenario.
const (
	OutcomeSent        = "sent"
	OutcomeError       = "error"
	OutcomeUnsupported = "unsupported"
)

// Result is what the library would do with a scenario.
type Result struct {
	Library  string    `json:"library"`
	Profile  string    `json:"profile"`
	Verified string    `json:"verified"`
	Outcome  string    `json:"outcome"`
	Request  *Wire     `json:"request,omitempty"`
	Error    *LibError `json:"error,omitempty"`
	Reason   string    `json:"reason,omitempty"`
	Trace    []Step    `json:"trace"`
	Warnings []string  `json:"warnings"`
	Lints    []Lint    `json:"lints"` // the pitfalls the sent request shows (lint.go); [] when none
}

// Wire is the request as the library puts it on the wire.
type Wire struct {
	Method     string      `json:"method"`
	URL        string      `json:"url"`
	Target     string      `json:"target"`
	Headers    [][2]string `json:"headers"`
	Body       string      `json:"body"`
	BodyBase64 bool        `json:"body_base64,omitempty"`
}

// LibError is the exception the real library raises.
type LibError struct {
	Type    string `json:"type"`
	Message string `json:"message"`
}

// Step explains one part of the final request: where it came from and which
// cited rule decided it. Removed or overridden client values get a Step too.
type Step struct {
	Field  string `json:"field"`           // "url", "body", "headers.Accept", "query.page", "error"
	Value  string `json:"value,omitempty"` // the value this step concerns
	Source string `json:"source"`          // Source* constants
	Action string `json:"action"`          // Action* constants
	Rule   string `json:"rule"`            // the rule's name
	Cite   string `json:"cite"`            // file function @tag
	URL    string `json:"url,omitempty"`   // link to the cited source
	Note   string `json:"note,omitempty"`  // one sentence for people
}

// Where a part of the request came from.
const (
	SourceClient    = "client"
	SourceRequest   = "request"
	SourceAuth      = "auth"
	SourceCookies   = "cookies"
	SourceDefault   = "library default"
	SourceTransport = "transport"
	SourceURL       = "url"
	SourceLibrary   = "library" // the library itself: where an error is raised
)

// What a rule did.
const (
	ActionSet      = "set"
	ActionOverride = "override"
	ActionRemove   = "remove"
	ActionKeep     = "keep"
	ActionIgnore   = "ignore"
	ActionRaise    = "raise" // the library raised the outcome's error here
)
