// Command sitebuild builds the playground into dist/: the engine compiled to
// WebAssembly, wasm_exec.js from the same GOROOT, content-hashed assets, and
// the default and example results pre-rendered natively with the merge package.
//
// Usage: go run ./cmd/sitebuild [-out dist] [-web web]
//
//	go run ./cmd/sitebuild -pack engine.wasm
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"log"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/mergeplay/mergeplay/libs"
	"github.com/mergeplay/mergeplay/merge"
)

func main() {
	out := flag.String("out", "dist", "output folder (replaced)")
	web := flag.String("web", "web", "page sources")
	wasmPkg := flag.String("wasm", "./wasm", "package of the browser build")
	netlify := flag.String("netlify", "netlify.toml", "Netlify configuration whose CSP must allow the inline style and boot script")
	writeCSP := flag.Bool("write-csp", false, "write the inline style's and boot script's hashes into the CSP rules for / and /index.html of -netlify")
	pack := flag.String("pack", "", "only join the data segments of this Go-built .wasm file, in place (for tests/browser/bench-libs.mjs)")
	flag.Parse()
	if *pack != "" {
		if err := packFile(*pack); err != nil {
			log.Fatalf("sitebuild: %s: %v", *pack, err)
		}
		return
	}
	if err := build(*web, *out, *wasmPkg, *netlify, *writeCSP); err != nil {
		log.Fatalf("sitebuild: %v", err)
	}
}

// wasmBuildFlags build the browser engine (`go build` flags, GOOS=js
// GOARCH=wasm). -gcflags=all=-l (no inlining): 7.25 MB instead of 7.79 MB raw,
// 1.20 MB instead of 1.42 MB brotli, and less code to compile before the
// first result; the edit-to-render time is measured by `make bench-web`.
// tests/browser/bench-libs.mjs builds with the same flags.
var wasmBuildFlags = []string{"-trimpath", "-ldflags=-s -w", "-gcflags=all=-l"}

// Example is one entry of web/examples/index.json plus its scenario.
type Example struct {
	Slug        string `json:"slug"`
	File        string `json:"file,omitempty"`
	Compare     string `json:"compare"`
	Description string `json:"description"`
	Title       string `json:"title"`
	// Look is the one sentence the page shows under the title: what to look
	// at. Highlight names the lines that make the example's point, as the
	// diff keys them ("header Authorization", "query page", "url", "body");
	// without it the page highlights the diff's semantic changes.
	Look      string   `json:"look"`
	Highlight []string `json:"highlight,omitempty"`
	// Pins are versions the compare-all table shows besides each library's
	// newest.
	Pins []string `json:"pins,omitempty"`
	// Refs are the threads the example reproduces (an issue, a pull request,
	// an advisory): the page links them under the headline and the Markdown
	// export cites them. They live in index.json, never in the scenario, so
	// they cannot reach an exported program or a share link.
	Refs     []Ref  `json:"refs,omitempty"`
	Library  string `json:"library"`
	Scenario string `json:"scenario"` // the file's text, key order kept
}

// Ref is one thread an example is drawn from.
type Ref struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// checkRefs refuses what the page would not link: a URL that is not plain
// https (no userinfo, no whitespace), a title that is empty, long or holds
// control characters, and a URL listed twice.
func checkRefs(refs []Ref) error {
	seen := map[string]bool{}
	for i, r := range refs {
		at := fmt.Sprintf("refs[%d]", i)
		if strings.TrimSpace(r.Title) == "" || len(r.Title) > 200 || strings.IndexFunc(r.Title, unicode.IsControl) >= 0 {
			return fmt.Errorf("%s.title: give a one-line title of at most 200 bytes", at)
		}
		u, err := url.Parse(r.URL)
		if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || u.Opaque != "" ||
			len(r.URL) > 2000 || strings.IndexFunc(r.URL, func(c rune) bool { return unicode.IsSpace(c) || unicode.IsControl(c) }) >= 0 {
			return fmt.Errorf("%s.url %q: must be an https:// URL with a host, without userinfo or whitespace", at, r.URL)
		}
		if seen[r.URL] {
			return fmt.Errorf("%s.url %q: listed twice", at, r.URL)
		}
		seen[r.URL] = true
	}
	return nil
}

type site struct {
	web, out string
	assets   map[string]string // source name → /assets/… URL
	files    map[string][]byte // dist-relative path → content
}

