package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/libs"
)

// memoryImage applies a module's data segments to zeroed memory, as
// instantiation does.
func memoryImage(t *testing.T, mod []byte) []byte {
	t.Helper()
	var data []byte
	for pos := 8; pos < len(mod); {
		size, p, err := uleb(mod, pos+1)
		if err != nil {
			t.Fatal(err)
		}
		if mod[pos] == sectionData {
			data = mod[p : p+int(size)]
		}
		pos = p + int(size)
	}
	segs, err := readData(data)
	if err != nil {
		t.Fatalf("reading the data section: %v", err)
	}
	var mem []byte
	for _, s := range segs {
		if end := int(s.offset) + len(s.bytes); end > len(mem) {
			mem = append(mem, make([]byte, end-len(mem))...)
		}
		copy(mem[s.offset:], s.bytes)
	}
	return mem
}

// module is a minimal wasm binary: a custom section, the given data segments
// (offset, bytes) and, with count, a data count section before them.
func module(count bool, segs ...dataSegment) []byte {
	var b bytes.Buffer
	b.Write([]byte("\x00asm\x01\x00\x00\x00"))
	writeSection(&b, 0, append([]byte{4}, "name"...))
	writeSection(&b, 5, []byte{1, 0, 1}) // one memory, min 1 page
	if count {
		writeSection(&b, sectionDataCount, appendULEB(nil, uint64(len(segs))))
	}
	writeSection(&b, sectionData, writeData(segs))
	writeSection(&b, 0, append([]byte{3}, "end"...))
	return b.Bytes()
}

func TestPackData(t *testing.T) {
	seg := func(off uint32, s string) dataSegment { return dataSegment{off, []byte(s)} }
	cases := []struct {
		reason string
		segs   []dataSegment
		after  int
	}{
		{"adjacent segments become one", []dataSegment{seg(16, "ab"), seg(18, "cd")}, 1},
		{"a gap of maxGap zeros is written out", []dataSegment{seg(16, "ab"), seg(18+maxGap, "cd")}, 1},
		{"a longer gap (the linker's zeroed arenas) stays a gap", []dataSegment{seg(16, "ab"), seg(19+maxGap, "cd")}, 2},
		{"offsets that need a two-byte signed LEB128 (bit 6 set) survive", []dataSegment{seg(0x40, "x"), seg(0x1000, "y"), seg(0x7fffff00, "z")}, 3},
		{"many small gaps and one long one", []dataSegment{seg(0, "a"), seg(8, "b"), seg(100, "c"), seg(5000, "d"), seg(5001, "e")}, 2},
	}
	for _, c := range cases {
		for _, count := range []bool{false, true} {
			in := module(count, c.segs...)
			out, before, after, err := packData(in)
			if err != nil {
				t.Fatalf("%s: %v", c.reason, err)
			}
			if before != len(c.segs) || after != c.after {
				t.Errorf("%s: %d → %d segments, want %d → %d", c.reason, before, after, len(c.segs), c.after)
			}
			if !bytes.Equal(memoryImage(t, out), memoryImage(t, in)) {
				t.Errorf("%s: the memory image changed", c.reason)
			}
			want := module(count, joinSegments(c.segs)...)
			if !bytes.Equal(out, want) {
				t.Errorf("%s (data count section: %v): the other sections or the data count changed:\n got %x\nwant %x", c.reason, count, out, want)
			}
		}
	}
}

func TestPackDataRefuses(t *testing.T) {
	good := module(false, dataSegment{16, []byte("ab")})
	passive := module(false, dataSegment{16, []byte("ab")})
	passive[bytes.LastIndex(passive, []byte{0, 0x41, 16})] = 1
	cases := []struct {
		reason, want string
		mod          []byte
	}{
		{"not wasm", "bad magic", []byte("\x7fELF\x02\x01\x01\x00")},
		{"truncated in a section header", "truncated", good[:9]},
		{"a section longer than the file", "past the end", good[:len(good)-3]},
		{"overlapping segments", "overlaps", module(false, dataSegment{16, []byte("abcd")}, dataSegment{18, []byte("x")})},
		{"a passive segment", "not an active segment", passive},
		{"no data section", "no data section", []byte("\x00asm\x01\x00\x00\x00")},
	}
	for _, c := range cases {
		if _, _, _, err := packData(c.mod); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one saying %q", c.reason, err, c.want)
		}
	}
}

