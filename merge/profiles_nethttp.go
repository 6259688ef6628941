package merge

var nethttpProfiles []*Profile
