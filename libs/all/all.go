package all

import (
	"github.com/mergeplay/mergeplay/merge"
)

// Profiles lists every profile, grouped by library, oldest range first.
// Each library's profiles live in profiles_<library>.go; libs.Registry wraps them.
func Profiles() []*merge.Profile {
	return allProfiles
}

var allProfiles = concat(
	inLanguage("python", requestsProfiles, httpxProfiles),
	inLanguage("js", axiosProfiles, kyProfiles, gotProfiles, fetchProfiles),
	inLanguage("go", nethttpProfiles, restyProfiles),
)

func concat(lists ...[]*merge.Profile) []*merge.Profile {
	var out []*merge.Profile
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// inLanguage sets the language whose spelling of absent/null/undefined/false
// the profiles' bindings follow (it decides the UI's labels).
func inLanguage(lang string, lists ...[]*merge.Profile) []*merge.Profile {
	out := concat(lists...)
	for _, p := range out {
		p.Language = lang
	}
	return out
}
