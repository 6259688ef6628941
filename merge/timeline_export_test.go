package merge

import "fmt"

// CheckSameAnswer resolves sc at every recorded release of library and
// returns the adjacent pairs sameAnswer calls the same although their
// upgrade diff has changes, and how many pairs it let through to the diff.
func CheckSameAnswer(r *Registry, sc *Scenario, library string) (wrong []string, diffed int) {
	releases, err := r.Releases(library)
	if err != nil {
		panic(err)
	}
	var prev *Result
	for i, v := range releases {
		at := *sc
		at.Library = library + "@" + v
		res, err := r.Resolve(&at)
		if err != nil {
			panic(err)
		}
		if i > 0 {
			if sameAnswer(releases[i-1], prev, v, res) {
				if d := upgradeDiff(library, releases[i-1], prev, v, res); len(d.Changes) > 0 {
					wrong = append(wrong, fmt.Sprintf("%s→%s", releases[i-1], v))
				}
			} else {
				diffed++
			}
		}
		prev = res
	}
	return wrong, diffed
}
