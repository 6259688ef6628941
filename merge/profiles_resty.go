package merge

var restyProfiles []*Profile