// FuzzPackData: any input either fails with an error or packs to a module
// with the same memory image; nothing panics.
func FuzzPackData(f *testing.F) {
	f.Add(module(true, dataSegment{16, []byte("ab")}, dataSegment{30, []byte("cd")}))
	f.Add(module(false, dataSegment{0x40, []byte("x")}, dataSegment{0x100000, []byte("y")}))
	f.Fuzz(func(t *testing.T, in []byte) {
		out, _, _, err := packData(in)
		if err != nil {
			return
		}
		if !bytes.Equal(memoryImage(t, out), memoryImage(t, in)) {
			t.Fatal("the memory image changed")
		}
	})
}

// TestPackedEngineAnswersAlike builds the browser engine as sitebuild does,
// packs it, and runs both builds under node: every example's resolve and diff,
// and libraries(), must be byte for byte what the native engine (the CLI's and
// the Worker's code) returns.
func TestPackedEngineAnswersAlike(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the engine for js/wasm and runs it under node")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("this test runs the engine under node, which is not on PATH")
	}
	goBin := os.Getenv("GO")
	if goBin == "" {
		goBin = "go"
	}
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.wasm")
	cmd := exec.Command(goBin, append([]string{"build"}, append(wasmBuildFlags, "-o", plain, "../../wasm")...)...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the engine: %v\n%s", err, out)
	}
	mod, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	packed, before, after, err := packData(mod)
	if err != nil {
		t.Fatalf("packing the engine: %v", err)
	}
	if after*100 > before {
		t.Errorf("packing left %d of %d data segments; the gaps are smaller than expected", after, before)
	}
	if g, p := gzipSize(mod), gzipSize(packed); p*100 > g*95 {
		t.Errorf("the packed engine is %d bytes gzipped, not 5%% smaller than the linker's %d", p, g)
	}
	packedPath := filepath.Join(dir, "packed.wasm")
	if err := os.WriteFile(packedPath, packed, 0o644); err != nil {
		t.Fatal(err)
	}

	examples, err := loadExamples("../../web/examples")
	if err != nil {
		t.Fatal(err)
	}
	type call struct{ Fn, Arg string }
	calls := []call{{"libraries", ""}, {"resolve", "{"}, {"diff", `{"a":{}}`}}
	var want []string
	want = append(want, string(libs.Registry().LibrariesJSON()), string(libs.Registry().ResolveJSON([]byte("{"))), string(libs.Registry().DiffJSON([]byte(`{"a":{}}`))))
	for _, ex := range examples {
		calls = append(calls, call{"resolve", ex.Scenario})
		want = append(want, string(libs.Registry().ResolveJSON([]byte(ex.Scenario))))
		if in, err := diffInput(ex.Scenario, ex.Compare); err == nil && in != "" {
			calls = append(calls, call{"diff", in})
			want = append(want, string(libs.Registry().DiffJSON([]byte(in))))
		}
	}
	in, _ := json.Marshal(calls)
	if err := os.WriteFile(filepath.Join(dir, "calls.json"), in, 0o644); err != nil {
		t.Fatal(err)
	}
	goroot, err := exec.Command(goBin, "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	runner := fmt.Sprintf(`globalThis.require = require; globalThis.fs = require('fs');
globalThis.TextEncoder = require('util').TextEncoder; globalThis.TextDecoder = require('util').TextDecoder;
require(%q);
const go = new Go();
WebAssembly.instantiate(fs.readFileSync(process.argv[2]), go.importObject).then((r) => {
  go.run(r.instance);
  const calls = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  fs.writeFileSync(process.argv[4], JSON.stringify(calls.map((c) => globalThis.mergeplay[c.Fn](c.Arg))));
  process.exit(0);
}).catch((e) => { console.error(e); process.exit(1); });
`, filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	js := filepath.Join(dir, "run.js")
	if err := os.WriteFile(js, []byte(runner), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{plain, packedPath} {
		res := filepath.Join(dir, "answers.json")
		if out, err := exec.Command(node, js, p, filepath.Join(dir, "calls.json"), res).CombinedOutput(); err != nil {
			t.Fatalf("running %s under node: %v\n%s", filepath.Base(p), err, out)
		}
		out, err := os.ReadFile(res)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%s: %v", filepath.Base(p), err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s answered %d calls of %d", filepath.Base(p), len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s %s(%.60q…) differs from the native engine:\n got %.300s\nwant %.300s", filepath.Base(p), calls[i].Fn, calls[i].Arg, got[i], want[i])
			}
		}
	}
}
