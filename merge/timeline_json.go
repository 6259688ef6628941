package merge

import (
	"fmt"
	"strings"

	"github.com/mergeplay/mergeplay/merge/internal/minjson"
)

// TimelineDoc decodes a timeline's input, {"scenario": scenario, "library":
// "httpx", "all_classes": false}, and builds the timeline. library defaults to
// the scenario's library without its version. Keys are exact, as in a
// scenario, and every error names its field.
func (r *Registry) TimelineDoc(doc []byte) (*Timeline, *APIError) {
	return r.TimelineJobDoc(doc).run()
}

// TimelineJobDoc is TimelineDoc as a job, to be run in steps (TimelineJob):
// a bad input makes a job that is done at once, with the error as its Result.
func (r *Registry) TimelineJobDoc(doc []byte) (j *TimelineJob) {
	var aerr *APIError
	defer func() {
		if aerr != nil {
			j = &TimelineJob{done: true, aerr: aerr}
		}
	}()
	defer guard(&aerr)
	scenario, library, opt, aerr := timelineInput(doc)
	if aerr != nil {
		return nil
	}
	j = r.TimelineJobScenario(scenario, library, opt)
	j.fix = inScenario
	if j.aerr != nil {
		inScenario(j.aerr)
	}
	return j
}

// inScenario locates a scenario's own error inside the timeline's envelope.
func inScenario(aerr *APIError) {
	if aerr.Code != CodeInvalid {
		return
	}
	if aerr.Field == "" || aerr.Field == "(root)" {
		aerr.Message = "scenario: " + strings.TrimPrefix(aerr.Message, "(root): ")
		aerr.Field = ""
	} else {
		aerr.Message = "scenario." + aerr.Message
	}
	aerr.Field = prefixField("scenario", aerr.Field)
}

// timelineInput reads the envelope: the scenario's document, the library and the options.
func timelineInput(doc []byte) (scenario []byte, library string, opt TimelineOptions, aerr *APIError) {
	invalid := func(field, msg string) ([]byte, string, TimelineOptions, *APIError) {
		return nil, "", TimelineOptions{}, &APIError{Code: CodeInvalid, Message: field + ": " + msg, Field: field}
	}
	const form = `give {"scenario": scenario, "library": "httpx"}, optionally with "all_classes": true`
	if len(doc) > MaxInputBytes {
		return nil, "", opt, &APIError{Code: CodeInvalid, Message: fmt.Sprintf("document is %d bytes; the limit is %d", len(doc), MaxInputBytes)}
	}
	if err := minjson.Check(doc); err != nil {
		off := int64(0)
		if se, ok := err.(*minjson.SyntaxError); ok {
			off = se.Offset
		}
		return nil, "", opt, &APIError{Code: CodeInvalid, Message: (&DecodeError{Offset: off, Message: err.Error()}).Error()}
	}
	if k := minjson.KindOf(doc); k != minjson.ObjectStart {
		return invalid("(root)", "the timeline input is "+jsonKindWord(k)+"; "+form)
	}
	seen := map[string]bool{}
	for _, m := range minjson.Members(doc) {
		if seen[m.Key] {
			return invalid(childPath("", m.Key), "duplicate key; JSON objects here must not repeat a key")
		}
		seen[m.Key] = true
		switch k := minjson.KindOf(m.Value); m.Key {
		case "scenario":
			if k != minjson.ObjectStart {
				return invalid("scenario", "must be a scenario object, not "+jsonKindWord(k))
			}
			scenario = m.Value
		case "library":
			if k != minjson.String || minjson.Unquote(m.Value) == "" {
				return invalid("library", `must be a library name such as "httpx"`)
			}
			library = minjson.Unquote(m.Value)
		case "all_classes":
			if k != minjson.Bool {
				return invalid("all_classes", "must be true or false, not "+jsonKindWord(k))
			}
			opt.AllClasses = string(m.Value) == "true"
		default:
			if f := foldName(m.Key); f == "SCENARIO" || f == "LIBRARY" || f == "ALL_CLASSES" {
				return invalid(childPath("", m.Key), "unknown key; keys are case-sensitive: did you mean "+minjson.Quote(strings.ToLower(f))+"?")
			}
			return invalid(childPath("", m.Key), "unknown key; "+form)
		}
	}
	if scenario == nil {
		return invalid("scenario", "is missing: "+form)
	}
	return scenario, library, opt, nil
}

