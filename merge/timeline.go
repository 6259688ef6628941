package merge

import (
	"fmt"
	"slices"
	"strings"
)

// Timeline is one scenario resolved at every recorded release of a library,
// oldest first, grouped into spans of consecutive releases that send the
// same request; each boundary between two spans carries the upgrade's diff.
type Timeline struct {
	Library    string       `json:"library"`
	AllClasses bool         `json:"all_classes"` // casing, order and identity changes break spans too
	Spans      []Span       `json:"spans"`
	Boundaries []SpanChange `json:"boundaries"` // Boundaries[i] is between Spans[i] and Spans[i+1]
}

// Span is a run of consecutive recorded releases whose outcomes agree.
type Span struct {
	From     string   `json:"from"` // first release
	To       string   `json:"to"`   // last release
	Releases []string `json:"releases"`
	Profiles []string `json:"profiles"` // the profiles that answer, in order
	Outcome  string   `json:"outcome"`
	Error    string   `json:"error,omitempty"` // the exception type of an error span
	// Summary says what the span sends for the parts that differ across
	// spans: "Authorization: Basic am9…" or "no Authorization".
	Summary string `json:"summary"`
}

// SpanChange is the upgrade across a boundary, from the last release of one
// span to the first of the next.
type SpanChange struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Summary string `json:"summary"` // "Authorization removed"
	Diff    *Diff  `json:"diff"`
	Cite    Citing `json:"cite"`
}

// Citing says why behaviour changed at a boundary: the Since of the profile
// that starts there, or the cited rule whose steps differ on the two sides.
type Citing struct {
	Kind string `json:"kind,omitempty"` // "profile" or "rule"; "" when nothing is cited
	Text string `json:"text,omitempty"` // "encode/httpx#1115" or "httpx/_client.py BaseClient._build_request_auth @0.14.2"
	URL  string `json:"url,omitempty"`
	Rule string `json:"rule,omitempty"`
	Doc  string `json:"doc,omitempty"`
}

// TimelineOptions choose what breaks a span.
type TimelineOptions struct {
	// AllClasses lets casing-only, order-only and identity-header-only changes
	// break a span; by default only semantic changes do, as the page's diff
	// folds the rest into one "also differs" line. The library's own version
	// string (User-Agent: python-httpx/0.14.1) never breaks a span.
	AllClasses bool
}

// Releases lists every recorded release of library, oldest first.
func (r *Registry) Releases(library string) ([]string, error) {
	var out []string
	profiles, known := r.of(library)
	for _, p := range profiles {
		out = append(out, p.Recorded...)
	}
	if !known {
		return nil, &LibraryError{fmt.Sprintf("unknown library %q; known: %s", library, strings.Join(r.libraryNames(), ", "))}
	}
	slices.SortStableFunc(out, CompareVersions)
	out = slices.CompactFunc(out, func(a, b string) bool { return CompareVersions(a, b) == 0 })
	if len(out) == 0 {
		return nil, &LibraryError{fmt.Sprintf("%s has no recorded release to build a timeline from", library)}
	}
	return out, nil
}

// Timeline resolves sc at every recorded release of library (a name such as
// "httpx"; a version after "@" is ignored) and groups the results into spans.
// sc's own library is not used. It is a TimelineJob run to its end.
func (r *Registry) Timeline(sc *Scenario, library string, opt TimelineOptions) (*Timeline, error) {
	j := r.timelineJob(sc, library, opt)
	for !j.Step(len(j.releases) + 1) {
	}
	return j.t, j.err
}

// TimelineJob is a timeline computed a few releases at a time. In the
// browser a worker answers no message while Go runs, so the page's timeline
// worker runs a job in steps of a few milliseconds and yields between them:
// there it hears that an edit is being answered (and pauses, leaving the
// CPU to the edit's worker) or that the timeline is no longer wanted (and
// stops). Timeline is the same job run in one go, so both give one answer.
type TimelineJob struct {
	r        *Registry
	sc       *Scenario
	library  string
	releases []string
	b        *timelineBuilder
	next     int // the next release to resolve
	done     bool
	t        *Timeline
	err      error
	aerr     *APIError       // set instead of err by the JSON entry points
	fix      func(*APIError) // how a document's entry point locates its errors
}

