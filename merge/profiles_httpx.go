package merge

var httpxProfiles []*Profile
