package merge

var axiosProfiles []*Profile