func (r *Registry) timelineJob(sc *Scenario, library string, opt TimelineOptions) *TimelineJob {
	library, _, _ = strings.Cut(library, "@")
	j := &TimelineJob{r: r, sc: sc, library: library}
	releases, err := r.Releases(library)
	if err != nil {
		j.done, j.err = true, err
		return j
	}
	since := map[string]Citing{}
	profiles, _ := r.of(library)
	for _, p := range profiles {
		if c, ok := profileBoundary(p); ok {
			since[p.Name()] = c
		}
	}
	j.releases = releases
	j.b = &timelineBuilder{library: library, since: since, opt: opt,
		t: &Timeline{Library: library, AllClasses: opt.AllClasses, Spans: []Span{}, Boundaries: []SpanChange{}}}
	return j
}

// Step resolves up to n more releases (at least one) and reports whether the
// job is done: then Result holds the timeline or its error.
func (j *TimelineJob) Step(n int) (done bool) {
	if j.done {
		return true
	}
	defer func() {
		// A panic outside a rule (Resolve recovers those) ends the job, not the caller.
		if p := recover(); p != nil {
			j.done, j.t, j.err = true, nil, fmt.Errorf("internal error: %v", p)
			done = true
		}
	}()
	for k := 0; k < max(n, 1) && j.next < len(j.releases); k++ {
		v := j.releases[j.next]
		at := *j.sc
		at.Library = j.library + "@" + v
		res, err := j.r.Resolve(&at)
		if err != nil {
			j.done, j.err = true, fmt.Errorf("%s: %w", at.Library, err)
			return true
		}
		j.b.add(v, res)
		j.next++
	}
	if j.next == len(j.releases) {
		j.done, j.t = true, j.b.finish()
	}
	return j.done
}

// Progress is how many of the job's releases are resolved, and how many it has.
func (j *TimelineJob) Progress() (resolved, releases int) { return j.next, len(j.releases) }

// timelineBuilder groups results as they come, one per release, oldest
// first; since holds the boundary citation of each profile that has one, by
// name.
type timelineBuilder struct {
	library  string
	since    map[string]Citing
	opt      TimelineOptions
	releases []string
	results  []*Result
	t        *Timeline
	start    int   // the open span's first release
	firsts   []int // index of each closed span's first release
}

// add takes the next release's result; a change from the previous release
// that counts closes the open span.
func (b *timelineBuilder) add(v string, res *Result) {
	b.releases = append(b.releases, v)
	b.results = append(b.results, res)
	i := len(b.releases) - 1
	if i == 0 || sameAnswer(b.releases[i-1], b.results[i-1], v, res) {
		return
	}
	d := upgradeDiff(b.library, b.releases[i-1], b.results[i-1], v, res)
	if !breaks(d, b.opt) {
		return
	}
	b.close(i)
	b.t.Boundaries = append(b.t.Boundaries, SpanChange{From: b.releases[i-1], To: v, Diff: d,
		Summary: changeSummary(shown(d, b.opt)), Cite: citeChange(shown(d, b.opt), b.results[i-1], res, b.since)})
	b.start = i
}

// close ends the open span before release i.
func (b *timelineBuilder) close(i int) {
	b.firsts = append(b.firsts, b.start)
	b.t.Spans = append(b.t.Spans, newSpan(b.releases[b.start:i], b.results[b.start:i]))
}

// finish closes the last span and writes each span's summary.
func (b *timelineBuilder) finish() *Timeline {
	t := b.t
	b.close(len(b.releases))
	// What differs across spans, so each span's summary says its value of it.
	var parts []Change
	for _, c := range t.Boundaries {
		for _, c := range shown(c.Diff, b.opt) {
			if !slices.ContainsFunc(parts, func(p Change) bool { return sameField(p, c) }) {
				parts = append(parts, c)
			}
		}
	}
	for i := range t.Spans {
		t.Spans[i].Summary = spanSummary(b.results[b.firsts[i]], parts)
	}
	return t
}

