package httpx

import (
	"fmt"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/python"
)

// header is one entry of httpx.Headers: the name as stored (lower-cased
// before 0.16), its value, and where it came from.
type header struct {
	Name, Value, Source string
}

func name(name string, f facts) string {
	if f.lowerNames {
		return strings.ToLower(name)
	}
	return name
}

func find(list []header, name string) int {
	for i, h := range list {
		if strings.EqualFold(h.Name, name) {
			return i
		}
	}
	return -1
}

// setItem is Headers.__setitem__: replace the first entry in place with
// the new name and value, drop later duplicates, or append.
func setItem(list []header, h header) []header {
	out := list[:0:0]
	placed := false
	for _, x := range list {
		if strings.EqualFold(x.Name, h.Name) {
			if !placed {
				out = append(out, h)
				placed = true
			}
			continue
		}
		out = append(out, x)
	}
	if !placed {
		out = append(out, h)
	}
	return out
}

// update is Headers.update for the version: 0.14/0.15 set each name once
// with its values joined by ", "; 0.16–0.21 set each entry in turn; 0.22+ pop
// every name present and append the new entries.
func update(list, other []header, f facts) []header {
	switch {
	case f.updatePops:
		out := list[:0:0]
		for _, x := range list {
			if find(other, x.Name) < 0 {
				out = append(out, x)
			}
		}
		return append(out, other...)
	case !f.lowerNames:
		for _, h := range other {
			list = setItem(list, h)
		}
		return list
	}
	var names []string
	joined := map[string]header{}
	for _, h := range other {
		k := strings.ToLower(h.Name)
		if j, ok := joined[k]; ok {
			j.Value += ", " + h.Value
			joined[k] = j
			continue
		}
		names = append(names, k)
		joined[k] = h
	}
	for _, k := range names {
		list = setItem(list, joined[k])
	}
	return list
}

// headersFrom is Headers(dict): each value must be a str that encodes to
// ASCII. It returns the exception httpx raises for the first bad value.
func headersFrom(v merge.Value, src string, f facts) ([]header, *merge.LibError) {
	var out []header
	switch v.Kind {
	case merge.Absent, merge.Null:
		return nil, nil
	case merge.Object:
	default:
		return nil, &merge.LibError{Type: "TypeError", Message: fmt.Sprintf("'%s' object is not iterable", python.TypeName(v))}
	}
	for _, fl := range v.Fields {
		if fl.Value.Kind != merge.String {
			if f.headerTypeErr {
				return nil, &merge.LibError{Type: "TypeError", Message: fmt.Sprintf("Header value must be str or bytes, not <class '%s'>", python.TypeName(fl.Value))}
			}
			return nil, &merge.LibError{Type: "AttributeError", Message: fmt.Sprintf("'%s' object has no attribute 'encode'", python.TypeName(fl.Value))}
		}
		if msg, bad := encodeError(fl.Value.Text); bad {
			return nil, &merge.LibError{Type: "UnicodeEncodeError", Message: msg}
		}
		out = append(out, header{Name: name(fl.Key, f), Value: fl.Value.Text, Source: src})
	}
	return out, nil
}
