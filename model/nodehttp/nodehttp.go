package nodehttp

// InvalidHeaderChar is checkInvalidHeaderChar in Node's _http_common.js.
func InvalidHeaderChar(s string) bool {
	for _, r := range s {
		if !(r == '\t' || r >= 0x20 && r <= 0x7e || r >= 0x80 && r <= 0xff) {
			return true
		}
	}
	return false
}

// ChunkedByDefault is ClientRequest's useChunkedEncodingByDefault.
func ChunkedByDefault(method string) bool {
	switch method {
	case "GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT":
		return false
	}
	return true
}
