package merge

import "strings"

// The body check: a Content-Type the user set that the wire does not carry.

func contentTypeOverridden(c *lintCase) string {
	rq := &c.sc.Request
	if (rq.JSON.Kind == Absent || rq.JSON.Kind == Null) && rq.Body.Kind != String {
		return ""
	}
	// The request's entry decides; null, undefined or false there removes
	// the client's on purpose.
	v := header(rq, "Content-Type")
	if !v.Present() {
		v = header(&c.sc.Client, "Content-Type")
	}
	if v.Kind != String {
		return ""
	}
	sent, ok := c.wireHeader("Content-Type")
	switch {
	case !ok:
		return "Content-Type " + v.Text + " was set for the body, and the library sent none."
	case !strings.EqualFold(strings.TrimSpace(sent), strings.TrimSpace(v.Text)):
		return "Content-Type " + v.Text + " was set for the body, and the library sent " + sent + " instead."
	}
	return ""
}