func build(web, out, wasmPkg, netlify string, writeCSP bool) error {
	s := &site{web: web, out: out, assets: map[string]string{}, files: map[string][]byte{}}
	tmp, err := os.MkdirTemp("", "sitebuild")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	// 1. The engine, and wasm_exec.js from the GOROOT that built it.
	goBin := os.Getenv("GO")
	if goBin == "" {
		goBin = "go"
	}
	wasmPath := filepath.Join(tmp, "mergeplay.wasm")
	cmd := exec.Command(goBin, append([]string{"build"}, append(wasmBuildFlags, "-o", wasmPath, wasmPkg)...)...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("building %s for js/wasm: %w", wasmPkg, err)
	}
	goroot, err := exec.Command(goBin, "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	wasmExec, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return err
	}
	wasm, err := os.ReadFile(wasmPath)
	if err != nil {
		return err
	}
	linked := len(wasm)
	wasm, before, after, err := packData(wasm)
	if err != nil {
		return fmt.Errorf("packing the data segments of %s: %w", wasmPkg, err)
	}
	log.Printf("sitebuild: engine %d bytes as linked, %d with its %d data segments joined into %d", linked, len(wasm), before, after)
	s.add("wasm/mergeplay.wasm", wasm)
	s.add("wasm_exec.js", wasmExec)

	// 2. Examples, resolved natively: a broken example fails the build.
	examples, err := loadExamples(filepath.Join(web, "examples"))
	if err != nil {
		return err
	}

	// 3. The engine's worker (it imports wasm_exec.js), then the data modules:
	// libraries, capabilities, examples, pre-rendered results, the engine's URLs.
	if _, err := s.addModules(filepath.Join(web, "js"), "engine-worker.js", nil); err != nil {
		return err
	}
	data, results, pre, err := dataModules(examples, s.assets, len(wasm))
	if err != nil {
		return err
	}
	s.add("data.js", data)
	s.add("results.js", results)
	embedData, err := s.embedDataModules(examples, pre, len(wasm))
	if err != nil {
		return err
	}
	s.add("embed-data.js", embedData)

	// 4. CSS, the embed's early script, then ES modules with their imports rewritten to hashed names.
	for _, name := range []string{"style.css", "js/embed-boot.js"} {
		b, err := os.ReadFile(filepath.Join(web, name))
		if err != nil {
			return err
		}
		if strings.HasSuffix(name, ".js") {
			if b, err = minifyJS(name, b, false); err != nil {
				return err
			}
		}
		s.add(filepath.Base(name), b)
	}
	modules, err := s.addModules(filepath.Join(web, "js"), "app.js", nil)
	if err != nil {
		return err
	}

	// 5. index.html with the default example pre-rendered, and the stylesheet
	// and theme.js inline, each allowed by its hash in netlify.toml's CSP:
	// nothing is fetched before the first paint. (theme.js as a file in
	// <head> blocked the parser and the first paint for its round trip, 20 to
	// 360 ms of the default page's first paint on the loaded 2-core machine.)
	css, err := os.ReadFile(filepath.Join(web, "style.css"))
	if err != nil {
		return err
	}
	boot, err := bootScript(web)
	if err != nil {
		return err
	}
	if err := checkInlineHashes(netlify, writeCSP, inlineStyle(css), inlineBoot(boot)); err != nil {
		return err
	}
	html, err := s.page(examples, modules, css, boot)
	if err != nil {
		return err
	}
	s.files["index.html"] = html

	// 6. The embed: /embed/ (one static page for every scenario, same hashed
	// assets, so many embeds share one cached engine) and the loader /embed.js,
	// which docs pages reference by a stable URL and so cannot be hashed.
	// The embed's modules import embed-data.js where the page's import
	// data.js: five embeds of a docs page parse their modules in one renderer,
	// and the page's data (every profile's capabilities and reasons, the
	// gallery's texts) and results.js were most of what they parsed.
	embedModules, err := s.addModules(filepath.Join(web, "js"), "embed-page.js", map[string]string{"data.js": "embed-data.js"})
	if err != nil {
		return err
	}
	if s.files["embed/index.html"], err = s.embedPage(embedModules); err != nil {
		return err
	}
	loader, err := os.ReadFile(filepath.Join(web, "embed.js"))
	if err != nil {
		return err
	}
	if n := gzipSize(loader); n > embedBudget {
		return fmt.Errorf("web/embed.js is %d bytes gzipped; the budget is %d", n, embedBudget)
	}
	s.files["embed.js"] = loader
	if s.files["404.html"], err = notFoundPage(s.assets["style.css"]); err != nil {
		return err
	}

	if err := os.RemoveAll(out); err != nil {
		return err
	}
	var names []string
	for name := range s.files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, s.files[name], 0o644); err != nil {
			return err
		}
	}
	log.Printf("sitebuild: wrote %d files to %s (engine %d bytes)", len(names), out, len(wasm))
	return nil
}

