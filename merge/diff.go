package merge

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/google/go-cmp/cmp"
)

// Diff is a structured comparison of two results' final requests.
type Diff struct {
	A       Side2    `json:"a"`
	B       Side2    `json:"b"`
	Equal   bool     `json:"equal"`
	Changes []Change `json:"changes"`
	// Also summarises the changes that are not semantic, for people:
	// "casing of 4 headers, order, User-Agent" ("" when there are none). The
	// page, the CLI and the API all show this one wording.
	Also string `json:"also,omitempty"`
}

// Change classes: what a difference means to someone reading the diff.
const (
	// ClassSemantic: something the server sees differently — a header or
	// parameter on one side only or with another value, the URL, the body,
	// the outcome.
	ClassSemantic = "semantic"
	// ClassCasing: the same header and values, spelled with other letter case.
	ClassCasing = "casing"
	// ClassOrder: the same headers in another wire order.
	ClassOrder = "order"
	// ClassIdentity: a header that no part of the scenario set on either side
	// (the trace says it came from the library's defaults or its transport:
	// User-Agent, Accept-Encoding, Connection, fetch's sec-fetch-mode, …). It
	// says which library sent the request, not what the scenario asked for.
	ClassIdentity = "identity"
)

// Side2 labels one side of a diff.
type Side2 struct {
	Label   string `json:"label"`
	Library string `json:"library"`
	Profile string `json:"profile"`
	Outcome string `json:"outcome"`
}

// Change is one difference. Part is outcome, error, method, url, query,
// header or body; Key names the header or query parameter.
type Change struct {
	Part  string   `json:"part"`
	Key   string   `json:"key,omitempty"`
	Op    string   `json:"op"` // added, removed, changed
	A     []string `json:"a,omitempty"`
	B     []string `json:"b,omitempty"`
	Class string   `json:"class"` // Class* constants
}

// view is the typed, decoded shape that is compared. Headers and query are
// keyed so go-cmp reports per name rather than as a slice edit script, and
// bodies are strings, compared whole.
type view struct {
	Outcome string
	Error   string
	Method  string
	URL     string // scheme://host/path, without the query
	Query   map[string][]string
	Headers map[string]headerView
	Order   string // names on both sides, in wire order: reports a reordering
	Body    string
}

type headerView struct {
	Name   string // casing as sent (first line)
	Values []string
}

func toView(r *Result) (view, []string) {
	v := view{Outcome: r.Outcome}
	if r.Error != nil {
		v.Error = r.Error.Type + ": " + r.Error.Message
	}
	if r.Outcome == OutcomeUnsupported {
		v.Error = r.Reason
	}
	w := r.Request
	if w == nil {
		return v, nil
	}
	v.Method = w.Method
	base, rawQuery, _ := strings.Cut(w.URL, "?")
	base, _, _ = strings.Cut(base, "#")
	rawQuery, _, _ = strings.Cut(rawQuery, "#")
	v.URL = base
	if rawQuery != "" {
		v.Query = map[string][]string{}
		for _, kv := range strings.Split(rawQuery, "&") {
			k, val, _ := strings.Cut(kv, "=")
			if dk, err := url.QueryUnescape(k); err == nil {
				k = dk
			}
			if dv, err := url.QueryUnescape(val); err == nil {
				val = dv
			}
			v.Query[k] = append(v.Query[k], val)
		}
	}
	v.Headers = map[string]headerView{}
	var order []string
	for _, h := range w.Headers {
		key := strings.ToLower(h[0])
		hv, ok := v.Headers[key]
		if !ok {
			hv.Name = h[0]
			order = append(order, h[0])
		}
		hv.Values = append(hv.Values, h[1])
		v.Headers[key] = hv
	}
	v.Body = w.Body
	if w.BodyBase64 {
		v.Body = "base64:" + w.Body
	}
	return v, order
}

// reporter collects differences as go-cmp walks the two views.
type reporter struct {
	path    cmp.Path
	changes []Change
}

func (r *reporter) PushStep(ps cmp.PathStep) { r.path = append(r.path, ps) }
func (r *reporter) PopStep()                 { r.path = r.path[:len(r.path)-1] }

