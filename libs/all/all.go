package all

import (
	"github.com/mergeplay/mergeplay/merge"
)

// Profiles lists every profile, grouped by library, oldest range first.
// Each library's profiles live in profiles_<library>.go; libs.Registry wraps them.
func Profiles() []*merge.Profile {
	return allProfiles
}

var allProfiles = concat(RequestsProfiles(), HttpxProfiles(), AxiosProfiles(), KyProfiles(), GotProfiles(), FetchProfiles(), NethttpProfiles(), RestyProfiles())

func concat(lists ...[]*merge.Profile) []*merge.Profile {
	var out []*merge.Profile
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