// add stores an asset under a content-hashed name and records its URL.
func (s *site) add(name string, b []byte) string {
	sum := sha256.Sum256(b)
	h := hex.EncodeToString(sum[:])[:10]
	dir, file := filepath.Split(name)
	ext := filepath.Ext(file)
	hashed := "assets/" + dir + strings.TrimSuffix(file, ext) + "." + h + ext
	s.files[hashed] = b
	s.assets[name] = "/" + hashed
	return "/" + hashed
}

var importRE = regexp.MustCompile(`((?:import|from)\s*\(?\s*)(["'])\./([A-Za-z0-9_.-]+\.js)(["'])`)

// addModules adds an ES module and, first, every module it imports from the
// same folder, rewriting the import specifiers to the hashed names. An import
// of a name in alias is pointed at the asset alias names instead (the embed's
// data module for data.js). It returns the URLs of every module added, for
// modulepreload.
func (s *site) addModules(dir, entry string, alias map[string]string) ([]string, error) {
	var order []string
	state := map[string]int{} // 1 visiting, 2 done
	// This graph's modules: a module that imports an aliased one differs from
	// the page's copy (and gets its own hash), so s.assets, which holds the
	// last copy added, is not where this graph looks its imports up.
	urls := map[string]string{}
	lookup := func(name string) (string, bool) {
		if a, ok := alias[name]; ok {
			name = a
		}
		if u, ok := urls[name]; ok {
			return u, true
		}
		u, ok := s.assets[name]
		return u, ok
	}
	var visit func(name string) error
	visit = func(name string) error {
		if a, ok := alias[name]; ok {
			name = a
		}
		switch state[name] {
		case 1:
			return fmt.Errorf("import cycle through %s", name)
		case 2:
			return nil
		}
		state[name] = 1
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			if _, ok := s.assets[name]; ok { // generated (data.js) or copied (wasm_exec.js)
				state[name] = 2
				return nil
			}
			return err
		}
		var firstErr error
		for _, m := range importRE.FindAllSubmatch(src, -1) {
			if err := visit(string(m[3])); err != nil && firstErr == nil {
				firstErr = err
			}
		}
		if firstErr != nil {
			return firstErr
		}
		out := importRE.ReplaceAllFunc(src, func(m []byte) []byte {
			sm := importRE.FindSubmatch(m)
			url, ok := lookup(string(sm[3]))
			if !ok {
				return m
			}
			return []byte(string(sm[1]) + string(sm[2]) + "./" + filepath.Base(url) + string(sm[4]))
		})
		if name != "wasm_exec.js" {
			var err error
			if out, err = minifyJS(name, out, true); err != nil {
				return err
			}
		}
		urls[name] = s.add(name, out)
		order = append(order, urls[name])
		state[name] = 2
		return nil
	}
	if err := visit(entry); err != nil {
		return nil, err
	}
	if u, ok := lookup("data.js"); ok && entry != "engine-worker.js" {
		order = append(order, u) // generated, so not visited above
	}
	return order, nil
}

