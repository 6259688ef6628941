package libs

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/conformance/fixture"
	"github.com/mergeplay/mergeplay/merge"
)

// recorded is what a witness reads: the scenario and what the real library
// put on the wire (the echo server's record: target and headers, no URL).
type recorded struct {
	sc *merge.Scenario
	w  *fixture.Wire
}

// header is the first recorded value of a header, case-insensitively.
func (r recorded) header(name string) (string, bool) {
	for _, h := range r.w.Headers {
		if strings.EqualFold(h[0], name) {
			return h[1], true
		}
	}
	return "", false
}

// scenarioHeader is a side's entry for a header name, case-insensitively.
func scenarioHeader(v merge.Value, name string) merge.Value {
	var out merge.Value
	for _, f := range v.Fields {
		if strings.EqualFold(f.Key, name) {
			out = f.Value
		}
	}
	return out
}

func sends(v merge.Value) bool {
	return v.Kind != merge.Absent && v.Kind != merge.Null && v.Kind != merge.Undefined && !v.IsFalse()
}

// baseOf is the client's base URL (base_url, else an absolute prefix).
func baseOf(sc *merge.Scenario) *url.URL {
	for _, v := range []merge.Value{sc.Client.BaseURL, sc.Client.Prefix} {
		if u, err := url.Parse(v.Str()); v.Kind == merge.String && err == nil && u.Host != "" {
			return u
		}
	}
	return nil
}

func targetKeys(target string) map[string]bool {
	_, q, _ := strings.Cut(target, "?")
	out := map[string]bool{}
	for _, kv := range strings.Split(q, "&") {
		k, _, _ := strings.Cut(kv, "=")
		if k, err := url.QueryUnescape(k); err == nil && k != "" {
			out[k] = true
		}
	}
	return out
}

func basic(user, pw string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pw))
}

// witnesses say, from the recording alone, whether the real library showed
// each pitfall. They are written apart from merge's checks on purpose: the
// test holds the checks (run on the engine's result) to what the libraries did.
var witnesses = map[string]func(recorded) bool{
	"credentials-cross-host": func(r recorded) bool {
		base := baseOf(r.sc)
		host, _ := r.header("Host")
		if base == nil || strings.EqualFold(host, base.Host) {
			return false
		}
		for _, h := range r.w.Headers {
			n := strings.ToLower(h[0])
			clientAuth := n == "authorization" && r.sc.Client.Auth.Kind == merge.Object && r.sc.Request.Auth.Kind != merge.Object
			clientHeader := (n == "authorization" || n == "cookie" || strings.Contains(n, "token") || strings.Contains(n, "api-key")) &&
				sends(scenarioHeader(r.sc.Client.Headers, n)) && !sends(scenarioHeader(r.sc.Request.Headers, n))
			if clientAuth || clientHeader {
				return true
			}
		}
		return false
	},
	"header-literal-null": func(r recorded) bool {
		for _, h := range r.w.Headers {
			if h[1] != "null" && h[1] != "undefined" && h[1] != "None" {
				continue
			}
			v := scenarioHeader(r.sc.Request.Headers, h[0])
			if !v.Present() {
				v = scenarioHeader(r.sc.Client.Headers, h[0])
			}
			if v.Kind == merge.Null || v.Kind == merge.Undefined {
				return true
			}
		}
		return false
	},
	"auth-none-ignored": func(r recorded) bool {
		ra, ca := r.sc.Request.Auth, r.sc.Client.Auth
		got, ok := r.header("Authorization")
		if !ok || ca.Kind != merge.Object || ra.Kind != merge.Null && !ra.IsFalse() {
			return false
		}
		return got == basic(ca.Get("username").Str(), ca.Get("password").Str()) || got == "Bearer "+ca.Get("bearer").Str()
	},
	"params-drop-url-query": func(r recorded) bool {
		raw, _, _ := strings.Cut(r.sc.Request.URL.Str(), "#")
		_, q, _ := strings.Cut(raw, "?")
		if q == "" || r.sc.Client.Params.Kind != merge.Object && r.sc.Request.Params.Kind != merge.Object {
			return false
		}
		sent := targetKeys(r.w.Target)
		for k := range targetKeys("?" + q) {
			if !r.sc.Client.Params.Get(k).Present() && !r.sc.Request.Params.Get(k).Present() && !sent[k] {
				return true
			}
		}
		return false
	},
	"base-path-dropped": func(r recorded) bool {
		base, ref := baseOf(r.sc), r.sc.Request.URL.Str()
		if base == nil || strings.Trim(base.Path, "/") == "" || strings.Contains(ref, "//") || strings.Contains(ref, "..") || strings.Contains(ref, ":") {
			return false
		}
		if host, _ := r.header("Host"); !strings.EqualFold(host, base.Host) {
			return false
		}
		return !strings.HasPrefix(r.w.Target+"/", strings.TrimRight(base.Path, "/")+"/") && !strings.HasPrefix(r.w.Target, strings.TrimRight(base.Path, "/")+"?")
	},
	"client-header-dropped": func(r recorded) bool {
		if len(r.sc.Request.Headers.Fields) == 0 {
			return false
		}
		for _, f := range r.sc.Client.Headers.Fields {
			if _, sent := r.header(f.Key); sends(f.Value) && !scenarioHeader(r.sc.Request.Headers, f.Key).Present() && !sent {
				return true
			}
		}
		return false
	},
	"credentials-in-url": func(r recorded) bool {
		for _, v := range []merge.Value{r.sc.Request.URL, r.sc.Client.BaseURL} {
			if u, err := url.Parse(v.Str()); err == nil && u.User != nil {
				return true
			}
		}
		return false
	},
	"content-type-overridden": func(r recorded) bool {
		if !sends(r.sc.Request.JSON) && r.sc.Request.Body.Kind != merge.String {
			return false
		}
		want := scenarioHeader(r.sc.Request.Headers, "Content-Type")
		if !want.Present() {
			want = scenarioHeader(r.sc.Client.Headers, "Content-Type")
		}
		got, _ := r.header("Content-Type")
		return want.Kind == merge.String && !strings.EqualFold(got, want.Text)
	},
}

