package gohttp

import (
	"strings"
	"unicode/utf8"

	"github.com/mergeplay/mergeplay/model/punycode"
)

// PunycodeHostPort is httpguts.PunycodeHostPort: a host with non-ASCII
// bytes has each non-ASCII label encoded as "xn--" + RFC 3492 Punycode
// (idna.ToASCII, the bare Punycode profile: no mapping or validation).
func PunycodeHostPort(v string) (string, error) {
	ascii := true
	for i := 0; i < len(v); i++ {
		if v[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return v, nil
	}
	// net.SplitHostPort for the only shape a non-ASCII host can have here
	// (a bracketed IPv6 literal is ASCII): exactly one colon before the port.
	host, port := v, ""
	if i := strings.LastIndex(v, ":"); i >= 0 && strings.Count(v, ":") == 1 && !strings.HasPrefix(v, "[") {
		host, port = v[:i], v[i+1:]
	}
	labels := strings.Split(host, ".")
	for i, l := range labels {
		if isASCIIString(l) {
			continue
		}
		enc, err := punycode.Encode(l)
		if err != nil {
			return "", err
		}
		labels[i] = "xn--" + enc
	}
	host = strings.Join(labels, ".")
	if port == "" {
		return host, nil
	}
	return host + ":" + port, nil
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
