package merge

var fetchProfiles []*Profile
