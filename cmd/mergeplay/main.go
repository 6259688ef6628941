// Command mergeplay resolves scenarios from the command line: what an HTTP
// client library sends when client defaults meet request overrides.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/mergeplay/mergeplay/libs"
	"github.com/mergeplay/mergeplay/merge"
)

const usage = `usage:
  mergeplay resolve [FILE|-] [--library ID]         print the result JSON
  mergeplay diff A.json B.json [--text [--all]]     diff two scenarios' final requests
  mergeplay diff FILE --library A --against B [--text [--all]]
                      --text: the semantic changes, then one "also differs" line
                      for casing, order and the libraries' own headers; --all
                      writes those out too
  mergeplay timeline FILE --library NAME [--json] [--all-classes]
                      the scenario at every recorded release of NAME: spans of
                      releases that send the same request, and each upgrade's
                      diff and citation; --all-classes lets casing, order and
                      the library's own headers split spans too
  mergeplay libraries                               list profiles and how each is verified
  mergeplay lints [--text]                          list the pitfall checks a result's "lints" name

Exit status: 0 when resolved (a library that raises is outcome "error"),
2 for an invalid scenario or unknown library, 3 when an input cannot be
read (missing, unreadable, or over the 1 MiB limit), 1 for other failures.
`

// exitIO is the exit status for an input that cannot be read.
const exitIO = 3

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

type opts struct {
	files   []string
	library string
	against string
	text    bool
	all     bool
	json    bool
	classes bool
}

func parse(args []string) (opts, error) {
	var o opts
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || a == "-" {
			o.files = append(o.files, a)
			continue
		}
		takeVal := func() (string, error) {
			if hasVal {
				return val, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("flag --%s needs a value", name)
			}
			i++
			return args[i], nil
		}
		var err error
		switch name {
		case "library":
			o.library, err = takeVal()
		case "against":
			o.against, err = takeVal()
		case "text":
			o.text = true
		case "all":
			o.all = true
		case "json":
			o.json = true
		case "all-classes":
			o.classes = true
		case "h", "help":
			return o, errHelp
		default:
			err = fmt.Errorf("unknown flag %s", a)
		}
		if err != nil {
			return o, err
		}
	}
	return o, nil
}

var errHelp = fmt.Errorf("help")

