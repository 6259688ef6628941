package merge

var kyProfiles []*Profile
