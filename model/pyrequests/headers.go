package pyrequests

import (
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/python"
)

// MergeHeaders is merge_setting(request headers, session headers) and prepare_headers: the
// request's headers replace the session's of the same name (any case) in place, None removes
// one, and each header left is checked and sent. value, when not nil, is what the library does
// to a request header value as it is stored (false: it raised); check is the library's header
// validity check on each header sent (false: it raised). Default headers are cited at
// defaultHeaders.
func MergeHeaders(s *merge.State, session []Item, defaultHeaders merge.Cite, value func(key string, v merge.Value) (merge.Value, bool), check func(Item) bool) {
	rh := s.Request().Headers
	var merged []Item
	switch rh.Kind {
	case merge.Absent, merge.Null:
		merged = append(merged, session...)
	case merge.Object:
		merged = append(merged, session...)
		for _, f := range python.Dict(rh) {
			if value != nil {
				v, ok := value(f.Key, f.Value)
				if !ok {
					return
				}
				f.Value = v
			}
			var replaced bool
			before := merged
			var old Item
			for _, it := range before {
				if strings.EqualFold(it.Name, f.Key) {
					old = it
				}
			}
			merged, replaced = Set(merged, Item{Name: f.Key, Val: f.Value, Source: merge.SourceRequest}, true)
			if replaced && old.Val.Kind != merge.Null {
				action, note := merge.ActionOverride, "the request header replaces the session's "+old.Name+" in place, with the request's spelling"
				if f.Value.Kind == merge.Null {
					action, note = merge.ActionRemove, "a request header set to None removes the session's "+old.Name
				}
				s.Explain(merge.FieldName(old.Name), Str(old.Val), old.Source, action, note)
			}
		}
	default:
		s.Explain("headers", python.Repr(rh), merge.SourceRequest, merge.ActionOverride, "merge_setting: a non-dict request value wins whole; prepare_headers(False) sends no session headers")
	}
	s.Headers = s.Headers[:0]
	for _, it := range merged {
		if it.Val.Kind == merge.Null {
			if it.Source != merge.SourceRequest {
				s.Explain(merge.FieldName(it.Name), "", it.Source, merge.ActionRemove, "merge_setting drops keys whose value is None")
			}
			continue
		}
		if !check(it) {
			return
		}
		s.AddHeader(it.Name, it.Val.Text, it.Source)
		if it.Source == merge.SourceDefault {
			s.ExplainAt(defaultHeaders, merge.FieldName(it.Name), it.Val.Text, it.Source, merge.ActionSet, "Session() starts from default_headers(); no client or request header replaced it")
			continue
		}
		s.Explain(merge.FieldName(it.Name), it.Val.Text, it.Source, merge.ActionSet, "")
	}
}