// read reads a scenario from a file, or stdin for "-", and stops one byte
// past the limit so that /dev/zero or a huge file fails at once.
func read(name string, stdin io.Reader) ([]byte, error) {
	r, label := stdin, "stdin"
	if name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r, label = f, name
	}
	b, err := io.ReadAll(io.LimitReader(r, merge.MaxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", label, err)
	}
	if len(b) > merge.MaxInputBytes {
		return nil, fmt.Errorf("%s is over %d bytes (1 MiB), the limit for a scenario document", label, merge.MaxInputBytes)
	}
	return b, nil
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd := args[0]
	o, err := parse(args[1:])
	if err == errHelp {
		fmt.Fprint(stdout, usage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "mergeplay: %v\n%s", err, usage)
		return 2
	}
	switch cmd {
	case "resolve":
		if len(o.files) > 1 {
			fmt.Fprintf(stderr, "mergeplay resolve: one scenario at a time\n")
			return 2
		}
		doc, err := read(first(o.files), stdin)
		if err != nil {
			fmt.Fprintf(stderr, "mergeplay: %v\n", err)
			return exitIO
		}
		res, aerr := libs.Registry().ResolveDoc(doc, o.library)
		if aerr != nil {
			return fail(stderr, aerr)
		}
		return emit(stdout, res)
	case "diff":
		var a, b []byte
		switch {
		case len(o.files) == 2 && o.against == "":
			if a, err = read(o.files[0], stdin); err == nil {
				b, err = read(o.files[1], stdin)
			}
		case len(o.files) <= 1 && o.against != "":
			a, err = read(first(o.files), stdin)
		default:
			fmt.Fprintf(stderr, "mergeplay diff: give two scenario files, or one with --against LIB@VER\n")
			return 2
		}
		if err != nil {
			fmt.Fprintf(stderr, "mergeplay: %v\n", err)
			return exitIO
		}
		if o.library != "" {
			if a, err = withLibrary(a, o.library); err != nil {
				return fail(stderr, &merge.APIError{Code: merge.CodeInvalid, Message: err.Error()})
			}
		}
		d, aerr := libs.Registry().DiffDocs(a, b, o.against)
		if aerr != nil {
			return fail(stderr, aerr)
		}
		if o.text && o.all {
			fmt.Fprint(stdout, d.TextAll())
			return 0
		}
		if o.text {
			fmt.Fprint(stdout, d.Text())
			return 0
		}
		return emit(stdout, d)
	case "timeline":
		if len(o.files) > 1 {
			fmt.Fprintf(stderr, "mergeplay timeline: one scenario at a time\n")
			return 2
		}
		doc, err := read(first(o.files), stdin)
		if err != nil {
			fmt.Fprintf(stderr, "mergeplay: %v\n", err)
			return exitIO
		}
		t, aerr := libs.Registry().TimelineScenario(doc, o.library, merge.TimelineOptions{AllClasses: o.classes})
		if aerr != nil {
			return fail(stderr, aerr)
		}
		if o.json {
			return emit(stdout, t)
		}
		fmt.Fprint(stdout, t.Text())
		return 0
	case "libraries":
		if o.text {
			profiles := libs.Registry().Profiles()
			for _, p := range profiles {
				fmt.Fprintf(stdout, "%-28s %-15s recorded at %s\n", p.Name(), p.Verified, recordedRanges(p, profiles))
				if !p.Since.IsZero() {
					fmt.Fprintf(stdout, "%-28s since %s", "", p.Since.Ref)
					if p.Since.Doc != "" {
						fmt.Fprintf(stdout, ": %s", p.Since.Doc)
					}
					if p.Since.URL != "" {
						fmt.Fprintf(stdout, " <%s>", p.Since.URL)
					}
					fmt.Fprintln(stdout)
				}
			}
			return 0
		}
		return emit(stdout, libs.Registry().Libraries())
	case "lints":
		if o.text {
			for _, c := range merge.Checks() {
				fmt.Fprintf(stdout, "%-24s %-7s %s\n%-32s %s\n", c.Code, c.Severity, c.Title, "", c.Ref)
			}
			return 0
		}
		return emit(stdout, merge.Checks())
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "mergeplay: unknown command %q\n%s", cmd, usage)
	return 2
}

// recordedRanges writes a profile's recorded releases compactly: runs of releases that are
// consecutive among the library's recorded ones as "first..last", and the count.
func recordedRanges(p *merge.Profile, profiles []*merge.Profile) string {
	if len(p.Recorded) == 0 {
		return "none"
	}
	var all []string
	for _, q := range profiles {
		if q.Library == p.Library {
			all = append(all, q.Recorded...)
		}
	}
	var items []string
	for i := 0; i < len(p.Recorded); {
		j, k := i, slices.Index(all, p.Recorded[i])
		for j+1 < len(p.Recorded) && k+j+1-i < len(all) && all[k+j+1-i] == p.Recorded[j+1] {
			j++
		}
		if j > i {
			items = append(items, p.Recorded[i]+".."+p.Recorded[j])
		} else {
			items = append(items, p.Recorded[i])
		}
		i = j + 1
	}
	return fmt.Sprintf("%s (%d)", strings.Join(items, ", "), len(p.Recorded))
}

// withLibrary sets the library of a scenario document, keeping everything else.
func withLibrary(doc []byte, lib string) ([]byte, error) {
	sc, err := merge.ParseScenario(doc, lib)
	if err != nil {
		return nil, err
	}
	return json.Marshal(sc)
}

func first(files []string) string {
	if len(files) == 0 {
		return "-"
	}
	return files[0]
}

func fail(stderr io.Writer, e *merge.APIError) int {
	fmt.Fprintf(stderr, "mergeplay: %s\n", e.Message)
	if e.Code == merge.CodeInternal {
		return 1
	}
	return 2
}

func emit(w io.Writer, v any) int {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return 1
	}
	return 0
}