func loadExamples(dir string) ([]Example, error) {
	b, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		return nil, err
	}
	var idx struct {
		Examples []Example `json:"examples"`
	}
	if err := json.Unmarshal(b, &idx); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "index.json"), err)
	}
	seen := map[string]bool{}
	for i := range idx.Examples {
		ex := &idx.Examples[i]
		if seen[ex.Slug] || !regexp.MustCompile(`^[a-z0-9-]+$`).MatchString(ex.Slug) {
			return nil, fmt.Errorf("example slug %q is repeated or not [a-z0-9-]+", ex.Slug)
		}
		seen[ex.Slug] = true
		text, err := os.ReadFile(filepath.Join(dir, ex.File))
		if err != nil {
			return nil, err
		}
		var meta struct{ Title, Library string }
		if err := json.Unmarshal(text, &meta); err != nil {
			return nil, fmt.Errorf("%s: %w", ex.File, err)
		}
		if meta.Title == "" {
			return nil, fmt.Errorf("%s: an example needs a title", ex.File)
		}
		if ex.Look == "" {
			ex.Look = ex.Description
		}
		if err := checkRefs(ex.Refs); err != nil {
			return nil, fmt.Errorf("example %s: %w", ex.Slug, err)
		}
		ex.Title, ex.Library, ex.Scenario = meta.Title, meta.Library, strings.TrimSpace(string(text))
		if _, aerr := libs.Registry().ResolveDoc(text, ""); aerr != nil {
			return nil, fmt.Errorf("example %s does not resolve: %s", ex.Slug, aerr.Message)
		}
		ex.File = ""
	}
	return idx.Examples, nil
}

// Prerendered is a result computed at build time for a scenario text.
type Prerendered struct {
	Scenario string          `json:"scenario"`
	Compare  string          `json:"compare"`
	Result   json.RawMessage `json:"result"`
	Diff     json.RawMessage `json:"diff,omitempty"`
}

// clientAlone is the scenario with the request reduced to its method and URL:
// what the client's defaults send by themselves.
func clientAlone(doc string) (string, error) {
	v, err := merge.DecodeValue([]byte(doc))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("{")
	for i, f := range v.Fields {
		if i > 0 {
			b.WriteString(",")
		}
		k, _ := json.Marshal(f.Key)
		b.Write(k)
		b.WriteString(":")
		if f.Key == "request" {
			var parts []string
			for _, rf := range f.Value.Fields {
				if rf.Key == "method" || rf.Key == "url" {
					kk, _ := json.Marshal(rf.Key)
					parts = append(parts, string(kk)+":"+encodeValue(rf.Value))
				}
			}
			b.WriteString("{" + strings.Join(parts, ",") + "}")
			continue
		}
		b.WriteString(encodeValue(f.Value))
	}
	b.WriteString("}")
	return b.String(), nil
}

// origin is an absolute or protocol-relative URL's scheme, host and leading slashes.
var origin = regexp.MustCompile(`^(?i:[a-z][a-z\d+.-]*:)?//[^/?#]*/*`)

// baseRequest is the scenario with its request URL made relative, so that it
// goes to the client's base URL (web/js/scenario.js's baseRequestText).
func baseRequest(doc string) (string, error) {
	v, err := merge.DecodeValue([]byte(doc))
	if err != nil {
		return "", err
	}
	for i, f := range v.Fields {
		if f.Key != "request" {
			continue
		}
		for j, rf := range f.Value.Fields {
			if rf.Key == "url" && rf.Value.Kind == merge.String {
				v.Fields[i].Value.Fields[j].Value.Text = origin.ReplaceAllString(rf.Value.Text, "")
			}
		}
	}
	return encodeValue(v), nil
}

