package merge

var gotProfiles []*Profile
