// Command worker-e2e runs the Worker for real under `wrangler dev` on a free
// loopback port, sends every conformance fixture scenario to /api/resolve and
// compares each answer with the engine (what the CLI prints), sends a corpus
// of bad inputs and checks statuses, then stops wrangler. With -bench it
// instead measures latency under a bounded load.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/mergeplay/mergeplay/conformance/fixture"
	"github.com/mergeplay/mergeplay/libs"
	"github.com/mergeplay/mergeplay/merge"
)

func main() {
	fixtures := flag.String("fixtures", "libs", "folder holding <package>/testdata/fixtures/<feature>.json")
	cli := flag.String("cli", "bin/mergeplay", "CLI binary, compared on a sample of scenarios")
	bench := flag.Bool("bench", false, "measure latency instead of testing")
	n := flag.Int("n", 2000, "requests for -bench")
	conc := flag.Int("c", 8, "concurrency")
	run := flag.String("run", "fixtures,timeline,bad,oversize,mix", "test mode: which checks to run (comma-separated)")
	mixN := flag.Int("mix", 100, "requests of the oversize mix in test mode (1 in 20 is a 200 KB body)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("worker-e2e: ")

	port := freePort()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	stop := startWrangler(port)
	defer stop()
	if err := waitHealthy(base, 180*time.Second); err != nil {
		stop()
		log.Fatal(err)
	}
	var failed bool
	if *bench {
		failed = runBench(base, *n, *conc)
	} else {
		checks := map[string]func() bool{
			"fixtures": func() bool { return testFixtures(base, *fixtures, *cli, *conc) },
			"timeline": func() bool { return testTimeline(base) },
			"bad":      func() bool { return testBadInputs(base) },
			"oversize": func() bool { return testOversize(base) },
			"mix":      func() bool { return testMix(base, *mixN, *conc) },
		}
		for _, name := range strings.Split(*run, ",") {
			check, ok := checks[name]
			if !ok {
				stop()
				log.Fatalf("-run: unknown check %q; the checks are fixtures, timeline, bad, oversize, mix", name)
			}
			failed = check() || failed
		}
	}
	stop()
	if failed {
		os.Exit(1)
	}
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startWrangler starts `wrangler dev` in its own process group and returns a
// function that stops the whole group.
func startWrangler(port int) func() {
	logf, _ := os.Create(filepath.Join(os.TempDir(), "mergeplay-wrangler.log"))
	cmd := exec.Command("npx", "--no-install", "wrangler", "dev", "--ip", "127.0.0.1", "--port", fmt.Sprint(port),
		"--inspector-port", fmt.Sprint(freePort()), "--show-interactive-dev-session=false")
	cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "CLOUDFLARE_CF_FETCH_ENABLED=false", "NO_UPDATE_NOTIFIER=1", "CI=1")
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		log.Fatalf("starting wrangler: %v", err)
	}
	log.Printf("wrangler dev pid %d on 127.0.0.1:%d (log: %s)", cmd.Process.Pid, port, logf.Name())
	var once sync.Once
	return func() {
		once.Do(func() {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
				<-done
			}
			logf.Close()
		})
	}
}

func waitHealthy(base string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(300 * time.Millisecond)
	}
	return fmt.Errorf("wrangler did not answer /healthz within %s", limit)
}

type fixtureCase struct {
	Name     string
	Scenario json.RawMessage
}

