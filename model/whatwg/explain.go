package whatwg

import (
	"strings"

	"github.com/mergeplay/mergeplay/merge"
)

// ExplainQuery gives each query parameter of the final target that no
// rule explained a step: it came with the URL itself.
func ExplainQuery(s *merge.State, target string) {
	_, q, ok := strings.Cut(target, "?")
	if !ok || q == "" {
		return
	}
	for _, kv := range strings.Split(q, "&") {
		k, v, _ := strings.Cut(kv, "=")
		name := FormUnescape(k)
		if !s.Explained(merge.QueryField(k)) && !s.Explained(merge.QueryField(name)) {
			s.Explain(merge.QueryField(name), FormUnescape(v), merge.SourceURL, merge.ActionKeep, "part of the URL's own query, sent as written")
		}
	}
}
