package aiohttp

// lineOf is the first line of a cited function at a tag (read from the
// installed sources the recordings ran: conformance/citeindex).
func lineOf(tag, file, fn string) int { return lines[tag+" "+file+" "+fn] }

var lines = map[string]int{
	"3.8.3 helpers.py BasicAuth.__new__":                         131,
	"3.8.3 client.py ClientSession.__init__":                     197,
	"3.8.3 client.py ClientSession._request":                     364,
	"3.8.3 client.py ClientSession._prepare_headers":             901,
	"3.8.3 client.py ClientSession._build_url":                   356,
	"3.8.3 client_reqrep.py ClientRequest.__init__":              247,
	"3.8.3 client_reqrep.py ClientRequest.update_body_from_data": 499,
	"3.8.3 client_reqrep.py ClientRequest.send":                  608,
	"yarl-1.25.1 _url.py URL.join":                               1504,
	"yarl-1.25.1 _query.py query_var":                            18,
}