// upgradeDiff is the diff between two releases, without what differs only by
// each side's own version string: in a header (User-Agent), and in an error
// message or an unsupported reason that names the release.
func upgradeDiff(library, va string, a *Result, vb string, b *Result) *Diff {
	d := DiffResults(library+"@"+va, a, library+"@"+vb, b)
	kept := d.Changes[:0]
	for _, c := range d.Changes {
		if len(c.A) > 0 && len(c.B) > 0 {
			na, nb := unversion(c.A, va), unversion(c.B, vb)
			if slices.Equal(na, nb) {
				continue
			}
			if c.Part == "header" && c.Class != ClassCasing && slices.EqualFunc(na, nb, strings.EqualFold) {
				// "User-Agent: x/1" against "user-agent: x/2": a casing change.
				c.Class = ClassCasing
			}
		}
		kept = append(kept, c)
	}
	d.Changes = kept
	d.Equal = len(kept) == 0
	d.Also = alsoSummary(kept)
	return d
}

// sameAnswer reports two results that differ at most by their own version
// strings, so that the usual case, one release like the last, costs no diff.
func sameAnswer(va string, a *Result, vb string, b *Result) bool {
	if a.Outcome != b.Outcome || a.Reason != b.Reason && !slices.Equal(unversion([]string{a.Reason}, va), unversion([]string{b.Reason}, vb)) {
		return false
	}
	if (a.Error == nil) != (b.Error == nil) || a.Error != nil && (a.Error.Type != b.Error.Type ||
		a.Error.Message != b.Error.Message && !slices.Equal(unversion([]string{a.Error.Message}, va), unversion([]string{b.Error.Message}, vb))) {
		return false
	}
	wa, wb := a.Request, b.Request
	if wa == nil || wb == nil {
		return wa == wb
	}
	if wa.Method != wb.Method || wa.URL != wb.URL || wa.Body != wb.Body || wa.BodyBase64 != wb.BodyBase64 || len(wa.Headers) != len(wb.Headers) {
		return false
	}
	for i, h := range wa.Headers {
		if h != wb.Headers[i] && (h[0] != wb.Headers[i][0] || !slices.Equal(unversion([]string{h[1]}, va), unversion([]string{wb.Headers[i][1]}, vb))) {
			return false
		}
	}
	return true
}

// unversion writes v as {version} wherever it stands as a whole version in
// the values (python-httpx/0.14.1, go-resty/2.16.5), not inside a longer one.
func unversion(values []string, v string) []string {
	v = strings.TrimPrefix(v, "v")
	out := make([]string, len(values))
	for i, s := range values {
		var b strings.Builder
		for {
			j := strings.Index(s, v)
			if j < 0 {
				break
			}
			end := j + len(v)
			if (j == 0 || !versionByte(s[j-1])) && (end == len(s) || !versionByte(s[end])) {
				b.WriteString(s[:j])
				b.WriteString("{version}")
			} else {
				b.WriteString(s[:end])
			}
			s = s[end:]
		}
		b.WriteString(s)
		out[i] = b.String()
	}
	return out
}

func versionByte(c byte) bool { return c >= '0' && c <= '9' || c == '.' }

// shown is the changes that count under opt: the semantic ones, or all.
func shown(d *Diff, opt TimelineOptions) []Change {
	if opt.AllClasses {
		return d.Changes
	}
	return d.Semantic()
}

func breaks(d *Diff, opt TimelineOptions) bool { return len(shown(d, opt)) > 0 }

func newSpan(releases []string, results []*Result) Span {
	s := Span{From: releases[0], To: releases[len(releases)-1], Releases: slices.Clone(releases), Outcome: results[0].Outcome}
	for _, r := range results {
		if len(s.Profiles) == 0 || s.Profiles[len(s.Profiles)-1] != r.Profile {
			s.Profiles = append(s.Profiles, r.Profile)
		}
	}
	if e := results[0].Error; e != nil {
		s.Error = e.Type
	}
	return s
}

