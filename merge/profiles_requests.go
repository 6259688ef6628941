package merge

var requestsProfiles []*Profile