func (r *reporter) Report(rs cmp.Result) {
	if rs.Equal() {
		return
	}
	a, b := r.path.Last().Values()
	c := Change{Op: "changed"}
	var field string
	for _, ps := range r.path {
		switch st := ps.(type) {
		case cmp.StructField:
			if field == "" {
				field = st.Name()
			}
		case cmp.MapIndex:
			if c.Key == "" {
				c.Key = fmt.Sprint(st.Key().Interface())
			}
		}
	}
	switch field {
	case "Headers":
		c.Part = "header"
		// Report whole header entries, keyed by the name as sent.
		ha, hb := headerOf(a), headerOf(b)
		if ha != nil {
			c.Key, c.A = ha.Name, ha.Values
		}
		if hb != nil {
			c.Key, c.B = hb.Name, hb.Values
		}
		if ha != nil && hb != nil && ha.Name != hb.Name {
			c.A = []string{ha.Name + ": " + strings.Join(ha.Values, ", ")}
			c.B = []string{hb.Name + ": " + strings.Join(hb.Values, ", ")}
			if slices.Equal(ha.Values, hb.Values) {
				c.Class = ClassCasing
			}
		}
	case "Query":
		c.Part = "query"
		c.A, c.B = stringsOf(a), stringsOf(b)
	default:
		c.Part = strings.ToLower(field)
		c.A, c.B = stringsOf(a), stringsOf(b)
	}
	switch {
	case !a.IsValid():
		c.Op = "added"
	case !b.IsValid():
		c.Op = "removed"
	}
	r.changes = append(r.changes, c)
}

func headerOf(v reflect.Value) *headerView {
	if !v.IsValid() {
		return nil
	}
	h, ok := v.Interface().(headerView)
	if !ok {
		return nil
	}
	return &h
}

func stringsOf(v reflect.Value) []string {
	if !v.IsValid() {
		return nil
	}
	switch x := v.Interface().(type) {
	case string:
		return []string{x}
	case []string:
		return x
	}
	return []string{fmt.Sprint(v.Interface())}
}

// leafOptions make a header entry and a query value list single leaves, so a
// change is reported once per name.
var leafOptions = cmp.Options{
	cmp.Comparer(func(a, b headerView) bool { return a.Name == b.Name && slices.Equal(a.Values, b.Values) }),
	cmp.Comparer(func(a, b []string) bool { return slices.Equal(a, b) }),
}

// commonOrder lists the header names (lowercased) that the other side also
// sends, in this side's wire order.
func commonOrder(names []string, other map[string]headerView) string {
	var out []string
	for _, n := range names {
		if _, ok := other[strings.ToLower(n)]; ok {
			out = append(out, strings.ToLower(n))
		}
	}
	return strings.Join(out, ", ")
}

// DiffResults compares two results. Labels name the sides for people.
func DiffResults(labelA string, a *Result, labelB string, b *Result) *Diff {
	va, orderA := toView(a)
	vb, orderB := toView(b)
	if va.Outcome != OutcomeSent || vb.Outcome != OutcomeSent {
		// Nothing was sent on one side: the outcome and error say it all.
		va, vb = view{Outcome: va.Outcome, Error: va.Error}, view{Outcome: vb.Outcome, Error: vb.Error}
	}
	va.Order, vb.Order = commonOrder(orderA, vb.Headers), commonOrder(orderB, va.Headers)
	var rep reporter
	cmp.Equal(va, vb, cmp.Reporter(&rep), leafOptions)
	d := &Diff{
		A:       Side2{Label: labelA, Library: a.Library, Profile: a.Profile, Outcome: a.Outcome},
		B:       Side2{Label: labelB, Library: b.Library, Profile: b.Profile, Outcome: b.Outcome},
		Changes: rep.changes,
	}
	d.Equal = len(d.Changes) == 0
	if d.Changes == nil {
		d.Changes = []Change{}
	}
	libSetA, libSetB := librarySet(a), librarySet(b)
	for i := range d.Changes {
		d.Changes[i].Class = classify(d.Changes[i], libSetA, libSetB)
	}
	d.Also = alsoSummary(d.Changes)
	partRank := map[string]int{"outcome": 0, "error": 1, "method": 2, "url": 3, "query": 4, "header": 5, "order": 6, "body": 7}
	sort.SliceStable(d.Changes, func(i, j int) bool {
		ci, cj := d.Changes[i], d.Changes[j]
		if partRank[ci.Part] != partRank[cj.Part] {
			return partRank[ci.Part] < partRank[cj.Part]
		}
		return strings.ToLower(ci.Key) < strings.ToLower(cj.Key)
	})
	return d
}