func sameField(a, b Change) bool {
	return a.Part == b.Part && strings.EqualFold(a.Key, b.Key)
}

// changeSummary is one line for an upgrade: "Authorization removed",
// "sent → raises TypeError", "query page changed, body changed".
func changeSummary(changes []Change) string {
	var parts []string
	for _, c := range changes {
		var s string
		switch c.Part {
		case "outcome":
			s = outcomeWord(c.A, changes, true) + " → " + outcomeWord(c.B, changes, false)
		case "error":
			if len(c.A) > 0 && c.A[0] != "" && len(c.B) > 0 && c.B[0] != "" {
				s = "error changed"
			}
		case "header":
			s = canonicalName(c.Key) + " " + c.Op
			if c.Class == ClassCasing {
				s = canonicalName(c.Key) + " spelled " + headerName(c.B, c.Key)
			}
		case "query":
			s = "query " + c.Key + " " + c.Op
		case "order":
			s = "header order changed"
		case "url":
			s = "URL changed"
		default:
			s = c.Part + " " + c.Op
		}
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) > 3 {
		parts = append(parts[:3], fmt.Sprintf("%d more", len(parts)-3))
	}
	return strings.Join(parts, ", ")
}

// outcomeWord is "sent", "unsupported" or "raises TypeError": an error
// side's type is in the diff's error change.
func outcomeWord(outcome []string, changes []Change, a bool) string {
	o := strings.Join(outcome, "")
	if o != OutcomeError {
		return o
	}
	for _, c := range changes {
		if c.Part == "error" {
			side := c.B
			if a {
				side = c.A
			}
			if len(side) > 0 {
				typ, _, _ := strings.Cut(side[0], ": ")
				return "raises " + typ
			}
		}
	}
	return "raises"
}

// headerName is the name as spelled in a casing change's "Name: value" side.
func headerName(side []string, key string) string {
	if len(side) > 0 {
		if name, _, ok := strings.Cut(side[0], ": "); ok {
			return name
		}
	}
	return key
}

// spanSummary says what r sends for each of the parts that differ across
// spans: "no Authorization", "Authorization: Basic am9o…", "raises TypeError".
func spanSummary(r *Result, parts []Change) string {
	switch r.Outcome {
	case OutcomeError:
		return "raises " + r.Error.Type
	case OutcomeUnsupported:
		return "unsupported: " + clip(r.Reason, 60)
	}
	v, _ := toView(r)
	var out []string
	for _, c := range parts {
		switch c.Part {
		case "header":
			h, ok := v.Headers[strings.ToLower(c.Key)]
			switch {
			case !ok:
				out = append(out, "no "+canonicalName(c.Key))
			case c.Class == ClassCasing:
				out = append(out, h.Name)
			default:
				out = append(out, h.Name+": "+clip(strings.Join(h.Values, ", "), 40))
			}
		case "query":
			if vals, ok := v.Query[c.Key]; ok {
				out = append(out, clip(c.Key+"="+strings.Join(vals, "&"+c.Key+"="), 40))
			} else {
				out = append(out, "no "+c.Key+" param")
			}
		case "url":
			out = append(out, clip(v.URL, 50))
		case "method":
			out = append(out, v.Method)
		case "body":
			if v.Body == "" {
				out = append(out, "no body")
			} else {
				out = append(out, "body "+clip(v.Body, 40))
			}
		case "order":
			out = append(out, "headers in order "+clip(strings.Join(headerNames(r), ", "), 60))
		}
	}
	if len(out) == 0 {
		return "sends"
	}
	if len(out) > 3 {
		out = append(out[:3], "…")
	}
	return strings.Join(out, "; ")
}

func headerNames(r *Result) []string {
	var out []string
	for _, h := range r.Request.Headers {
		out = append(out, h[0])
	}
	return out
}

