package minjson

import "strconv"

// MaxNesting is how deeply Valid and Check let arrays and objects nest: the
// limit of encoding/json's scanner.
const MaxNesting = 10000

// SyntaxError is a JSON syntax error worded as encoding/json words it.
// From Check, Offset counts the bytes read when the error was found, the bad
// byte included, as json.Unmarshal's does; from a Decoder, it is the bad
// byte's position (see Decoder).
type SyntaxError struct {
	Msg    string
	Offset int64
}

func (e *SyntaxError) Error() string { return e.Msg }

// badByte is where scanning stopped: the index of the offending byte (len of
// the input at its end) and what the scanner was looking for there. An empty
// context at the end of input means the value simply was not finished.
type badByte struct {
	at      int
	context string
}

func (b *badByte) syntaxError(data []byte) *SyntaxError {
	if b.at == len(data) {
		if b.context == "" {
			return &SyntaxError{Msg: "unexpected end of JSON input", Offset: int64(len(data))}
		}
		// encoding/json feeds a space at the end of input, so an unfinished
		// number or literal is reported as an invalid ' '.
		return &SyntaxError{Msg: "invalid character ' ' " + b.context, Offset: int64(len(data))}
	}
	return &SyntaxError{Msg: "invalid character " + quoteChar(data[b.at]) + " " + b.context, Offset: int64(b.at) + 1}
}

// quoteChar spells a byte in an error message, in single quotes: a quote
// mark as itself (the single one escaped), anything else as strconv.Quote
// spells the rune with that number.
func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	q := strconv.Quote(string(rune(c)))
	return "'" + q[1:len(q)-1] + "'"
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func skipSpace(data []byte, i int) int {
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	return i
}

// scanScalar scans the string, number or literal that starts at data[i] and
// returns the index just past it. A number ends at the first byte that cannot
// continue it, which is left for the caller; the other scalars end on their
// own last byte.
func scanScalar(data []byte, i int) (int, *badByte) {
	switch c := data[i]; {
	case c == '"':
		return scanString(data, i+1)
	case c == '-' || '0' <= c && c <= '9':
		return scanNumber(data, i)
	case c == 't':
		return scanWord(data, i, "true")
	case c == 'f':
		return scanWord(data, i, "false")
	case c == 'n':
		return scanWord(data, i, "null")
	}
	return 0, &badByte{at: i, context: "looking for beginning of value"}
}

// scanString scans the rest of a string whose opening quote is before i.
// Any byte from 0x20 up is accepted as is, invalid UTF-8 included.
func scanString(data []byte, i int) (int, *badByte) {
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			return i + 1, nil
		case c < 0x20:
			return 0, &badByte{at: i, context: "in string literal"}
		case c != '\\':
			i++
			continue
		}
		i++ // the backslash
		if i == len(data) {
			return 0, &badByte{at: i, context: "in string escape code"}
		}
		switch data[i] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i++
		case 'u':
			i++
			for k := 0; k < 4; k++ {
				if i == len(data) || !isHex(data[i]) {
					return 0, &badByte{at: i, context: `in \u hexadecimal character escape`}
				}
				i++
			}
		default:
			return 0, &badByte{at: i, context: "in string escape code"}
		}
	}
	return 0, &badByte{at: i} // a space would continue the string: just unfinished
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// scanNumber scans -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func scanNumber(data []byte, i int) (int, *badByte) {
	digits := func(i int) int {
		for i < len(data) && isDigit(data[i]) {
			i++
		}
		return i
	}
	if data[i] == '-' {
		i++
		if i == len(data) || !isDigit(data[i]) {
			return 0, &badByte{at: i, context: "in numeric literal"}
		}
	}
	if data[i] == '0' {
		i++
	} else {
		i = digits(i)
	}
	if i < len(data) && data[i] == '.' {
		i++
		if i == len(data) || !isDigit(data[i]) {
			return 0, &badByte{at: i, context: "after decimal point in numeric literal"}
		}
		i = digits(i)
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i == len(data) || !isDigit(data[i]) {
			return 0, &badByte{at: i, context: "in exponent of numeric literal"}
		}
		i = digits(i)
	}
	return i, nil
}

// scanWord scans the literal true, false or null.
func scanWord(data []byte, i int, word string) (int, *badByte) {
	for k := 1; k < len(word); k++ {
		if i+k == len(data) || data[i+k] != word[k] {
			return 0, &badByte{at: i + k, context: "in literal " + word + " (expecting '" + word[k:k+1] + "')"}
		}
	}
	return i + len(word), nil
}

// Valid reports whether data is one JSON value, with json.Valid's answer
// (which includes its nesting limit, MaxNesting).
func Valid(data []byte) bool { return Check(data) == nil }

// Check returns nil if data is one JSON value, or the *SyntaxError that
// json.Unmarshal reports for it, message and offset alike.
func Check(data []byte) error {
	if b := check(data); b != nil {
		return b.syntaxError(data)
	}
	return nil
}

// What an open container expects after a value.
const (
	afterKey     = iota // ':'
	afterMember         // ',' or '}'
	afterElement        // ',' or ']'
)

func check(data []byte) *badByte {
	var open []uint8 // one entry per open container: afterKey, afterMember or afterElement
	i := 0
	// wantKey, when set, makes the next step read an object key, not a value.
	wantKey := false
	for {
		// One value (or key).
		i = skipSpace(data, i)
		if i == len(data) {
			return &badByte{at: i}
		}
		c := data[i]
		switch {
		case wantKey:
			if c != '"' {
				return &badByte{at: i, context: "looking for beginning of object key string"}
			}
			end, bad := scanString(data, i+1)
			if bad != nil {
				return bad
			}
			i = end
		case c == '{' || c == '[':
			if len(open) == MaxNesting {
				return &badByte{at: i, context: "exceeded max depth"}
			}
			i = skipSpace(data, i+1)
			closer, state := byte('}'), uint8(afterKey)
			if c == '[' {
				closer, state = ']', afterElement
			}
			if i < len(data) && data[i] == closer {
				i++ // empty: a complete value
				break
			}
			open = append(open, state)
			wantKey = c == '{'
			continue
		default:
			end, bad := scanScalar(data, i)
			if bad != nil {
				return bad
			}
			i = end
		}
		wantKey = false
		// After a value: separators and closers, until the next value starts.
		for {
			i = skipSpace(data, i)
			if len(open) == 0 {
				if i < len(data) {
					return &badByte{at: i, context: "after top-level value"}
				}
				return nil
			}
			if i == len(data) {
				return &badByte{at: i}
			}
			c, top := data[i], len(open)-1
			switch {
			case open[top] == afterKey && c == ':':
				open[top] = afterMember
			case open[top] == afterMember && c == ',':
				open[top] = afterKey
				wantKey = true
			case open[top] == afterElement && c == ',':
			case open[top] == afterMember && c == '}', open[top] == afterElement && c == ']':
				open = open[:top]
				i++
				continue
			case open[top] == afterKey:
				return &badByte{at: i, context: "after object key"}
			case open[top] == afterMember:
				return &badByte{at: i, context: "after object key:value pair"}
			default:
				return &badByte{at: i, context: "after array element"}
			}
			i++
			break
		}
	}
}