// loadScenarios reads the stored fixtures below dir (<package>/testdata/fixtures/<feature>.json):
// each case at the first release of each of its variants, so every distinct recording is sent once.
func loadScenarios(dir string) ([]fixtureCase, error) {
	var out []fixtureCase
	paths, err := filepath.Glob(filepath.Join(dir, "*", "testdata", "fixtures", "*.json"))
	if err != nil {
		return nil, err
	}
	for _, p := range paths {
		f, err := fixture.ReadFile(p)
		if err != nil {
			return nil, err
		}
		for _, c := range f.Cases {
			for _, v := range c.Variants {
				set, err := fixture.ParseSet(v.Releases, f.ReleaseList())
				if err != nil {
					return nil, fmt.Errorf("%s: %v", p, err)
				}
				// A release no profile covers yet (libs/testdata/divergences.txt lists it as
				// lib@first..last/*) has nothing to compare: the engine refuses it.
				if _, _, err := libs.Registry().Lookup(f.Library + "@" + set[0]); err != nil {
					continue
				}
				out = append(out, fixtureCase{Name: f.Library + "@" + set[0] + "/" + c.Name, Scenario: c.ScenarioFor(f.Library, set[0])})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func post(base, path, ctype string, body []byte) (int, []byte, error) {
	resp, err := http.Post(base+path, ctype, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// forEach calls f(0) … f(n-1) from conc goroutines and waits for them all.
func forEach(n, conc int, f func(i int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

func sameJSON(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// testFixtures sends every fixture scenario; the Worker must answer exactly
// what the engine answers, and what the CLI prints on a sample.
func testFixtures(base, dir, cli string, conc int) bool {
	cases, err := loadScenarios(dir)
	if err != nil || len(cases) == 0 {
		log.Printf("no fixtures: %v", err)
		return true
	}
	var mu sync.Mutex
	var bad []string
	start := time.Now()
	forEach(len(cases), conc, func(i int) {
		c := cases[i]
		status, got, err := post(base, "/api/resolve", "application/json", c.Scenario)
		want := libs.Registry().ResolveJSON(c.Scenario)
		var problem string
		switch {
		case err != nil:
			problem = err.Error()
		case status != 200:
			problem = fmt.Sprintf("status %d: %s", status, got)
		case !sameJSON(got, want):
			problem = fmt.Sprintf("Worker answer differs from the engine:\n  worker %s\n  engine %s", got, want)
		}
		if problem == "" && i%25 == 0 {
			problem = compareCLI(cli, c.Scenario, got)
		}
		if problem != "" {
			mu.Lock()
			bad = append(bad, c.Name+": "+problem)
			mu.Unlock()
		}
	})
	log.Printf("%d fixture scenarios through the Worker in %s: %d mismatches", len(cases), time.Since(start).Round(time.Millisecond), len(bad))
	sort.Strings(bad)
	for i, b := range bad {
		if i == 20 {
			log.Printf("… and %d more", len(bad)-20)
			break
		}
		log.Print(b)
	}
	return len(bad) > 0
}

func compareCLI(cli string, scenario, got []byte) string {
	cmd := exec.Command(cli, "resolve", "-")
	cmd.Stdin = bytes.NewReader(scenario)
	out, err := cmd.Output()
	if err != nil {
		return fmt.Sprintf("CLI: %v", err)
	}
	if !sameJSON(out, got) {
		return fmt.Sprintf("Worker answer differs from the CLI:\n  worker %s\n  cli    %s", got, out)
	}
	return ""
}

type badInput struct {
	reason, method, path, ctype, body string
	status                            int
	field                             string
}

func badInputs() []badInput {
	ok := `{"mergeplay":1,"library":"httpx@0.14.2","request":{"url":"http://a.test/"}}`
	many := `{"mergeplay":1,"library":"httpx@0.14.2","request":{"url":"http://a.test/","headers":{` + strings.Repeat(`"X-A":"1",`, 0)
	var hs []string
	for i := 0; i < 300; i++ {
		hs = append(hs, fmt.Sprintf(`"X-%d":"v"`, i))
	}
	many += strings.Join(hs, ",") + `}}}`
	return []badInput{
		{"invalid JSON", "POST", "/api/resolve", "application/json", `{"mergeplay":`, 400, ""},
		{"not an object", "POST", "/api/resolve", "application/json", `[1,2]`, 400, "(root)"},
		{"CR/LF in a header value", "POST", "/api/resolve", "application/json", `{"mergeplay":1,"library":"httpx@0.14.2","request":{"headers":{"X-A":"a\r\nb"}}}`, 400, `request.headers["X-A"]`},
		{"header name not a token", "POST", "/api/resolve", "application/json", `{"mergeplay":1,"library":"httpx@0.14.2","request":{"headers":{"X A":"b"}}}`, 400, `request.headers["X A"]`},
		{"too many headers", "POST", "/api/resolve", "application/json", many, 400, "request.headers"},
		{"deep nesting", "POST", "/api/resolve", "application/json", `{"mergeplay":1,"library":"httpx@0.14.2","request":{"json":` + strings.Repeat("[", 64) + strings.Repeat("]", 64) + `}}`, 400, "request.json[0]"},
		{"unknown library", "POST", "/api/resolve", "application/json", `{"mergeplay":1,"library":"nope@1"}`, 400, "library"},
		{"unknown version", "POST", "/api/resolve", "application/json", `{"mergeplay":1,"library":"httpx@0.1.0"}`, 400, "library"},
		{"version that is not a number", "POST", "/api/resolve", "application/json", `{"mergeplay":1,"library":"httpx@latest"}`, 400, "library"},
		{"a comma in the content type still parses as JSON", "POST", "/api/resolve", "application/json, text/plain", ok, 200, ""},
		{"text/plain", "POST", "/api/resolve", "text/plain", ok, 415, ""},
		{"form content type", "POST", "/api/diff", "application/x-www-form-urlencoded", ok, 415, ""},
		{"body over 64 KiB", "POST", "/api/resolve", "application/json", `{"mergeplay":1,"library":"httpx@0.14.2","request":{"body":"` + strings.Repeat("x", 70<<10) + `"}}`, 413, ""},
		{"GET on resolve", "GET", "/api/resolve", "", "", 405, ""},
		{"PUT on diff", "PUT", "/api/diff", "application/json", ok, 405, ""},
		{"POST on libraries", "POST", "/api/libraries", "application/json", ok, 405, ""},
		{"unknown path", "GET", "/nope", "", "", 404, ""},
		{"diff without b", "POST", "/api/diff", "application/json", `{"a":` + ok + `}`, 400, "b"},
		{"diff with a bad b", "POST", "/api/diff", "application/json", `{"a":` + ok + `,"b":{"mergeplay":1,"library":"nope@1"}}`, 400, "b.library"},
		{"diff against", "POST", "/api/diff", "application/json", `{"a":` + ok + `,"against":"httpx@0.14.1"}`, 200, ""},
		{"libraries", "GET", "/api/libraries", "", "", 200, ""},
		{"diff keys are case-sensitive", "POST", "/api/diff", "application/json", `{"a":` + ok + `,"Against":"httpx@0.14.1"}`, 400, "Against"},
		{"diff A is not a", "POST", "/api/diff", "application/json", `{"A":` + ok + `,"against":"httpx@0.14.1"}`, 400, "A"},
		{"a repeated diff key", "POST", "/api/diff", "application/json", `{"a":` + ok + `,"a":` + ok + `,"against":"httpx@0.14.1"}`, 400, "a"},
		{"an unknown diff key", "POST", "/api/diff", "application/json", `{"a":` + ok + `,"against":"httpx@0.14.1","x":1}`, 400, "x"},
		{"a doubled slash is a JSON 404, not a redirect", "POST", "//api/resolve", "application/json", ok, 404, ""},
		{"timeline without a scenario", "POST", "/api/timeline", "application/json", `{"library":"httpx"}`, 400, "scenario"},
		{"timeline of an unknown library", "POST", "/api/timeline", "application/json", `{"scenario":` + ok + `,"library":"nope"}`, 400, "library"},
		{"GET on timeline", "GET", "/api/timeline", "", "", 405, ""},
	}
}

// testTimeline sends each example of the page's timeline to /api/timeline
// and compares the answer with the engine's.
func testTimeline(base string) bool {
	failed := false
	for _, ex := range []struct{ file, library string }{{"auth-none.json", "httpx"}, {"ky-params-accumulate.json", "ky"}} {
		doc, err := os.ReadFile(filepath.Join("web", "examples", ex.file))
		if err != nil {
			log.Printf("timeline: %v", err)
			return true
		}
		body := []byte(`{"scenario":` + string(doc) + `,"library":"` + ex.library + `"}`)
		start := time.Now()
		status, got, err := post(base, "/api/timeline", "application/json", body)
		want := libs.Registry().TimelineJSON(body)
		switch {
		case err != nil:
			log.Printf("timeline %s: %v", ex.file, err)
			failed = true
		case status != 200 || !sameJSON(got, want):
			log.Printf("timeline %s: status %d, Worker answer differs from the engine:\n  worker %.300s\n  engine %.300s", ex.file, status, got, want)
			failed = true
		default:
			log.Printf("timeline of %s over %s through the Worker in %s", ex.file, ex.library, time.Since(start).Round(time.Millisecond))
		}
	}
	return failed
}

func testBadInputs(base string) bool {
	failed := false
	for _, b := range badInputs() {
		req, _ := http.NewRequest(b.method, base+b.path, strings.NewReader(b.body))
		if b.ctype != "" {
			req.Header.Set("Content-Type", b.ctype)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			log.Printf("%s: %v", b.reason, err)
			failed = true
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var e struct {
			Error *merge.APIError `json:"error"`
		}
		_ = json.Unmarshal(body, &e)
		switch {
		case resp.StatusCode != b.status:
			log.Printf("%s: status %d, want %d: %s", b.reason, resp.StatusCode, b.status, body)
			failed = true
		case b.status >= 400 && (e.Error == nil || e.Error.Message == "" || !strings.HasPrefix(e.Error.Field, b.field)):
			log.Printf("%s: error body %s, want field %q", b.reason, body, b.field)
			failed = true
		case b.status == 405 && resp.Header.Get("Allow") == "":
			log.Printf("%s: 405 without Allow", b.reason)
			failed = true
		case resp.Header.Get("Access-Control-Allow-Origin") != "*":
			log.Printf("%s: no CORS header", b.reason)
			failed = true
		}
	}
	// Preflight.
	req, _ := http.NewRequest("OPTIONS", base+"/api/resolve", nil)
	req.Header.Set("Origin", "https://docs.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Methods") == "" {
		log.Printf("preflight failed: %v %v", err, resp)
		failed = true
	}
	if !failed {
		log.Printf("%d bad inputs and the preflight answered as expected", len(badInputs()))
	}
	return failed
}

// runBench measures latency of valid requests, then the same load with one
// request in 20 a 200 KB body (which must be refused without disturbing the
// others: 0 errors). It reports whether any request failed.
func runBench(base string, n, conc int) bool {
	body := []byte(`{"mergeplay":1,"library":"httpx@0.14.2","client":{"base_url":"http://api.example.test/v1/","headers":{"Accept":"application/json"},"params":{"page":"1"},"auth":{"username":"john","password":"admin"}},"request":{"url":"users","params":{"page":"2"},"auth":null}}`)
	lat := make([]time.Duration, n)
	errs := 0
	var mu sync.Mutex
	start := time.Now()
	forEach(n, conc, func(i int) {
		t0 := time.Now()
		status, _, err := post(base, "/api/resolve", "application/json", body)
		lat[i] = time.Since(t0)
		if err != nil || status != 200 {
			mu.Lock()
			errs++
			mu.Unlock()
		}
	})
	total := time.Since(start)
	fmt.Printf("worker latency: %d requests at concurrency %d in %s (%.0f req/s): %s, errors %d\n",
		n, conc, total.Round(time.Millisecond), float64(n)/total.Seconds(), quantiles(lat), errs)

	start = time.Now()
	m := runMix(base, n, conc, body)
	total = time.Since(start)
	fmt.Printf("oversize mix: %d requests at concurrency %d in %s, 1 in 20 a 200 KB body: valid %s; errors %d of %d valid, %d of %d oversize not a 413\n",
		n, conc, total.Round(time.Millisecond), quantiles(m.lat), m.validFailed, m.valid, m.bigFailed, m.big)
	for _, f := range m.failures {
		fmt.Println("  " + f)
	}
	return errs+m.validFailed+m.bigFailed > 0
}

func quantiles(lat []time.Duration) string {
	if len(lat) == 0 {
		return "no requests"
	}
	lat = slices.Clone(lat)
	slices.Sort(lat)
	q := func(p float64) time.Duration { return lat[int(float64(len(lat)-1)*p)].Round(100 * time.Microsecond) }
	return fmt.Sprintf("p50 %s, p90 %s, p99 %s, max %s", q(0.5), q(0.9), q(0.99), lat[len(lat)-1].Round(100*time.Microsecond))
}