// TimelineScenario parses a scenario document and builds its timeline over
// library ("" = the scenario's library).
func (r *Registry) TimelineScenario(scenario []byte, library string, opt TimelineOptions) (*Timeline, *APIError) {
	return r.TimelineJobScenario(scenario, library, opt).run()
}

// TimelineJobScenario is TimelineScenario as a job (TimelineJob).
func (r *Registry) TimelineJobScenario(scenario []byte, library string, opt TimelineOptions) (j *TimelineJob) {
	var aerr *APIError
	defer func() {
		if aerr != nil {
			j = &TimelineJob{done: true, aerr: aerr}
		}
	}()
	defer guard(&aerr)
	override := ""
	if library != "" {
		// The timeline picks the versions: a scenario without a library is
		// fine when the input names one.
		override = library + "@0"
	}
	sc, err := ParseScenario(scenario, override)
	if err != nil {
		aerr = toAPIError(err)
		return nil
	}
	if library == "" {
		library = sc.Library
	}
	return r.timelineJob(sc, library, opt)
}

// Result is the job's timeline or its error, once Step has reported done.
func (j *TimelineJob) Result() (*Timeline, *APIError) {
	if !j.done {
		return nil, &APIError{Code: CodeInternal, Message: "the timeline is not computed yet; call Step until it reports done"}
	}
	if j.aerr == nil && j.err != nil {
		j.aerr = toAPIError(j.err)
		if j.fix != nil {
			j.fix(j.aerr)
		}
	}
	if j.aerr != nil {
		return nil, j.aerr
	}
	return j.t, nil
}

// JSON is Result as JSON: the timeline, or {"error": …}.
func (j *TimelineJob) JSON() []byte {
	t, aerr := j.Result()
	if aerr != nil {
		return errorJSON(aerr)
	}
	return t.appendJSON(nil)
}

func (j *TimelineJob) run() (*Timeline, *APIError) {
	for !j.Step(len(j.releases) + 1) {
	}
	return j.Result()
}

// TimelineJSON is TimelineDoc's result or error as JSON.
func (r *Registry) TimelineJSON(doc []byte) []byte {
	j := r.TimelineJobDoc(doc)
	j.run()
	return j.JSON()
}

// MarshalJSON writes the timeline with the engine's own writer (see Result's).
func (t *Timeline) MarshalJSON() ([]byte, error) { return t.appendJSON(nil), nil }

func (t *Timeline) appendJSON(b []byte) []byte {
	b = append(b, '{')
	b = appendField(b, "library", t.Library)
	b = minjson.AppendBool(appendKey(b, "all_classes"), t.AllClasses)
	b = appendList(appendKey(b, "spans"), t.Spans, func(b []byte, s Span) []byte {
		b = append(b, '{')
		b = appendField(b, "from", s.From)
		b = appendField(b, "to", s.To)
		b = appendStrings(appendKey(b, "releases"), s.Releases)
		b = appendStrings(appendKey(b, "profiles"), s.Profiles)
		b = appendField(b, "outcome", s.Outcome)
		b = appendOmitEmpty(b, "error", s.Error)
		b = appendField(b, "summary", s.Summary)
		return append(b, '}')
	})
	b = appendList(appendKey(b, "boundaries"), t.Boundaries, func(b []byte, c SpanChange) []byte {
		b = append(b, '{')
		b = appendField(b, "from", c.From)
		b = appendField(b, "to", c.To)
		b = appendField(b, "summary", c.Summary)
		b = appendKey(b, "diff")
		if c.Diff == nil {
			b = append(b, "null"...)
		} else {
			b = c.Diff.appendJSON(b)
		}
		b = append(appendKey(b, "cite"), '{')
		b = appendOmitEmpty(b, "kind", c.Cite.Kind)
		b = appendOmitEmpty(b, "text", c.Cite.Text)
		b = appendOmitEmpty(b, "url", c.Cite.URL)
		b = appendOmitEmpty(b, "rule", c.Cite.Rule)
		b = appendOmitEmpty(b, "doc", c.Cite.Doc)
		return append(b, '}', '}')
	})
	return append(b, '}')
}
