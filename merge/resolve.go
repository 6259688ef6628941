package merge

import (
	"fmt"
	"net/url"
	"runtime/debug"
)

// Resolve applies the scenario's library profile and returns what it sends.
// An unknown library is an error; a library that raises is a Result with
// outcome "error". A panic in a rule is recovered and returned as an error.
func (r *Registry) Resolve(sc *Scenario) (res *Result, err error) {
	p, version, warning, err := r.lookup(sc.Library)
	if err != nil {
		return nil, err
	}
	s := &State{Scenario: sc, Profile: p, Version: version, Method: "GET", Vars: map[string]any{}}
	if warning != "" {
		s.warnings = append(s.warnings, warning)
	}
	defer func() {
		if r := recover(); r != nil {
			rule := "?"
			if s.rule != nil {
				rule = s.rule.Name
			}
			res, err = nil, fmt.Errorf("internal error in %s rule %q: %v\n%s", p.Name(), rule, r, debug.Stack())
		}
	}()
	for i := range p.Rules {
		s.rule = &p.Rules[i]
		p.Rules[i].Apply(s)
		if s.done {
			break
		}
	}
	s.rule = nil
	return s.result(), nil
}

func (s *State) result() *Result {
	res := &Result{
		Library:  s.Scenario.Library,
		Profile:  s.Profile.Name(),
		Verified: s.Profile.Verified,
		Trace:    s.trace,
		Warnings: s.warnings,
	}
	if res.Trace == nil {
		res.Trace = []Step{}
	}
	if res.Warnings == nil {
		res.Warnings = []string{}
	}
	switch {
	case s.unsupported != "":
		res.Outcome = OutcomeUnsupported
		res.Reason = s.unsupported
	case s.err != nil:
		res.Outcome = OutcomeError
		res.Error = s.err
	default:
		res.Outcome = OutcomeSent
		w := &Wire{Method: s.Method, URL: s.URL, Target: s.Target, Headers: make([][2]string, len(s.Headers))}
		for i, h := range s.Headers {
			w.Headers[i] = [2]string{h.Name, h.Value}
		}
		if w.Target == "" {
			w.Target = targetOf(s.URL)
		}
		w.Body, w.BodyBase64 = encodeBody(s.Body, s.Binary)
		res.Request = w
	}
	res.Lints = LintWire(s.Scenario, s.Profile.Language, res.Request)
	return res
}

// targetOf is the origin-form request-target of an absolute URL, as written.
func targetOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	t := u.EscapedPath()
	if t == "" {
		t = "/"
	}
	if u.RawQuery != "" || u.ForceQuery {
		t += "?" + u.RawQuery
	}
	return t
}
