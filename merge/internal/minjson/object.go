package minjson

// Member is one member of an object: its decoded key and its value's text.
type Member struct {
	Key   string
	Value []byte // the value exactly as written, without surrounding space
}

// KindOf returns the kind of the value that valid JSON text starts with:
// ArrayStart for an array, ObjectStart for an object.
func KindOf(data []byte) Kind {
	switch c := data[skipSpace(data, 0)]; c {
	case '[':
		return ArrayStart
	case '{':
		return ObjectStart
	case 'n':
		return Null
	case 't', 'f':
		return Bool
	case '"':
		return String
	}
	return Number
}

// Members lists the members of the object in valid JSON text (see Check) in
// document order, repeated keys included.
func Members(data []byte) []Member {
	var out []Member
	i := skipSpace(data, 0) + 1 // past '{'
	for {
		i = skipSpace(data, i)
		if data[i] == '}' {
			return out
		}
		if data[i] == ',' {
			i = skipSpace(data, i+1)
		}
		end, _ := scanString(data, i+1)
		key := unquote(data[i:end], false)
		i = skipSpace(data, end) + 1 // past ':'
		i = skipSpace(data, i)
		vend := skipValue(data, i)
		out = append(out, Member{Key: key, Value: data[i:vend]})
		i = vend
	}
}

// skipValue returns the index just past the valid value that starts at data[i].
func skipValue(data []byte, i int) int {
	depth := 0
	for {
		i = skipSpace(data, i)
		switch data[i] {
		case '{', '[':
			depth++
			i++
		case '}', ']':
			depth--
			i++
		case ',', ':':
			i++
		default:
			i, _ = scanScalar(data, i)
		}
		if depth == 0 {
			return i
		}
	}
}
