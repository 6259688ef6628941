package gaxios

import (
	"testing"

	"github.com/mergeplay/mergeplay/libs/libtest"
	"github.com/mergeplay/mergeplay/merge"
)

func testWire(res *merge.Result) string { return libtest.Wire(res) }

func testResolve(t *testing.T, library, members string) *merge.Result {
	t.Helper()
	return libtest.Resolve(t, testRegistry, library, members)
}
