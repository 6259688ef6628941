package merge

import "strings"

// The header checks: null sent as text, auth that a request could not turn
// off, and client headers a request's headers replaced.

func literalNullHeader(c *lintCase) string {
	for _, h := range c.w.Headers {
		if h[1] != "null" && h[1] != "undefined" && h[1] != "None" {
			continue
		}
		for _, side := range []*Side{&c.sc.Request, &c.sc.Client} {
			v := header(side, h[0])
			if v.Kind == String {
				break // the user wrote the text: nothing to warn about
			}
			if v.Kind == Null || v.Kind == Undefined {
				return h[0] + ": " + h[1] + " is on the wire: the header was set to " + nullWord(c.lang, v.Kind) + " to remove it, and the library sent it as text."
			}
		}
	}
	return ""
}

// authValue is the Authorization a client's auth or header sends, or "".
func authValue(side *Side) []string {
	var out []string
	if a := side.Auth; a.Kind == Object {
		if t := a.Get("bearer"); t.Present() {
			out = append(out, "Bearer "+t.Str())
		} else {
			out = append(out, BasicAuth(a.Get("username").Str(), a.Get("password").Str()))
		}
	}
	if h := header(side, "Authorization"); h.Kind == String {
		out = append(out, h.Text)
	}
	return out
}

func authNoneIgnored(c *lintCase) string {
	ra := c.sc.Request.Auth
	// The value decides, not the request's headers: requests puts session
	// auth over a request's own Authorization header even with auth=None.
	if ra.Kind != Null && !ra.IsFalse() {
		return ""
	}
	sent, ok := c.wireHeader("Authorization")
	if !ok || !contains(authValue(&c.sc.Client), sent) {
		return ""
	}
	word := "false"
	if ra.Kind == Null {
		word = nullWord(c.lang, Null)
	}
	return "auth=" + word + " on the request did not disable the client's auth: its Authorization was sent anyway."
}

func clientHeaderDropped(c *lintCase) string {
	rh := c.sc.Request.Headers
	if rh.Kind != Object || len(rh.Fields) == 0 {
		return ""
	}
	var lost []string
	for _, f := range c.sc.Client.Headers.Fields {
		if !hasValue(f.Value) || header(&c.sc.Request, f.Key).Present() {
			continue
		}
		if _, ok := c.wireHeader(f.Key); !ok {
			lost = append(lost, f.Key)
		}
	}
	if lost == nil {
		return ""
	}
	return "The client's " + strings.Join(lost, ", ") + " was not sent: the request's own headers replaced the client's instead of merging with them."
}
