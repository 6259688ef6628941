package pyrequests

import (
	"strconv"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/jsontext"
	"github.com/mergeplay/mergeplay/model/python"
)

// MergeCookies is Session.request's merge_cookies: the request cookies go into the session jar
// (same name replaced in place). checkType is set_cookie's value.startswith (requests 2.34.0):
// a value neither str nor None raises before any cookie is set.
func MergeCookies(s *merge.State, jar []Item, checkType bool) []Item {
	ck := s.Request().Cookies
	if ck.Kind != merge.Object || len(ck.Fields) == 0 {
		if ck.Present() {
			s.Explain("cookies", python.Repr(ck), merge.SourceRequest, merge.ActionIgnore, "cookies or {}: a falsy value means no request cookies")
		}
		return jar
	}
	for _, f := range python.Dict(ck) {
		if checkType && f.Value.Kind != merge.String && f.Value.Kind != merge.Null {
			s.Raise("AttributeError", "'%s' object has no attribute 'startswith'", python.TypeName(f.Value))
			return jar
		}
	}
	for _, f := range python.Dict(ck) {
		var replaced bool
		jar, replaced = Set(jar, Item{Name: f.Key, Val: f.Value, Source: merge.SourceRequest}, false)
		if replaced {
			s.Explain("cookies."+f.Key, Str(f.Value), merge.SourceRequest, merge.ActionOverride,
				"same (domain, path, name) as the session cookie: the request cookie replaces it in place")
		}
	}
	return jar
}

// BodyFacts are what a release's prepare_body says differently.
type BodyFacts struct {
	AllowNaN   bool   // json.dumps with allow_nan=True: inf is sent as Infinity
	JSONType   string // the Content-Type of a json= body
	StrNote    string // the step that explains a str data= body
	StrLenUTF8 bool   // super_len(str) counts UTF-8 bytes (else code points)
}

// Body is the body prepare_body leaves on the request: None when there is none, JSON the
// json.dumps bytes, Str a str data= body (IsStr) before the transport encodes it.
type Body struct {
	None  bool
	JSON  []byte
	Str   string
	IsStr bool
}

// PrepareBody is PreparedRequest.prepare_body and prepare_content_length for a json= or str
// data= body, with the Content-Type json= sets unless one is there.
func PrepareBody(s *merge.State, f BodyFacts) (b Body) {
	run := &b
	r := s.Request()
	data := r.Body.Kind == merge.String && r.Body.Text != ""
	run.None = true
	contentType := ""
	switch {
	case !data && r.JSON.Present() && r.JSON.Kind != merge.Null:
		if jsontext.NonFinite(r.JSON) && !f.AllowNaN {
			s.Raise("InvalidJSONError", "Out of range float values are not JSON compliant")
			return b
		}
		run.JSON = []byte(jsontext.Encode(JSONValue(r.JSON), jsontext.Python))
		run.None = false
		contentType = f.JSONType
		s.Explain("body", string(run.JSON), merge.SourceRequest, merge.ActionSet, "json.dumps with its defaults (', ', ': ', ASCII escapes)")
	case data:
		run.Str, run.IsStr, run.None = r.Body.Text, true, false
		s.Explain("body", r.Body.Text, merge.SourceRequest, merge.ActionSet, f.StrNote)
		if r.JSON.Present() {
			s.Explain("json", "", merge.SourceRequest, merge.ActionIgnore, "json= is ignored when data= is given")
		}
	default:
		if r.Body.Present() {
			s.Explain("body", "", merge.SourceRequest, merge.ActionIgnore, "data or {}: an empty or None body sends nothing")
		}
	}
	if !run.None {
		n := len(run.JSON)
		if run.IsStr {
			n = python.Len(run.Str)
			if f.StrLenUTF8 {
				// super_len measures o.encode("utf-8"), which refuses a lone surrogate.
				if msg, _, _, bad := python.EncodeError(run.Str, python.UTF8); bad {
					s.Raise("UnicodeEncodeError", "%s", msg)
					return b
				}
				n = len(run.Str)
			}
		}
		if n > 0 {
			Put(s, "Content-Length", strconv.Itoa(n), merge.SourceDefault, "super_len(body)")
		}
	} else if s.Method != "GET" && s.Method != "HEAD" {
		if _, ok := s.HeaderValue("Content-Length"); !ok {
			Put(s, "Content-Length", "0", merge.SourceDefault, "no body on a method other than GET/HEAD")
		}
	}
	if contentType != "" {
		if _, ok := s.HeaderValue("Content-Type"); ok {
			s.Explain(merge.FieldName("Content-Type"), contentType, merge.SourceDefault, merge.ActionIgnore, "a Content-Type header is already set")
		} else {
			s.AddHeader("Content-Type", contentType, merge.SourceDefault)
			s.Explain(merge.FieldName("Content-Type"), contentType, merge.SourceDefault, merge.ActionSet, "json= body")
		}
	}
	return b
}
