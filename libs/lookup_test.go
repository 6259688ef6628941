package libs

import (
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// TestLookupReleases: what a version's answer rests on, from the recorded releases.
func TestLookupReleases(t *testing.T) {
	for _, tc := range []struct {
		id      string
		warning string // substring of the one warning; "" = none
		err     string // substring of the error
		reason  string
	}{
		{id: "httpx@0.14.1", reason: "a recorded release is answered from its own recording, without a warning"},
		{id: "httpx@0.15.1", reason: "so is every release inside a profile: none is 'not recorded' any more"},
		{id: "resty@2.17.1", reason: "and a release beside the one recorded first"},
		{id: "httpx@0.29.0", warning: "newer than the newest recorded release, 0.28.1", reason: "a newer release inside the open-ended profile is answered with a warning"},
		{id: "httpx@0.14.7", err: "not a release of httpx that its registry lists; nearest recorded releases: 0.14.3 and 0.15.0", reason: "an unknown release is refused, naming its recorded neighbours"},
		{id: "requests@2.32.0", err: `withdrawn from its registry (yanked: "Yanked due to conflicts with CVE-2024-35195 mitigation"); use another release: nearest recorded releases: 2.31.0 and 2.32.2`, reason: "a yanked release is refused although it was recorded"},
		{id: "fetch@20.2.0", warning: "bundles the same undici as 20.1.0", reason: "a Node release bundling a recorded undici is answered from that recording"},
		{id: "requests@2.26.0", reason: "a release people run (issue 11) resolves from its own recording, with no 'was not recorded' warning"},
		{id: "axios@1.6.8", reason: "as do the others the issue names"},
		{id: "httpx@0.99.0", warning: "newer than the newest recorded release, 0.28.1", reason: "a far newer release is answered with the newer-than-newest warning"},
		{id: "axios@1.999.0", warning: "newer than the newest recorded release", reason: "a release past the newest recorded one (published after the list was refreshed) is answered with a warning, as in a bounded range as in an open one"},
		{id: "axios@0.36.0", warning: "newer than the newest recorded release, 0.35.0", reason: "so is a backport past the newest release of a bounded line"},
		{id: "requests@2.32.1", err: "withdrawn from its registry (yanked: ", reason: "the second yanked requests release is refused too"},
		{id: "fetch@20", err: "nearest recorded releases:", reason: "a Node major alone is no release"},
		{id: "urllib3@1.25", err: `urllib3@1.25 was withdrawn from its registry (yanked: "Broken release"); use another release: nearest recorded releases: 1.26.0`,
			reason: "a yanked release outside every profile says that it was yanked and why, not only that no profile covers it"},
		{id: "aiohttp@3.8.2", err: `aiohttp@3.8.2 was withdrawn from its registry (yanked: "This version includes overly restrictive multidict upper boundary disallowing multidict v6+.`,
			reason: "aiohttp 3.8.2, between the recorded 3.8.1 and 3.8.3, is refused with PyPI's reason for the yank"},
		{id: "aiohttp@3.12.1", err: `aiohttp@3.12.1 was withdrawn from its registry (yanked: "regression handling requests with None body https://github.com/aio-libs/aiohttp/pull/11035"); use another release: nearest recorded releases: 3.12.0 and 3.12.2`,
			reason: "a yanked release inside a profile, recorded or not, is refused with the reason too"},
		{id: "aiohttp@3.7.4", err: "aiohttp@3.7.4 is outside every aiohttp profile: it is older than the oldest recorded release, 3.8.0; profiles: aiohttp >=3.8.0 <3.8.2;",
			reason: "a registry release older than every profile says so, with the oldest recorded release"},
		{id: "aiohttp@4.0.0", err: "aiohttp@4.0.0 is outside every aiohttp profile: it is newer than the newest recorded release, 3.14.5; profiles:",
			reason: "a release past a bounded last profile says it is newer than what was recorded"},
	} {
		sc, err := merge.ParseScenario([]byte(`{"mergeplay":1,"request":{"url":"http://a.test/"}}`), tc.id)
		if err != nil {
			t.Fatal(err)
		}
		res, err := testRegistry.Resolve(sc)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: Resolve(%s) error = %v, want one containing %q", tc.reason, tc.id, err, tc.err)
			}
		case err != nil:
			t.Errorf("%s: Resolve(%s): %v", tc.reason, tc.id, err)
		case tc.warning == "" && len(res.Warnings) > 0:
			t.Errorf("%s: Resolve(%s) warns %q", tc.reason, tc.id, res.Warnings)
		case tc.warning != "" && (len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], tc.warning)):
			t.Errorf("%s: Resolve(%s) warnings = %q, want one containing %q", tc.reason, tc.id, res.Warnings, tc.warning)
		}
	}
}
