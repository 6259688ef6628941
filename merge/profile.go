package merge

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Cite points at the library source that implements a rule.
type Cite struct {
	File string // path in the library's repository at Tag
	Func string
	Tag  string
	URL  string // browsable link, optional
}

func (c Cite) String() string {
	s := c.File
	if c.Func != "" {
		s += " " + c.Func
	}
	if c.Tag != "" {
		s += " @" + c.Tag
	}
	return s
}

// Rule is one named, cited step of a library's merge, applied in order.
type Rule struct {
	Name string
	Cite Cite
	// Also are the other functions the rule's steps and raises point at
	// (ExplainAt, RaiseAt), when its work is done in more than one place:
	// the provenance check holds each to the library's source, and every
	// step's citation to this rule's Cite or one of these.
	Also  []Cite
	Doc   string // what the rule does, one or two sentences
	Apply func(*State)
}

// Cites is the rule's Cite followed by Also.
func (r *Rule) Cites() []Cite { return append([]Cite{r.Cite}, r.Also...) }

// Switch is a named behaviour switch so profiles can be compared field by field.
type Switch struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// How a profile is verified.
const (
	Recorded      = "recorded"
	SourceDerived = "source-derived"
)

// Profile is a library over a version range, written as an ordered list of rules.
type Profile struct {
	Library  string   // "httpx"
	Language string   // "python", "js" or "go": how the library spells the states
	Min, Max string   // inclusive lower, exclusive upper bound; "" = open
	Verified string   // Recorded or SourceDerived
	Recorded []string // versions the fixtures were recorded at
	Runtime  string   // what the recordings ran on, e.g. "CPython 3.11.7"
	Note     string   // why source-derived, or other caveats
	Binding  string   // how scenario fields map onto the library's API
	Switches []Switch
	Rules    []Rule
}

// InLanguage sets the language whose spelling of absent/null/undefined/false
// the profiles' bindings follow (it decides the UI's labels) and returns them.
// A library calls it once, when it builds its profile list.
func InLanguage(lang string, profiles ...*Profile) []*Profile {
	for _, p := range profiles {
		p.Language = lang
	}
	return profiles
}

// Name is the profile's display name: "httpx >=0.14.2 <0.18".
func (p *Profile) Name() string {
	s := p.Library
	if p.Min != "" {
		s += " >=" + p.Min
	}
	if p.Max != "" {
		s += " <" + p.Max
	}
	return s
}

func (p *Profile) contains(v string) bool {
	if p.Min != "" && CompareVersions(v, p.Min) < 0 {
		return false
	}
	return p.Max == "" || CompareVersions(v, p.Max) < 0
}

// CompareVersions orders dotted numeric versions; "go1.26.8", "v2.17.2" and
// pre-release suffixes are tolerated (a suffix sorts before the release).
func CompareVersions(a, b string) int {
	pa, sa := splitVersion(a)
	pb, sb := splitVersion(b)
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y int
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	switch {
	case sa == sb:
		return 0
	case sa == "":
		return 1
	case sb == "":
		return -1
	}
	return strings.Compare(sa, sb)
}

func splitVersion(v string) ([]int, string) {
	v = strings.TrimPrefix(strings.TrimPrefix(v, "go"), "v")
	num, suffix := v, ""
	if i := strings.IndexAny(v, "-+abrc"); i >= 0 {
		num, suffix = v[:i], v[i:]
	}
	var parts []int
	for _, p := range strings.Split(num, ".") {
		n, _ := strconv.Atoi(p)
		parts = append(parts, n)
	}
	return parts, suffix
}

func validVersion(v string) bool {
	v = strings.TrimPrefix(strings.TrimPrefix(v, "go"), "v")
	if v == "" || v[0] < '0' || v[0] > '9' {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

// LibraryError is an unknown library or version; it lists what exists.
type LibraryError struct{ Message string }

func (e *LibraryError) Error() string { return e.Message }

// Lookup resolves "name@version" to its profile.
func (r *Registry) Lookup(id string) (*Profile, string, error) {
	name, version, ok := strings.Cut(id, "@")
	if !ok || name == "" || version == "" {
		return nil, "", &LibraryError{fmt.Sprintf("library %q must be name@version, such as \"httpx@0.14.2\"; known: %s", id, strings.Join(r.libraryNames(), ", "))}
	}
	if !validVersion(version) {
		return nil, "", &LibraryError{fmt.Sprintf("version %q of %s is not a version number", version, name)}
	}
	var ranges []string
	for _, p := range r.profiles {
		if p.Library != name {
			continue
		}
		ranges = append(ranges, p.Name())
		if p.contains(version) {
			return p, version, nil
		}
	}
	if ranges == nil {
		return nil, "", &LibraryError{fmt.Sprintf("unknown library %q; known: %s", name, strings.Join(r.libraryNames(), ", "))}
	}
	return nil, "", &LibraryError{fmt.Sprintf("%s@%s is outside every %s profile; profiles: %s", name, version, name, strings.Join(ranges, "; "))}
}

func (r *Registry) libraryNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range r.profiles {
		if !seen[p.Library] {
			seen[p.Library] = true
			out = append(out, p.Library)
		}
	}
	sort.Strings(out)
	return out
}

// ProfileInfo is the public description of a profile (CLI, WASM, API).
type ProfileInfo struct {
	Library  string     `json:"library"`
	Language string     `json:"language"`
	Profile  string     `json:"profile"`
	Min      string     `json:"min,omitempty"`
	Max      string     `json:"max,omitempty"`
	Verified string     `json:"verified"`
	Recorded []string   `json:"recorded"`
	Default  string     `json:"default"` // the id the UI offers first
	Runtime  string     `json:"runtime,omitempty"`
	Note     string     `json:"note,omitempty"`
	Binding  string     `json:"binding,omitempty"`
	Switches []Switch   `json:"switches"`
	Rules    []RuleInfo `json:"rules"`
}

// RuleInfo describes one rule without its code.
type RuleInfo struct {
	Name string `json:"name"`
	Cite string `json:"cite"`
	URL  string `json:"url,omitempty"`
	Doc  string `json:"doc,omitempty"`
}

// Libraries lists every profile in display order.
func (r *Registry) Libraries() []ProfileInfo {
	var out []ProfileInfo
	for _, p := range r.profiles {
		info := ProfileInfo{Library: p.Library, Language: p.Language, Profile: p.Name(), Min: p.Min, Max: p.Max,
			Verified: p.Verified, Recorded: p.Recorded, Runtime: p.Runtime, Note: p.Note,
			Binding: p.Binding, Switches: p.Switches}
		if len(p.Recorded) > 0 {
			info.Default = p.Library + "@" + p.Recorded[len(p.Recorded)-1]
		} else {
			info.Default = p.Library + "@" + p.Min
		}
		if info.Switches == nil {
			info.Switches = []Switch{}
		}
		if info.Recorded == nil {
			info.Recorded = []string{}
		}
		for _, r := range p.Rules {
			info.Rules = append(info.Rules, RuleInfo{Name: r.Name, Cite: r.Cite.String(), URL: r.Cite.URL, Doc: r.Doc})
		}
		out = append(out, info)
	}
	return out
}
