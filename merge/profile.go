package merge

import (
	"fmt"
	"slices"
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

	// citeText is Cite.String(), set once when a registry first builds the
	// profile, so that each of the rule's steps does not build it again.
	citeText string
}

// citeRules sets each rule's citeText; a profile is built once, before any
// resolve reads it, and never changed after.
func (p *Profile) citeRules() {
	for i := range p.Rules {
		p.Rules[i].citeText = p.Rules[i].Cite.String()
	}
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
	Library  string // "httpx"
	Language string // "python", "js" or "go": how the library spells the states
	Min, Max string // inclusive lower, exclusive upper bound; "" = open
	// Since says why the range starts at Min: the change between the release before Min and
	// Min that made the library behave differently (read in the source between the two tags).
	Since    Boundary
	Verified string   // Recorded or SourceDerived
	Recorded []string // the recorded releases inside the range, oldest first (Releases.Apply fills it)
	Runtime  string   // what the recordings ran on, e.g. "CPython 3.11.7"
	Note     string   // why source-derived, or other caveats
	Binding  string   // how scenario fields map onto the library's API
	Switches []Switch
	Rules    []Rule

	releases *releaseIndex // the library's recorded releases, for Lookup; nil when none
}

// Boundary is the change a profile's range starts at.
type Boundary struct {
	Ref string `json:"ref"`           // the pull request or commit, e.g. "encode/httpx#1165" or "psf/requests@a1b2c3d"
	URL string `json:"url,omitempty"` // browsable link
	Doc string `json:"doc,omitempty"` // what changed, one sentence
}

// IsZero reports a boundary nobody filled in.
func (b Boundary) IsZero() bool { return b == Boundary{} }

// StartingAt sets p.Since and returns p, so that a library's profile list says next to each
// range where it starts and why.
func (p *Profile) StartingAt(b Boundary) *Profile {
	p.Since = b
	return p
}

// Releases is what a library's stored fixtures hold, as conformance/record generates it into
// libs/<name>/recorded.go: space-separated lists, so the browser build carries a few short
// strings rather than a table.
type Releases struct {
	Recorded   string // every recorded release, oldest first
	Yanked     string // releases the registry withdrew: Lookup refuses them, recorded or not
	YankedWhy  string // "version reason" lines: why the registry says a yanked release was withdrawn
	Covered    string // releases answered from another's recording (see CoveredBy)
	CoveredWhy string // how a covered release relates to that recording, for its warning
}

// releaseIndex is a library's Releases, split once.
type releaseIndex struct {
	recorded, yanked, covered []string // recorded: without the yanked ones
	why                       string
	yankedWhy                 string // Releases.YankedWhy
}

// Apply gives each profile the library's releases: Recorded becomes the recorded releases
// inside its range, and Lookup then answers a recorded release without a warning, a newer one
// with a warning, and refuses an unknown or yanked one. It returns profiles.
func (rs Releases) Apply(profiles ...*Profile) []*Profile {
	idx := &releaseIndex{yanked: strings.Fields(rs.Yanked), covered: strings.Fields(rs.Covered), why: rs.CoveredWhy, yankedWhy: rs.YankedWhy}
	for _, v := range strings.Fields(rs.Recorded) {
		if !slices.Contains(idx.yanked, v) {
			idx.recorded = append(idx.recorded, v)
		}
	}
	for _, p := range profiles {
		p.releases = idx
		p.Recorded = nil
		for _, v := range idx.recorded {
			if p.contains(v) {
				p.Recorded = append(p.Recorded, v)
			}
		}
	}
	return profiles
}

// CoveredBy is the recorded release that answers for a covered one: the nearest older
// recorded release of its line (a Node major for fetch, a Go minor for net/http; see
// conformance/fixture.Covered), else the nearest newer. "" when v is not covered.
func (p *Profile) CoveredBy(v string) string {
	idx := p.releases
	if idx == nil || !slices.Contains(idx.covered, v) {
		return ""
	}
	below, above := idx.around(v)
	n := 1
	if p.Library == "net/http" {
		n = 2
	}
	if line := func(v string) string { return strings.Join(strings.SplitN(v, ".", n+1)[:n], ".") }; below != "" && line(below) == line(v) {
		return below
	}
	return above
}

