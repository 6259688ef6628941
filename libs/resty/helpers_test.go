package resty

import (
	"testing"

	"github.com/mergeplay/mergeplay/libs/libtest"
	"github.com/mergeplay/mergeplay/merge"
)

func testCase(t *testing.T, library, members string) (string, *merge.Result) {
	t.Helper()
	res := libtest.Resolve(t, testRegistry, library, members)
	return libtest.Describe(res), res
}

func testCheckTrace(t *testing.T, res *merge.Result) { t.Helper(); libtest.CheckTrace(t, res) }
