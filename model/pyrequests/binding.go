package pyrequests

import (
	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/jsontext"
	"github.com/mergeplay/mergeplay/model/python"
)

// Bound is the start of the requests-family binding: the options no Session has (prefix,
// allowAbsoluteUrls) and any {"$undefined": true}, which Python cannot spell, make the scenario
// unsupported. It reports whether the binding goes on.
func Bound(s *merge.State) bool {
	c, r := s.Client(), s.Request()
	lib := s.Scenario.Library
	switch {
	case c.Prefix.Present():
		s.Unsupported("client.prefix is not bound for %s", lib)
	case c.AllowAbsoluteURLs.Present():
		s.Unsupported("client.allowAbsoluteUrls is not bound for %s", lib)
	case r.AllowAbsoluteURLs.Present():
		s.Unsupported("request.allowAbsoluteUrls is not bound for %s", lib)
	}
	if s.Done() {
		return false
	}
	sides := []struct {
		name   string
		fields []struct {
			key string
			v   merge.Value
		}
	}{
		{"client", []struct {
			key string
			v   merge.Value
		}{{"base_url", c.BaseURL}, {"headers", c.Headers}, {"params", c.Params}, {"cookies", c.Cookies}, {"auth", c.Auth}}},
		{"request", []struct {
			key string
			v   merge.Value
		}{{"method", r.Method}, {"url", r.URL}, {"headers", r.Headers}, {"params", r.Params}, {"cookies", r.Cookies},
			{"auth", r.Auth}, {"json", r.JSON}, {"body", r.Body}, {"via", r.Via}}},
	}
	for _, side := range sides {
		for _, f := range side.fields {
			if w := python.FindUndefined(f.v, Path(side.name, f.key), Path); w != "" {
				s.Unsupported(`%s is {"$undefined": true}: Python has no undefined`, w)
				return false
			}
		}
	}
	return true
}

// Path is the runner's location of a value: client["headers"]["X"].
func Path(parent, key string) string {
	return parent + "[" + jsontext.Encode(merge.Value{Kind: merge.String, Text: key}, jsontext.Python) + "]"
}

// CheckValues is the end of the requests-family binding: the values a Session cannot take as
// given (an auth nativeAuth refuses, a non-str body, client headers or cookies that are not a
// dict, which the binding applies key by key). name is the library in the messages.
func CheckValues(s *merge.State, name string, nativeAuth func(v merge.Value, where string) string) {
	c, r := s.Client(), s.Request()
	if msg := nativeAuth(r.Auth, "request.auth"); msg != "" {
		s.Unsupported("%s", msg)
		return
	}
	if r.Body.Present() && r.Body.Kind != merge.String && r.Body.Kind != merge.Null {
		s.Unsupported("request.body must be a string (raw body) or null")
		return
	}
	for _, f := range []struct {
		name string
		v    merge.Value
	}{{"headers", c.Headers}, {"cookies", c.Cookies}} {
		if f.v.Present() && f.v.Kind != merge.Object {
			s.Unsupported("client.%s must be an object for %s (it is applied key by key)", f.name, name)
			return
		}
	}
	if msg := nativeAuth(c.Auth, "client.auth"); msg != "" {
		s.Unsupported("%s", msg)
	}
}