// around is the recorded releases just below and above v.
func (idx *releaseIndex) around(v string) (below, above string) {
	for _, r := range idx.recorded {
		if c := CompareVersions(r, v); c < 0 {
			below = r
		} else if c > 0 && above == "" {
			above = r
		}
	}
	return below, above
}

// withdrawn is the error for a yanked release v: the registry's reason when it gave one, and
// the recorded releases to use instead.
func (idx *releaseIndex) withdrawn(library, v string) error {
	how := "yanked"
	for _, line := range strings.Split(idx.yankedWhy, "\n") {
		if reason, ok := strings.CutPrefix(line, v+" "); ok {
			how += `: "` + reason + `"`
			break
		}
	}
	return &LibraryError{library + "@" + v + " was withdrawn from its registry (" + how + "); use another release: nearest recorded releases: " + idx.nearest(v)}
}

// nearest names the recorded releases on either side of v.
func (idx *releaseIndex) nearest(v string) string {
	below, above := idx.around(v)
	if below != "" && above != "" {
		return below + " and " + above
	}
	return below + above
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

// Contains reports whether version v is inside the profile's range.
func (p *Profile) Contains(v string) bool { return p.contains(v) }

func (p *Profile) contains(v string) bool {
	if p.Min != "" && CompareVersions(v, p.Min) < 0 {
		return false
	}
	return p.Max == "" || CompareVersions(v, p.Max) < 0
}

// CompareVersions orders dotted numeric versions; "go1.26.8", "v2.17.2" and
// pre-release suffixes are tolerated (a suffix sorts before the release).
// It allocates nothing: a library's version facts call it dozens of times
// per resolve, and the compare-all view resolves every library per edit.
func CompareVersions(a, b string) int {
	na, sa := splitVersion(a)
	nb, sb := splitVersion(b)
	// A missing component counts as 0 ("1.2" == "1.2.0"), as does one that is
	// not a number.
	for na != "" || nb != "" {
		var x, y int
		x, na = nextComponent(na)
		y, nb = nextComponent(nb)
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

// splitVersion is v's dotted numbers and its pre-release suffix.
func splitVersion(v string) (num, suffix string) {
	v = strings.TrimPrefix(strings.TrimPrefix(v, "go"), "v")
	if i := strings.IndexAny(v, "-+abrc"); i >= 0 {
		return v[:i], v[i:]
	}
	return v, ""
}

// nextComponent is the first dotted component of num as a number (0 when it
// is not one), and the rest. strconv.Atoi allocates only for what is not a
// number, which no recorded release has.
func nextComponent(num string) (int, string) {
	p, rest, _ := strings.Cut(num, ".")
	n, _ := strconv.Atoi(p)
	return n, rest
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
	p, version, _, err := r.lookup(id)
	return p, version, err
}

// lookup resolves "name@version" to its profile and says what the answer rests on: nothing
// when the release was recorded, a warning when it is newer than every release recorded in its
// profile's range or answered from another release's recording, and an error when the
// library's registry has no such release or withdrew it.
func (r *Registry) lookup(id string) (*Profile, string, string, error) {
	name, version, ok := strings.Cut(id, "@")
	if !ok || name == "" || version == "" {
		return nil, "", "", &LibraryError{fmt.Sprintf("library %q must be name@version, such as \"httpx@0.14.2\"; known: %s", id, strings.Join(r.libraryNames(), ", "))}
	}
	if !validVersion(version) {
		return nil, "", "", &LibraryError{fmt.Sprintf("version %q of %s is not a version number", version, name)}
	}
	var ranges []string
	var idx *releaseIndex
	profiles, _ := r.of(name)
	for _, p := range profiles {
		ranges = append(ranges, p.Name())
		if idx == nil {
			idx = p.releases
		}
		if p.contains(version) {
			warning, err := p.releaseCheck(version)
			if err != nil {
				return nil, "", "", err
			}
			return p, version, warning, nil
		}
	}
	if ranges == nil {
		return nil, "", "", &LibraryError{fmt.Sprintf("unknown library %q; known: %s", name, strings.Join(r.libraryNames(), ", "))}
	}
	// Say why no profile covers it, where the library knows: withdrawn, or older or newer than
	// every release recorded.
	id, list := name+"@"+version, strings.Join(ranges, "; ")
	switch {
	case idx != nil && slices.Contains(idx.yanked, version):
		return nil, "", "", idx.withdrawn(name, version)
	case idx != nil && len(idx.recorded) > 0 && CompareVersions(version, idx.recorded[0]) < 0:
		return nil, "", "", &LibraryError{fmt.Sprintf("%s is outside every %s profile: it is older than the oldest recorded release, %s; profiles: %s", id, name, idx.recorded[0], list)}
	case idx != nil && len(idx.recorded) > 0 && CompareVersions(version, idx.recorded[len(idx.recorded)-1]) > 0:
		return nil, "", "", &LibraryError{fmt.Sprintf("%s is outside every %s profile: it is newer than the newest recorded release, %s; profiles: %s", id, name, idx.recorded[len(idx.recorded)-1], list)}
	}
	msg := fmt.Sprintf("%s is outside every %s profile; profiles: %s", id, name, list)
	if idx != nil && len(idx.recorded) > 0 {
		msg += "; nearest recorded releases: " + idx.nearest(version)
	}
	return nil, "", "", &LibraryError{msg}
}

// releaseCheck is the warning or error for a version inside the profile's range.
func (p *Profile) releaseCheck(version string) (string, error) {
	idx, id := p.releases, p.Library+"@"+version
	switch {
	case idx == nil || len(idx.recorded) == 0:
		if len(p.Recorded) > 0 && !slices.Contains(p.Recorded, version) {
			return id + " was not recorded; its profile was recorded at " + strings.Join(p.Recorded, ", ") + " and is assumed to hold across " + p.Name(), nil
		}
	case slices.Contains(idx.yanked, version):
		return "", idx.withdrawn(p.Library, version)
	case slices.Contains(p.Recorded, version):
	case p.CoveredBy(version) != "":
		return id + " " + idx.why + " " + p.CoveredBy(version) + ", which was recorded; answered from that recording", nil
	case len(p.Recorded) > 0 && CompareVersions(version, p.Recorded[len(p.Recorded)-1]) > 0:
		// Past the newest release recorded in its range: a release published after the
		// registry list was refreshed (or a backport to an older line), answered by the
		// profile with a warning until `make releases` and a recording add it.
		newest := p.Recorded[len(p.Recorded)-1]
		return id + " is newer than the newest recorded release, " + newest + "; answered by " + p.Name() + ", which may not hold for it until it is recorded", nil
	default:
		return "", &LibraryError{id + " is not a release of " + p.Library + " that its registry lists; nearest recorded releases: " + idx.nearest(version)}
	}
	return "", nil
}

func (r *Registry) libraryNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range r.libs {
		if !seen[e.name] {
			seen[e.name] = true
			out = append(out, e.name)
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
	Since    *Boundary  `json:"since,omitempty"` // why the range starts at min
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
	for _, p := range r.Profiles() {
		info := ProfileInfo{Library: p.Library, Language: p.Language, Profile: p.Name(), Min: p.Min, Max: p.Max,
			Verified: p.Verified, Recorded: p.Recorded, Runtime: p.Runtime, Note: p.Note,
			Binding: p.Binding, Switches: p.Switches}
		if len(p.Recorded) > 0 {
			info.Default = p.Library + "@" + p.Recorded[len(p.Recorded)-1]
		} else {
			info.Default = p.Library + "@" + p.Min
		}
		if !p.Since.IsZero() {
			since := p.Since
			info.Since = &since
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
