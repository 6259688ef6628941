package pyrequests

import (
	"strconv"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/python"
	"github.com/mergeplay/mergeplay/model/urllib3"
)

// URLFacts are what a release's prepare_url says differently: which urllib3 parses the URL
// and the words of its MissingSchema message.
type URLFacts struct {
	Urllib3v2  bool   // urllib3 2's parse_url and IDNA host handling
	SchemaWord string // "schema" before requests 2.27.0 (PR #6017), "scheme" after
	SchemeHint string // the MissingSchema suggestion: "http" before requests 2.28.2, then "https"
}

// PrepareURL is requests' PreparedRequest.prepare_url (niquests' before 3.5.4) for url, the
// str(url).lstrip() it is given: every http URL parsed, IDNA-encoded, given the params (merged
// with merge_setting, cited at at) and re-quoted. It reports whether url was kept as given
// because it is not http (no adapter will take it).
func PrepareURL(s *merge.State, url string, at merge.Cite, f URLFacts) (rawURL bool) {
	if strings.Contains(url, ":") && !strings.HasPrefix(strings.ToLower(url), "http") {
		s.URL = url
		s.Target = url
		s.Explain("url", url, merge.SourceRequest, merge.ActionKeep, "a URL with ':' that does not start with http is kept as given (no params)")
		return true
	}
	u, perr := urllib3.ParseURL(url, f.Urllib3v2)
	if perr != nil {
		s.Raise("InvalidURL", "Failed to parse: %s", perr.Location)
		return false
	}
	if u.Scheme == "" {
		s.Raise("MissingSchema", "Invalid URL %s: No %s supplied. Perhaps you meant %s://%s?", python.StrRepr(url), f.SchemaWord, f.SchemeHint, url)
		return false
	}
	if u.Host == "" {
		s.Raise("InvalidURL", "Invalid URL %s: No host supplied", python.StrRepr(url))
		return false
	}
	host := u.Host
	if !IsASCII(host) {
		enc, err := urllib3.NormalizeHost(host, f.Urllib3v2)
		if err != "" {
			s.Raise("InvalidURL", "URL has an invalid label.")
			return false
		}
		host = enc
	} else if strings.HasPrefix(host, "*") || strings.HasPrefix(host, ".") {
		s.Raise("InvalidURL", "URL has an invalid label.")
		return false
	}
	ExplainQuery(s, u.Query)
	enc, dict, _ := EncodeParams(s, at)
	if msg, bad := ParamsEncodeError(dict); bad {
		s.Raise("UnicodeEncodeError", "%s", msg)
		return false
	}
	out := Unparse(u, host, enc)
	s.URL = RequoteURI(out)
	s.Explain("url", s.URL, merge.SourceRequest, merge.ActionSet, "urllib3 parse_url normalises the URL (lower-case host, dot segments, percent-encoding); params are appended; requote_uri re-quotes the result")
	return false
}

// EncodeParams merges the params (merge_setting, cited at at) and encodes them
// (RequestEncodingMixin._encode_params with urlencode(doseq=True)). dict is the merged params
// dict it encoded (the zero Value when they are not a dict); truthy is bool() of the merged
// params when they are a dict or a str, and false otherwise.
func EncodeParams(s *merge.State, at merge.Cite) (query string, dict merge.Value, truthy bool) {
	req := s.Request().Params
	sess := s.Client().Params
	reqTruthy := Truthy(req)
	if req.Present() && !reqTruthy {
		s.Explain("params", python.Repr(req), merge.SourceRequest, merge.ActionIgnore, "params or {}: a falsy request value is an empty dict, so the session params apply")
	}
	if !reqTruthy {
		req = merge.Value{Kind: merge.Object}
	}
	if !sess.Present() {
		sess = merge.Value{Kind: merge.Object} // Session.params defaults to {}
	}
	var merged merge.Value
	switch {
	case sess.Kind == merge.Null:
		merged = req
	case sess.Kind == merge.Object && req.Kind == merge.Object:
		var items []Item
		for _, f := range python.Dict(sess) {
			items = append(items, Item{Name: f.Key, Val: f.Value, Source: merge.SourceClient})
		}
		for _, f := range python.Dict(req) {
			var old Item
			for _, it := range items {
				if it.Name == f.Key {
					old = it
				}
			}
			var replaced bool
			items, replaced = Set(items, Item{Name: f.Key, Val: f.Value, Source: merge.SourceRequest}, false)
			if replaced && old.Val.Kind != merge.Null {
				if f.Value.Kind == merge.Null {
					s.ExplainAt(at, merge.QueryField(f.Key), ParamText(old.Val), old.Source, merge.ActionRemove, "a request param set to None removes the session param")
				} else {
					s.ExplainAt(at, merge.QueryField(f.Key), ParamText(old.Val), old.Source, merge.ActionOverride, "the request param "+ParamText(f.Value)+" replaces the session param of that name, keeping its position")
				}
			}
		}
		merged = merge.Value{Kind: merge.Object}
		for _, it := range items {
			if it.Val.Kind == merge.Null {
				if it.Source == merge.SourceClient || !HasKey(sess, it.Name) {
					s.ExplainAt(at, merge.QueryField(it.Name), "", it.Source, merge.ActionRemove, "merge_setting drops keys whose value is None")
				}
				continue
			}
			merged.Fields = append(merged.Fields, merge.Field{Key: it.Name, Value: it.Val})
			ExplainParam(s, it.Name, it.Val, it.Source)
		}
		return URLEncode(merged), merged, Truthy(merged)
	default:
		merged = req
		if sess.Kind != merge.Object || len(sess.Fields) > 0 {
			s.Explain("params", python.Repr(sess), merge.SourceClient, merge.ActionIgnore, "merge_setting: unless both are dicts the request value wins whole, so the session params are dropped")
		}
	}
	switch merged.Kind {
	case merge.String:
		s.Explain("params", merged.Text, merge.SourceRequest, merge.ActionSet, "a str params value is appended to the query as given")
		return merged.Text, merge.Value{}, merged.Text != ""
	case merge.Object:
		for _, f := range python.Dict(merged) {
			if f.Value.Kind != merge.Null {
				ExplainParam(s, f.Key, f.Value, merge.SourceRequest)
			}
		}
		return URLEncode(merged), merged, Truthy(merged)
	}
	return "", merge.Value{}, false
}

// ExplainQuery gives each pair of the URL's own query its step: prepare_url keeps them as
// written, before any params.
func ExplainQuery(s *merge.State, query string) {
	if query != "" {
		for _, kv := range strings.Split(query, "&") {
			k, _, _ := strings.Cut(kv, "=")
			s.Explain(merge.QueryField(k), kv, merge.SourceURL, merge.ActionKeep, "the URL's own query is kept as written, before any params")
		}
	}
}

// Unparse is prepare_url's urlunparse([scheme, netloc, path, None, query, fragment]) of the
// parsed u with its (IDNA-encoded) host and the encoded params enc appended to its query.
func Unparse(u urllib3.URL, host, enc string) string {
	query := u.Query
	netloc := ""
	if u.Auth != "" {
		netloc = u.Auth + "@"
	}
	netloc += host
	if u.HasPort && u.Port != 0 {
		netloc += ":" + strconv.Itoa(u.Port)
	}
	path := u.Path
	if path == "" {
		path = "/"
	}
	if enc != "" {
		if query != "" {
			query += "&" + enc
		} else {
			query = enc
		}
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	out := u.Scheme + "://" + netloc + path
	if query != "" {
		out += "?" + query
	}
	if u.Fragment != "" {
		out += "#" + u.Fragment
	}
	return out
}