// clip shortens s to at most n runes, marking the cut with "…".
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// citeChange says why the request changed from a to b: the Since of b's
// profile when b starts another profile, else the first rule whose steps
// for a changed part differ between the sides.
func citeChange(changes []Change, a, b *Result, since map[string]Citing) Citing {
	if c, ok := since[b.Profile]; ok && a.Profile != b.Profile {
		return c
	}
	for _, c := range changes {
		field := traceField(c)
		if field == "" {
			continue
		}
		sa, sb := stepsFor(a, field), stepsFor(b, field)
		x, okB := firstNotIn(sb, sa)
		y, okA := firstNotIn(sa, sb)
		// The rule that decided against the part (removed it, raised,
		// ignored it) is where the behaviour is conditioned; a step that
		// merely sets the part follows from it. So 0.15.1 → 0.15.2 under
		// stream() cites the rule that dropped the auth in 0.15.1, not the
		// auth flow that adds it in 0.15.2.
		switch {
		case okB && (decides(x) || !okA || !decides(y)):
			return ruleCite(x)
		case okA:
			return ruleCite(y)
		}
	}
	return Citing{}
}

func decides(s Step) bool {
	return s.Action == ActionRemove || s.Action == ActionRaise || s.Action == ActionIgnore
}

// profileBoundary is p's boundary citation (Profile.Since), if it has one.
func profileBoundary(p *Profile) (Citing, bool) {
	if p.Since.IsZero() {
		return Citing{}, false
	}
	return Citing{Kind: "profile", Text: p.Since.Ref, URL: p.Since.URL, Doc: p.Since.Doc}, true
}

func ruleCite(st Step) Citing {
	return Citing{Kind: "rule", Text: st.Cite, URL: st.URL, Rule: st.Rule, Doc: st.Note}
}

// traceField is the trace field a change is about ("headers.Authorization").
func traceField(c Change) string {
	switch c.Part {
	case "header":
		return "headers." + strings.ToLower(c.Key)
	case "query":
		return "query." + strings.ToLower(c.Key)
	case "outcome", "error":
		return FieldError
	case "url", "method", "body":
		return c.Part
	}
	return ""
}

func stepsFor(r *Result, field string) []Step {
	var out []Step
	for _, s := range r.Trace {
		if strings.ToLower(s.Field) == field {
			out = append(out, s)
		}
	}
	return out
}

// firstNotIn is the first step of xs that ys has no step like: the same
// rule doing the same thing to the same field (spelled alike: a casing
// change) and value from the same source.
func firstNotIn(xs, ys []Step) (Step, bool) {
	for _, x := range xs {
		if !slices.ContainsFunc(ys, func(y Step) bool {
			return x.Field == y.Field && x.Rule == y.Rule && x.Action == y.Action && x.Source == y.Source && x.Value == y.Value
		}) {
			return x, true
		}
	}
	return Step{}, false
}

// Text renders the timeline for people: one line per span, then each
// upgrade with its citation and its diff (Diff.Text, or TextAll with
// AllClasses).
func (t *Timeline) Text() string {
	var b strings.Builder
	n := 0
	for _, s := range t.Spans {
		n += len(s.Releases)
	}
	fmt.Fprintf(&b, "%s: %d recorded releases, %d spans\n", t.Library, n, len(t.Spans))
	for _, s := range t.Spans {
		fmt.Fprintf(&b, "  %-20s %s\n", s.Range(), s.Summary)
	}
	for _, c := range t.Boundaries {
		fmt.Fprintf(&b, "\n%s → %s: %s\n", c.From, c.To, c.Summary)
		if c.Cite.Text != "" {
			fmt.Fprintf(&b, "  because: %s", c.Cite.Text)
			if c.Cite.URL != "" {
				fmt.Fprintf(&b, " <%s>", c.Cite.URL)
			}
			b.WriteString("\n")
			if c.Cite.Doc != "" {
				fmt.Fprintf(&b, "  %s\n", c.Cite.Doc)
			}
		}
		if t.AllClasses {
			b.WriteString(c.Diff.TextAll())
		} else {
			b.WriteString(c.Diff.Text())
		}
	}
	return b.String()
}

// Range is "0.14.0–0.14.1", or the one release.
func (s Span) Range() string {
	if s.From == s.To {
		return s.From
	}
	return s.From + "–" + s.To
}
