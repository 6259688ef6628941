package python

import (
	"fmt"

	"github.com/mergeplay/mergeplay/merge"
)

// FindUndefined is where the first {"$undefined": true} inside v sits, walking dicts (in the
// order Dict gives) and lists depth first the way the Python runners' check_no_undefined does,
// or "" when there is none: Python has no undefined, so such a scenario is unsupported. where
// names v itself; member spells a dict member's path from its parent's, since each library's
// message spells keys its own way (requests: client["headers"], as Python prints a str).
func FindUndefined(v merge.Value, where string, member func(parent, key string) string) string {
	switch v.Kind {
	case merge.Undefined:
		return where
	case merge.Object:
		for _, f := range Dict(v) {
			if w := FindUndefined(f.Value, member(where, f.Key), member); w != "" {
				return w
			}
		}
	case merge.Array:
		for i, it := range v.Items {
			if w := FindUndefined(it, fmt.Sprintf("%s[%d]", where, i), member); w != "" {
				return w
			}
		}
	}
	return ""
}