func encodeValue(v merge.Value) string {
	switch v.Kind {
	case merge.Null:
		return "null"
	case merge.Undefined:
		return `{"$undefined":true}`
	case merge.Bool:
		if v.Bool {
			return "true"
		}
		return "false"
	case merge.Number:
		return v.Text
	case merge.String:
		b, _ := json.Marshal(v.Text)
		return string(b)
	case merge.Array:
		var parts []string
		for _, it := range v.Items {
			parts = append(parts, encodeValue(it))
		}
		return "[" + strings.Join(parts, ",") + "]"
	case merge.Object:
		var parts []string
		for _, f := range v.Fields {
			k, _ := json.Marshal(f.Key)
			parts = append(parts, string(k)+":"+encodeValue(f.Value))
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	return "null"
}

func diffFor(scenario, compare string) (json.RawMessage, error) {
	in, err := diffInput(scenario, compare)
	if in == "" || err != nil {
		return nil, err
	}
	return libs.Registry().DiffJSON([]byte(in)), nil
}

// diffInput is the engine's diff document for an example's "compare with": "" when it has none.
func diffInput(scenario, compare string) (string, error) {
	switch compare {
	case "":
		return "", nil
	case "client", "base":
		other := clientAlone
		if compare == "base" {
			other = baseRequest
		}
		b, err := other(scenario)
		if err != nil {
			return "", err
		}
		return `{"a":` + scenario + `,"b":` + b + `}`, nil
	}
	c, _ := json.Marshal(compare)
	return `{"a":` + scenario + `,"against":` + string(c) + `}`, nil
}

// languages names how each library spells the scenario states, for the labels.
var languages = func() map[string]string {
	m := map[string]string{}
	for _, p := range libs.Registry().Libraries() {
		m[p.Library] = p.Language
	}
	return m
}()

// probeLocations are the places a state control appears in the form.
var probeLocations = []struct{ side, field, key string }{
	{"client", "base_url", ""}, {"client", "prefix", ""}, {"client", "allowAbsoluteUrls", ""},
	{"client", "headers", ""}, {"client", "params", ""}, {"client", "cookies", ""}, {"client", "auth", ""},
	{"client", "headers", "X-A"}, {"client", "params", "a"}, {"client", "cookies", "a"},
	{"request", "method", ""}, {"request", "headers", ""}, {"request", "params", ""}, {"request", "cookies", ""},
	{"request", "auth", ""}, {"request", "json", ""}, {"request", "body", ""}, {"request", "via", ""},
	{"request", "allowAbsoluteUrls", ""},
	{"request", "headers", "X-A"}, {"request", "params", "a"}, {"request", "cookies", "a"},
}

var probeValues = map[string]string{
	"base_url": `"http://a.test/"`, "prefix": `"v1"`, "allowAbsoluteUrls": `true`, "method": `"GET"`,
	"auth": `{"username":"u","password":"p"}`, "json": `{"a":1}`, "body": `"x"`, "via": `"stream"`,
	"headers": `{"X-B":"1"}`, "params": `{"b":"1"}`, "cookies": `{"b":"1"}`,
}

// probe checks each profile natively: for every form location and
// state, the outcome (sent, error, unsupported, invalid). The page offers a
// state only where the library can express it.
//
// probe also returns, for each unsupported location and state, the
// engine's reason, which the form shows next to a field the library cannot
// express. Reasons repeat across profiles and states, so they are numbered:
// {"texts": [...], "at": {profile: {loc: {state: index into texts}}}}.
func probe() (map[string]map[string]map[string]string, map[string]any) {
	out := map[string]map[string]map[string]string{}
	reasons := map[string]map[string]map[string]int{}
	var texts []string
	index := map[string]int{}
	states := map[string]string{"value": "", "null": "null", "undefined": `{"$undefined":true}`, "false": "false"}
	for _, p := range libs.Registry().Libraries() {
		caps := map[string]map[string]string{}
		for _, loc := range probeLocations {
			name := loc.side + "." + loc.field
			if loc.key != "" {
				name += "[]"
			}
			caps[name] = map[string]string{}
			for st, lit := range states {
				if st == "value" {
					lit = probeValues[loc.field]
					if loc.key != "" {
						lit = `"1"`
					}
				}
				v := lit
				if loc.key != "" {
					v = fmt.Sprintf(`{%q:%s}`, loc.key, lit)
				}
				var req string
				if loc.side == "request" {
					req = fmt.Sprintf(`,%q:%s`, loc.field, v)
				}
				doc := fmt.Sprintf(`{"mergeplay":1,"library":%q,"client":{%s},"request":{"url":"http://a.test/x"%s}}`,
					p.Default, map[bool]string{true: fmt.Sprintf(`%q:%s`, loc.field, v)}[loc.side == "client"], req)
				if loc.side == "request" && loc.field == "method" {
					doc = fmt.Sprintf(`{"mergeplay":1,"library":%q,"request":{"url":"http://a.test/x","method":%s}}`, p.Default, v)
				}
				res, aerr := libs.Registry().ResolveDoc([]byte(doc), "")
				switch {
				case aerr != nil:
					caps[name][st] = "invalid"
				default:
					caps[name][st] = res.Outcome
				}
				if aerr == nil && res.Outcome == merge.OutcomeUnsupported && res.Reason != "" {
					i, ok := index[res.Reason]
					if !ok {
						i = len(texts)
						index[res.Reason] = i
						texts = append(texts, res.Reason)
					}
					if reasons[p.Profile] == nil {
						reasons[p.Profile] = map[string]map[string]int{}
					}
					if reasons[p.Profile][name] == nil {
						reasons[p.Profile][name] = map[string]int{}
					}
					reasons[p.Profile][name][st] = i
				}
			}
		}
		out[p.Profile] = caps
	}
	return out, map[string]any{"texts": texts, "at": reasons}
}

// pageProfile is what the page needs of a profile before the engine has
// loaded (picker, labels, library note). Rules, switches and notes come from
// the engine's own libraries() once it runs, so they are not shipped twice.
type pageProfile struct {
	Library  string   `json:"library"`
	Language string   `json:"language"`
	Profile  string   `json:"profile"`
	Min      string   `json:"min,omitempty"`
	Max      string   `json:"max,omitempty"`
	Verified string   `json:"verified"`
	Recorded []string `json:"recorded"`
	Default  string   `json:"default"`
	Runtime  string   `json:"runtime,omitempty"`
}

// dataModules writes data.js, which every page loads (profiles, capabilities,
// examples, the default example's result, the engine's URL), and results.js,
// the other examples' build-time results, which the page imports only when it
// opens an example before the engine has loaded.
func dataModules(examples []Example, assets map[string]string, wasmSize int) (data, results []byte, pre []Prerendered, err error) {
	for _, ex := range examples {
		res := libs.Registry().ResolveJSON([]byte(ex.Scenario))
		d, err := diffFor(ex.Scenario, ex.Compare)
		if err != nil {
			return nil, nil, nil, err
		}
		pre = append(pre, Prerendered{Scenario: ex.Scenario, Compare: ex.Compare, Result: res, Diff: d})
	}
	caps, reasons := probe()
	profiles := pageProfiles()
	values := map[string]any{
		"formatVersion": merge.FormatVersion,
		"libraries":     profiles,
		"languages":     languages,
		"capabilities":  caps,
		"reasons":       reasons,
		"examples":      examples,
		"prerendered":   pre[:1],
		"wasm":          engineURLs(assets, wasmSize),
	}
	if data, err = jsModule([]string{"formatVersion", "libraries", "languages", "capabilities", "reasons", "examples", "prerendered", "wasm"}, values); err != nil {
		return nil, nil, nil, err
	}
	results, err = jsModule([]string{"prerendered"}, map[string]any{"prerendered": pre})
	return data, results, pre, err
}

// engineURLs is the engine's URL and size and its worker's URL, as both pages' data modules give them.
func engineURLs(assets map[string]string, wasmSize int) map[string]any {
	return map[string]any{"url": assets["wasm/mergeplay.wasm"], "size": wasmSize, "worker": assets["engine-worker.js"]}
}

// pageProfiles is every profile without its rules, as both pages' data modules list them.
func pageProfiles() []pageProfile {
	var profiles []pageProfile
	for _, p := range libs.Registry().Libraries() {
		profiles = append(profiles, pageProfile{p.Library, p.Language, p.Profile, p.Min, p.Max, p.Verified, p.Recorded, p.Default, p.Runtime})
	}
	return profiles
}

// jsModule writes a generated ES module: one exported constant per key, in order.
func jsModule(keys []string, v map[string]any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Generated by cmd/sitebuild from the merge package; do not edit.\n")
	for _, k := range keys {
		j, err := json.Marshal(v[k])
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "export const %s = %s;\n", k, j)
	}
	return b.Bytes(), nil
}

// embedExample is what the embed knows of an example before it opens one:
// its scenario, compare and title, and the module holding its build-time
// result (Result, a URL under /assets/results/).
type embedExample struct {
	Slug     string `json:"slug"`
	Title    string `json:"title"`
	Compare  string `json:"compare"`
	Scenario string `json:"scenario"`
	Result   string `json:"result"`
}

// embedDataModules adds one module per example with its build-time result
// (results/<slug>.js: the embed imports only the one it shows) and returns
// embed-data.js, the embed's data.js: the same profiles and engine URLs, the
// examples as embedExample, and no pre-rendered default (prerendered is
// empty: an embed shows the example it names).
func (s *site) embedDataModules(examples []Example, pre []Prerendered, wasmSize int) ([]byte, error) {
	profiles := pageProfiles()
	var exs []embedExample
	for i, ex := range examples {
		m, err := jsModule([]string{"prerendered"}, map[string]any{"prerendered": pre[i : i+1]})
		if err != nil {
			return nil, err
		}
		// loadExamples allows [a-z0-9-]+ slugs only: safe in a file name.
		exs = append(exs, embedExample{ex.Slug, ex.Title, ex.Compare, ex.Scenario, s.add("results/"+ex.Slug+".js", m)})
	}
	return jsModule([]string{"libraries", "examples", "prerendered", "wasm"}, map[string]any{
		"libraries":   profiles,
		"examples":    exs,
		"prerendered": []Prerendered{},
		"wasm":        engineURLs(s.assets, wasmSize),
	})
}

// RawHTTP renders a result like `http --offline`: the request line, the
// headers in wire order and casing, a blank line and the body. The page's
// render.js produces the same text.
func RawHTTP(r *merge.Result) string {
	switch r.Outcome {
	case merge.OutcomeError:
		return r.Error.Type + ": " + r.Error.Message
	case merge.OutcomeUnsupported:
		return "Unsupported: " + r.Reason
	}
	w := r.Request
	var b strings.Builder
	b.WriteString(w.Method + " " + w.Target + " HTTP/1.1\n")
	for _, h := range w.Headers {
		b.WriteString(h[0] + ": " + h[1] + "\n")
	}
	if w.Body != "" {
		b.WriteString("\n")
		if w.BodyBase64 {
			b.WriteString("[binary body, base64] ")
		}
		b.WriteString(w.Body)
		b.WriteString("\n")
	}
	return b.String()
}

// notFoundTemplate is the page every missing path is answered with
// (netlify.toml's 404 rule): no script, no inline style, only the hashed
// stylesheet, so the page's CSP holds it as it is.
var notFoundTemplate = template.Must(template.New("404.html").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not found — mergeplay</title>
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{{.}}">
</head>
<body>
<main class="NotFound">
<h1>Not found</h1>
<p>There is no page at this address. The playground is at <a href="/">mergeplay's start page</a>.</p>
</main>
</body>
</html>
`))

func notFoundPage(style string) ([]byte, error) {
	if !strings.HasPrefix(style, "/assets/") {
		return nil, fmt.Errorf("404 page: the stylesheet %q is not a hashed asset", style)
	}
	var b bytes.Buffer
	err := notFoundTemplate.Execute(&b, style)
	return b.Bytes(), err
}

// embedBudget is the most embed.js may weigh gzipped: docs pages load it on every page view.
const embedBudget = 3 * 1024

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}

func (s *site) embedPage(modules []string) ([]byte, error) {
	tpl, err := template.ParseFiles(filepath.Join(s.web, "embed.html"))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = tpl.Execute(&buf, map[string]any{
		"CSS":     s.assets["style.css"],
		"Boot":    s.assets["embed-boot.js"],
		"App":     s.assets["embed-page.js"],
		"Modules": modules,
		"WASM":    s.assets["wasm/mergeplay.wasm"],
		"Worker":  s.assets["engine-worker.js"],
	})
	return buf.Bytes(), err
}

type libOption struct {
	Value, Label string
}

type libGroup struct {
	Label   string
	Options []libOption
}

// selectedOnly is the group and option of value alone (none when no group offers it).
func selectedOnly(groups []libGroup, value string) []libGroup {
	for _, g := range groups {
		for _, o := range g.Options {
			if o.Value == value {
				return []libGroup{{Label: g.Label, Options: []libOption{o}}}
			}
		}
	}
	return nil
}

// bootScript is theme.js minified, for the index page's inline <script>: the
// one script that runs before the first paint.
func bootScript(web string) ([]byte, error) {
	src, err := os.ReadFile(filepath.Join(web, "js", "theme.js"))
	if err != nil {
		return nil, err
	}
	js, err := minifyJS("theme.js", src, false)
	if err != nil {
		return nil, err
	}
	js = bytes.TrimSpace(js)
	// Inside <script> the HTML parser ends the element at "</script" and
	// treats "<!--" specially; minified code has neither unless a string does.
	if low := bytes.ToLower(js); bytes.Contains(low, []byte("</script")) || bytes.Contains(low, []byte("<!--")) {
		return nil, errors.New("web/js/theme.js: holds \"</script\" or \"<!--\", which would end or change the inline <script>; spell it apart (\"<\\/script\")")
	}
	return js, nil
}

func (s *site) page(examples []Example, modules []string, css, boot []byte) ([]byte, error) {
	tpl, err := template.ParseFiles(filepath.Join(s.web, "index.html"))
	if err != nil {
		return nil, err
	}
	def := examples[0]
	res, aerr := libs.Registry().ResolveDoc([]byte(def.Scenario), "")
	if aerr != nil {
		return nil, fmt.Errorf("default example: %s", aerr.Message)
	}
	var d merge.Diff
	raw, _ := diffFor(def.Scenario, def.Compare)
	_ = json.Unmarshal(raw, &d)
	var groups []libGroup
	for _, p := range libs.Registry().Libraries() {
		if len(groups) == 0 || groups[len(groups)-1].Label != p.Library {
			groups = append(groups, libGroup{Label: p.Library})
		}
		g := &groups[len(groups)-1]
		versions := p.Recorded
		if len(versions) == 0 {
			versions = []string{strings.TrimPrefix(p.Default, p.Library+"@")}
		}
		for _, v := range versions {
			label := p.Library + " " + v
			if p.Verified == merge.SourceDerived {
				label += " (source-derived)"
			}
			g.Options = append(g.Options, libOption{Value: p.Library + "@" + v, Label: label})
		}
	}
	var buf bytes.Buffer
	err = tpl.Execute(&buf, map[string]any{
		// The pickers carry only their selected option: ~440 options each
		// made the page's first style and layout a long task (app.js adds the
		// rest after the first result, or when a picker is used).
		"LibraryPick": selectedOnly(groups, def.Library),
		"ComparePick": selectedOnly(groups, def.Compare),
		"Style":       template.CSS(css),
		"Boot":        template.JS(boot),
		"App":         s.assets["app.js"],
		"Modules":     modules,
		"WASM":        s.assets["wasm/mergeplay.wasm"],
		"Worker":      s.assets["engine-worker.js"],
		"Default":     def,
		"Outcome":     res.Outcome,
		"Profile":     res.Profile,
		"RawHTTP":     RawHTTP(res),
		"Diff":        d.Text(),
		"Examples":    examples,
	})
	return buf.Bytes(), err
}

// inlinePages are the Netlify rules whose page carries the inline style and
// the inline boot script.
var inlinePages = []string{"/", "/index.html"}

// inlineSource is what a page carries inline and its CSP allows by its hash
// (never 'unsafe-inline'): the directive, what the directive allows besides
// the hash, and where the bytes come from (for the error).
type inlineSource struct {
	directive string // "style-src", "script-src"
	base      string // the directive's sources before the hash: "'self'"
	from      string // "web/style.css"
	body      []byte
}

func (in inlineSource) want() string {
	sum := sha256.Sum256(in.body)
	return in.directive + " " + in.base + " 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

func (in inlineSource) re() *regexp.Regexp {
	return regexp.MustCompile(regexp.QuoteMeta(in.directive+" "+in.base) + `(?: 'sha256-[A-Za-z0-9+/=]+')?`)
}

// inlineStyle and inlineBoot are the index page's two inline sources.
func inlineStyle(css []byte) inlineSource {
	return inlineSource{directive: "style-src", base: "'self'", from: "web/style.css", body: css}
}

func inlineBoot(js []byte) inlineSource {
	return inlineSource{directive: "script-src", base: "'self' 'wasm-unsafe-eval'", from: "web/js/theme.js", body: js}
}

// checkInlineHashes makes sure the CSP of every page with the inline sources
// allows exactly them, each by its hash. With write, it puts the hashes into
// netlify.toml instead of failing.
func checkInlineHashes(netlify string, write bool, srcs ...inlineSource) error {
	b, err := os.ReadFile(netlify)
	if err != nil {
		return err
	}
	blocks := strings.Split(string(b), "[[headers]]")
	var errs []string
	for _, in := range srcs {
		want, re := in.want(), in.re()
		var stale []string
		for i, blk := range blocks {
			for _, page := range inlinePages {
				if !strings.Contains(blk, fmt.Sprintf("for = %q\n", page)) {
					continue
				}
				if write {
					blocks[i] = re.ReplaceAllString(blocks[i], want)
				} else if !strings.Contains(blk, want) {
					stale = append(stale, page)
				}
			}
		}
		if len(stale) > 0 {
			errs = append(errs, fmt.Sprintf("%s: the CSP for %s must allow the inline %s of %s with %q (%s changed): run `make csp`",
				netlify, strings.Join(stale, " and "), strings.TrimSuffix(in.directive, "-src"), in.from, want, in.from))
		}
	}
	if write {
		return os.WriteFile(netlify, []byte(strings.Join(blocks, "[[headers]]")), 0o644)
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "\n"))
	}
	return nil
}
