package merge

// Profiles lists every profile, grouped by library, oldest range first.
// Each library's profiles live in profiles_<library>.go.
func Profiles() []*Profile {
	return allProfiles
}

var allProfiles = concat(
	requestsProfiles,
	httpxProfiles,
	axiosProfiles,
	kyProfiles,
	gotProfiles,
	fetchProfiles,
	nethttpProfiles,
	restyProfiles,
)

func concat(lists ...[]*Profile) []*Profile {
	var out []*Profile
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