// applies reports whether a check's Applies entry ("httpx >=0.28 <1") covers library@version.
func applies(entry, id string) bool {
	lib, ver, _ := strings.Cut(id, "@")
	f := strings.Fields(entry)
	if len(f) == 0 || f[0] != lib {
		return false
	}
	for _, b := range f[1:] {
		switch {
		case strings.HasPrefix(b, ">=") && merge.CompareVersions(ver, b[2:]) < 0,
			strings.HasPrefix(b, "<") && merge.CompareVersions(ver, b[1:]) >= 0:
			return false
		}
	}
	return true
}

// TestLintsAgainstRecordings runs every recorded case of every library: each
// check must fire on the engine's result exactly where the recorded wire
// shows its pitfall, and its Applies must name exactly the recorded versions
// where it fires.
func TestLintsAgainstRecordings(t *testing.T) {
	div := loadDivergences(t)
	fired := map[string]map[string]int{} // code → library@version → cases
	versions := map[string]bool{}
	for _, lib := range loadStored(t) {
		for _, r := range lib.releases {
			if _, _, err := testRegistry.Lookup(lib.name + "@" + r); err == nil {
				versions[lib.name+"@"+r] = true
			}
		}
		for _, f := range lib.files {
			for _, c := range f.Cases {
				for _, v := range c.Variants {
					set, _ := fixture.ParseSet(v.Releases, lib.releases)
					set = slices.DeleteFunc(set, func(r string) bool { return !versions[lib.name+"@"+r] })
					if len(set) == 0 {
						continue // only yanked releases: Lookup refuses them
					}
					name := lib.name + "@" + set[0] + "/" + c.Name
					want := fixture.Denormalize(v.Want, set[0])
					sc, err := merge.ParseScenario(c.ScenarioFor(lib.name, set[0]), "")
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					if slices.ContainsFunc(div, func(d *divergence) bool { return d.covers(lib.name, set[0], c.Name) }) {
						continue // the engine's wire is not the recording's: nothing to hold it to
					}
					res, err := testRegistry.Resolve(sc)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					var wantCodes []string
					if want.Outcome == merge.OutcomeSent {
						for _, ch := range merge.Checks() {
							if witnesses[ch.Code](recorded{sc, want.Request}) {
								wantCodes = append(wantCodes, ch.Code)
							}
						}
					}
					var got []string
					for _, l := range res.Lints {
						got = append(got, l.Code)
						if l.Message == "" || l.Ref == "" || l.Severity == "" {
							t.Errorf("%s: lint %+v lacks a message, ref or severity", name, l)
						}
					}
					if !slices.Equal(got, wantCodes) {
						t.Errorf("lints(%s) = %v, want %v (from the recorded wire)", name, got, wantCodes)
					}
					// The variant is what every release of its set recorded.
					for _, code := range wantCodes {
						if fired[code] == nil {
							fired[code] = map[string]int{}
						}
						for _, r := range set {
							fired[code][lib.name+"@"+r]++
						}
					}
				}
			}
		}
	}
	for _, ch := range merge.Checks() {
		if witnesses[ch.Code] == nil {
			t.Errorf("check %s has no witness in this test", ch.Code)
		}
		var ids []string
		for id := range versions {
			in := slices.ContainsFunc(ch.Applies, func(e string) bool { return applies(e, id) })
			if in != (fired[ch.Code][id] > 0) {
				t.Errorf("%s: Applies %v says %v for %s, but it fires on %d recorded cases there", ch.Code, ch.Applies, in, id, fired[ch.Code][id])
			}
			if fired[ch.Code][id] > 0 {
				ids = append(ids, fmt.Sprintf("%s:%d", id, fired[ch.Code][id]))
			}
		}
		sort.Strings(ids)
		t.Logf("%-24s %s", ch.Code, strings.Join(ids, " "))
	}
}