// librarySet lists the headers (lowercased) that the library or its
// transport set by itself: every trace step for them has one of those two
// sources, so nothing in the scenario asked for them.
func librarySet(r *Result) map[string]bool {
	out := map[string]bool{}
	user := map[string]bool{}
	for _, s := range r.Trace {
		name, ok := strings.CutPrefix(strings.ToLower(s.Field), "headers.")
		if !ok {
			continue
		}
		if s.Source == SourceDefault || s.Source == SourceTransport {
			out[name] = true
		} else {
			user[name] = true
		}
	}
	for name := range user {
		delete(out, name)
	}
	return out
}

// classify names what a change means. A header differing only in the
// spelling of its name is casing even when the library set it; one differing
// in value or presence is identity only when neither side's scenario set it
// (a side that does not send it does not count).
func classify(c Change, libA, libB map[string]bool) string {
	switch c.Part {
	case "order":
		return ClassOrder
	case "header":
	default:
		return ClassSemantic
	}
	if c.Class == ClassCasing { // set by the reporter, which saw both entries
		return ClassCasing
	}
	key := strings.ToLower(c.Key)
	if (len(c.A) == 0 || libA[key]) && (len(c.B) == 0 || libB[key]) {
		return ClassIdentity
	}
	return ClassSemantic
}

// alsoSummary is the one line that stands for the changes that are not
// semantic: "casing of 4 headers, order, User-Agent, Accept-Encoding".
func alsoSummary(changes []Change) string {
	var casing int
	var order bool
	var identity []string
	for _, c := range changes {
		switch c.Class {
		case ClassCasing:
			casing++
		case ClassOrder:
			order = true
		case ClassIdentity:
			identity = append(identity, canonicalName(c.Key))
		}
	}
	var parts []string
	switch casing {
	case 0:
	case 1:
		parts = append(parts, "casing of 1 header")
	default:
		parts = append(parts, fmt.Sprintf("casing of %d headers", casing))
	}
	if order {
		parts = append(parts, "order")
	}
	return strings.Join(append(parts, identity...), ", ")
}

// canonicalName spells a header name as "User-Agent" for the summary line,
// whichever side's casing the change is keyed by.
func canonicalName(name string) string {
	b := []byte(strings.ToLower(name))
	upper := true
	for i, c := range b {
		if upper && 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		upper = c == '-'
	}
	return string(b)
}

// Semantic is the changes of class semantic, in order.
func (d *Diff) Semantic() []Change {
	var out []Change
	for _, c := range d.Changes {
		if c.Class == ClassSemantic || c.Class == "" {
			out = append(out, c)
		}
	}
	return out
}

// Text renders the diff as a readable unified view: the semantic changes,
// then one "also differs" line for the rest.
func (d *Diff) Text() string { return d.text(false) }

// TextAll is Text with every change written out: the semantic ones first,
// then the others under the "also differs" line.
func (d *Diff) TextAll() string { return d.text(true) }

func (d *Diff) text(all bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s (%s)\n+++ %s (%s)\n", d.A.Label, d.A.Profile, d.B.Label, d.B.Profile)
	if d.Equal {
		b.WriteString("  (the final requests are identical)\n")
		return b.String()
	}
	sem := d.Semantic()
	if len(sem) == 0 {
		b.WriteString("  (no semantic difference)\n")
	}
	writeChanges(&b, sem)
	if d.Also != "" {
		fmt.Fprintf(&b, "  also differs: %s\n", d.Also)
	}
	if all {
		var rest []Change
		for _, c := range d.Changes {
			if c.Class != ClassSemantic && c.Class != "" {
				rest = append(rest, c)
			}
		}
		writeChanges(&b, rest)
	}
	return b.String()
}

func writeChanges(b *strings.Builder, changes []Change) {
	for _, c := range changes {
		name := c.Part
		if c.Key != "" {
			name += " " + c.Key
		}
		fmt.Fprintf(b, "@@ %s %s @@\n", name, c.Op)
		for _, v := range c.A {
			fmt.Fprintf(b, "-%s\n", line(c, v))
		}
		for _, v := range c.B {
			fmt.Fprintf(b, "+%s\n", line(c, v))
		}
	}
}

func line(c Change, v string) string {
	switch c.Part {
	case "header":
		if strings.Contains(v, ": ") && strings.HasPrefix(strings.ToLower(v), strings.ToLower(c.Key)) {
			return v
		}
		return c.Key + ": " + v
	case "query":
		return c.Key + "=" + v
	}
	return v
}
