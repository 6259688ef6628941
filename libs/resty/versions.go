package resty

import (
	"github.com/mergeplay/mergeplay/merge"
)

// facts are what differs between v2 releases on the wire, each read from the
// source at the module versions on both sides of the boundary (the module
// cache's github.com/go-resty/resty/v2@vX.Y.Z) and checked against a
// recording of every release from 2.7.0.
type facts struct {
	// uaVersion is the resty.Version constant that hdrUserAgentValue carries:
	// 2.9.0 shipped "2.9.0-dev", 2.11.0 and 2.13.0 shipped the previous
	// release's constant (resty.go was not bumped before tagging).
	uaVersion string
	// nilBody: before v2.17.1 createHTTPRequest passes a nil body to
	// http.NewRequest when there is no bodyBuf, so net/http sends
	// Content-Length: 0 for POST/PUT/PATCH; v2.17 passes http.NoBody.
	nilBody bool
	// bodyReleaser: up to v2.16.1 Client.executeBefore wraps the body in
	// requestBodyReleaser, which hides http.NoBody from net/http, so an
	// empty string body is sent chunked; removed by 9a9930f "fix: buffer
	// reuse and release #917" (PR #919), first in v2.16.2.
	bodyReleaser bool
	// joinDoErr: v2.15.0 and v2.15.1 return errors.Join(err, logErr) for an
	// error from http.Client.Do (Client.execute, added by 08e6170 "fix:
	// request/response logging for SetDoNotParseResponse(true) (#836)");
	// ce7695b "fix: do not use errors.Join, just use custom error approach
	// (#863)" undid it in v2.15.2.
	joinDoErr bool
	// requestTokenOnly: in v2.16.4 alone Client.R copies the client's token
	// into the request and addCredentials reads only the request's, so a
	// blank request token sends no token at all (v2.16.5 restored the
	// client fallback in addCredentials). Source-derived: no corpus case
	// has a blank request token with a client token on this release.
	requestTokenOnly bool
}

// uaVersions lists the releases whose resty.Version constant is not the tag.
var uaVersions = map[string]string{"2.9.0": "2.9.0-dev", "2.11.0": "2.10.0", "2.13.0": "2.12.0"}

func factsFor(v string) facts {
	f := facts{uaVersion: v}
	if u, ok := uaVersions[v]; ok {
		f.uaVersion = u
	}
	before := func(x string) bool { return merge.CompareVersions(v, x) < 0 }
	f.nilBody = before("2.17.1")
	f.bodyReleaser = before("2.16.2")
	f.joinDoErr = !before("2.15.0") && before("2.15.2")
	f.requestTokenOnly = v == "2.16.4"
	return f
}

// joinDoErrors re-raises an error of Client.Do as errors.Join wraps it on
// the releases that do (see facts.joinDoErr), citing where Client.execute
// joins it. Only the legacy profile's range holds those releases, so only
// its rules carry the cite.
func joinDoErrors(tag string, r merge.Rule) merge.Rule {
	if tag != legacyTag {
		return r
	}
	join := citeAt("v2.15.0", "client.go", "Client.execute", 1249)
	r.Also = append(r.Also, join)
	apply := r.Apply
	r.Apply = func(s *merge.State) {
		apply(s)
		if e := s.Err(); e != nil && factsFor(s.Version).joinDoErr {
			s.RaiseAt(join, "errors.joinError", "%s", e.Message)
		}
	}
	return r
}

// legacyProfile covers v2.7.0 up to v2.17.1: no http.NoBody for a request
// without body, plus the per-release facts above.
func legacyProfile() *merge.Profile {
	p := profile()
	p.Min, p.Max = "2.7.0", "2.17.1"
	p.Rules = rules(legacyTag)
	p.Runtime = "github.com/go-resty/resty/v2 v2.7.0 to v2.16.5 on go1.26.8, HTTP/1.1 to a loopback echo server"
	// Boundary citations (to move into the profile's boundary field when it lands):
	p.Note = "Read from the v2.7.0 to v2.16.5 module sources and recorded at every release between. " +
		"Starts at 2.7.0, the oldest release recorded. Ends before 2.17.1, where createHTTPRequest starts passing http.NoBody " +
		"(2.17.0 is not on the proxy's list). Inside the range: up to 2.16.1 an empty string body goes out chunked " +
		"(Client.executeBefore wraps the body in requestBodyReleaser; removed by 9a9930f, PR #919, in 2.16.2); " +
		"2.15.0 and 2.15.1 return a Client.Do error as errors.Join (08e6170, PR #836; undone by ce7695b, PR #863, in 2.15.2); " +
		"2.9.0 sends User-Agent go-resty/2.9.0-dev, 2.11.0 go-resty/2.10.0 and 2.13.0 go-resty/2.12.0 (resty.Version not bumped); " +
		"2.16.4 alone ignores the client token when the request sets a blank one (Client.R copies it; source-derived, not recorded)."
	for i, sw := range p.Switches {
		if sw.Name == "empty-body-post" {
			p.Switches[i].Value = "Content-Length: 0 (nil Body)"
		}
	}
	p.Switches = append(append([]merge.Switch{}, p.Switches...), merge.Switch{Name: "empty-string-body", Value: "chunked up to 2.16.1, then Content-Length: 0"})
	return p
}
