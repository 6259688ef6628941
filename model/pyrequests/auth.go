package pyrequests

import "github.com/mergeplay/mergeplay/merge"

// MergeAuth is merge_setting(request auth, session auth), cited at at: a request auth of None
// (or none given) means the session's, any other replaces it whole. source says whose it is.
func MergeAuth(s *merge.State, at merge.Cite) (auth merge.Value, source string) {
	req, sess := s.Request().Auth, s.Client().Auth
	auth, source = req, merge.SourceRequest
	if req.Kind == merge.Absent || req.Kind == merge.Null {
		auth, source = sess, merge.SourceClient
		if req.Kind == merge.Null && sess.Present() && sess.Kind != merge.Null {
			s.ExplainAt(at, merge.FieldName("Authorization"), "", merge.SourceRequest, merge.ActionIgnore, "merge_setting: request auth=None means 'not given', so the session auth is used")
		}
	} else if sess.Present() && sess.Kind != merge.Null {
		s.ExplainAt(at, merge.FieldName("Authorization"), "", merge.SourceClient, merge.ActionOverride, "merge_setting: the request auth replaces the session auth whole")
	}
	return auth, source
}

// PutBasic writes the Basic Authorization value v last, over any header; source is whose
// credentials they are (merge.SourceURL: the URL's userinfo).
func PutBasic(s *merge.State, v, source string) {
	note := "HTTPBasicAuth runs last and overwrites any Authorization header"
	if source == merge.SourceURL {
		note = "no auth given: the URL's user:password is used"
	}
	Put(s, "Authorization", v, merge.SourceAuth, note)
}
