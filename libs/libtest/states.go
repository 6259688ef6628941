package libtest

import (
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// CheckEveryState puts each JSON state into each field ("client.headers", "request.url"), one
// at a time, for each release in libs, and checks the invariants of every scenario the scenario
// checks accept: each must resolve to an outcome, never a panic. The request carries a URL (and
// POST when the sweep fills a client field), so the rules past the URL are reached too.
func CheckEveryState(t *testing.T, reg *merge.Registry, libs []string, fields []string, states []string) {
	t.Helper()
	for _, lib := range libs {
		for _, f := range fields {
			for _, st := range states {
				side, name, _ := strings.Cut(f, ".")
				client, request := `{}`, `{"url":"http://api.example.test/p","method":"POST"}`
				if side == "client" {
					client = `{"` + name + `":` + st + `}`
				} else {
					request = `{"url":"http://api.example.test/p","` + name + `":` + st + `}`
				}
				sc, err := merge.ParseScenario([]byte(`{"mergeplay":1,"library":"`+lib+`","client":`+client+`,"request":`+request+`}`), "")
				if err != nil {
					continue // rejected by the scenario checks
				}
				CheckInvariants(t, reg, sc)
			}
		}
	}
}
