package merge

import (
	"encoding/base64"
	"unicode/utf8"
)

func encodeBody(b []byte, binary bool) (string, bool) {
	if binary || !utf8.Valid(b) {
		return base64.StdEncoding.EncodeToString(b), true
	}
	return string(b), false
}
