package minjson

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// Kind tells what a Token is.
type Kind uint8

// Token kinds: the four delimiters and the four scalars.
const (
	ArrayStart Kind = iota + 1
	ArrayEnd
	ObjectStart
	ObjectEnd
	Null
	Bool
	Number
	String
)

// Token is one token of a JSON text. Text is a String's decoded text or a
// Number's literal as written (json.Number). A String's text is what
// encoding/json decodes, except that an unpaired surrogate escape (\ud800)
// is kept as the surrogate, written as WTF-8 (see DecodeRune), where
// encoding/json writes U+FFFD; invalid UTF-8 still becomes U+FFFD.
type Token struct {
	Kind Kind
	Bool bool
	Text string
}

// Where the Decoder is in the token grammar (encoding/json's tokenState).
type tokenState uint8

const (
	topValue tokenState = iota
	arrayStart
	arrayValue
	arrayComma
	objectStart
	objectKey
	objectColon
	objectValue
	objectComma
)

// Decoder reads the tokens of one in-memory JSON text, with the results and
// errors of json.Decoder's Token and More (UseNumber on): the same accepted
// inputs, messages and InputOffset, including its quirks.
//
// One difference is on purpose: a SyntaxError's Offset is always the
// position of the bad byte in the input (the count of bytes before it), as
// json.Decoder gives it for an error between tokens. For a bad byte inside a
// string, number or literal, json.Decoder gives instead the count of bytes
// its value scanner has seen, that is the total length of the scalars read
// so far plus this one's bytes up to and including the bad byte: in
// {"a":1,"b":tru} it reports the '}' at 11, a byte that is a 't'; here it is
// at 14. (json.Unmarshal counts the bytes read, the bad one included: 15.)
type Decoder struct {
	data  []byte
	pos   int // start of the unread input (json.Decoder's scanp)
	state tokenState
	stack []tokenState
}

// NewDecoder returns a Decoder reading data.
func NewDecoder(data []byte) *Decoder { return &Decoder{data: data} }

// InputOffset is the offset just past the last token read, or of the next
// token once More or a failed Token has looked at it.
func (d *Decoder) InputOffset() int64 { return int64(d.pos) }

// peek moves past white space to the next byte and returns it, or io.EOF
// (leaving the position before the trailing space, as json.Decoder does).
func (d *Decoder) peek() (byte, error) {
	i := skipSpace(d.data, d.pos)
	if i == len(d.data) {
		return 0, io.EOF
	}
	d.pos = i
	return d.data[i], nil
}

// More reports whether another element or member follows in the current
// array or object.
func (d *Decoder) More() bool {
	c, err := d.peek()
	return err == nil && c != ']' && c != '}'
}

func (d *Decoder) valueAllowed() bool {
	switch d.state {
	case topValue, arrayStart, arrayValue, objectValue:
		return true
	}
	return false
}

// valueEnd moves from a value state to the separator that follows.
func (d *Decoder) valueEnd() {
	switch d.state {
	case arrayStart, arrayValue:
		d.state = arrayComma
	case objectValue:
		d.state = objectComma
	}
}

func (d *Decoder) push(s tokenState) {
	d.stack = append(d.stack, d.state)
	d.state = s
}

func (d *Decoder) pop() {
	d.state = d.stack[len(d.stack)-1]
	d.stack = d.stack[:len(d.stack)-1]
	d.valueEnd()
}

// Token returns the next token; commas and colons are checked and skipped.
// At the end of the input it returns io.EOF; inside an unfinished string,
// number or literal, io.ErrUnexpectedEOF; otherwise a *SyntaxError.
func (d *Decoder) Token() (Token, error) {
	for {
		c, err := d.peek()
		if err != nil {
			return Token{}, err
		}
		switch c {
		case '[', '{':
			if !d.valueAllowed() {
				return Token{}, d.tokenError(c)
			}
			d.pos++
			if c == '[' {
				d.push(arrayStart)
				return Token{Kind: ArrayStart}, nil
			}
			d.push(objectStart)
			return Token{Kind: ObjectStart}, nil
		case ']':
			if d.state != arrayStart && d.state != arrayComma {
				return Token{}, d.tokenError(c)
			}
			d.pos++
			d.pop()
			return Token{Kind: ArrayEnd}, nil
		case '}':
			if d.state != objectStart && d.state != objectComma {
				return Token{}, d.tokenError(c)
			}
			d.pos++
			d.pop()
			return Token{Kind: ObjectEnd}, nil
		case ':':
			if d.state != objectColon {
				return Token{}, d.tokenError(c)
			}
			d.pos++
			d.state = objectValue
		case ',':
			switch d.state {
			case arrayComma:
				d.state = arrayValue
			case objectComma:
				d.state = objectKey
			default:
				return Token{}, d.tokenError(c)
			}
			d.pos++
		default:
			if c == '"' && (d.state == objectStart || d.state == objectKey) {
				t, err := d.scalar()
				if err != nil {
					return Token{}, err
				}
				d.state = objectColon
				return t, nil
			}
			if !d.valueAllowed() {
				return Token{}, d.tokenError(c)
			}
			t, err := d.scalar()
			if err != nil {
				return Token{}, err
			}
			d.valueEnd()
			return t, nil
		}
	}
}

// tokenError words a byte that cannot come next, as json.Decoder does.
// (It has no context for a bad byte right after '{'.)
func (d *Decoder) tokenError(c byte) error {
	var context string
	switch d.state {
	case topValue, arrayStart, arrayValue, objectValue:
		context = " looking for beginning of value"
	case arrayComma:
		context = " after array element"
	case objectKey:
		context = " looking for beginning of object key string"
	case objectColon:
		context = " after object key"
	case objectComma:
		context = " after object key:value pair"
	}
	return &SyntaxError{Msg: "invalid character " + quoteChar(c) + context, Offset: d.InputOffset()}
}

// scalar reads the string, number or literal at the position.
func (d *Decoder) scalar() (Token, error) {
	start := d.pos
	end, bad := scanScalar(d.data, start)
	if bad != nil {
		if bad.at == len(d.data) {
			return Token{}, io.ErrUnexpectedEOF
		}
		e := bad.syntaxError(d.data)
		e.Offset = int64(bad.at)
		return Token{}, e
	}
	d.pos = end
	lit := d.data[start:end]
	switch lit[0] {
	case '"':
		return Token{Kind: String, Text: unquote(lit, true)}, nil
	case 't':
		return Token{Kind: Bool, Bool: true}, nil
	case 'f':
		return Token{Kind: Bool}, nil
	case 'n':
		return Token{Kind: Null}, nil
	}
	return Token{Kind: Number, Text: string(lit)}, nil
}

// Unquote decodes a JSON string literal, quotes included, that scanned
// without error, as encoding/json decodes it: each byte of invalid UTF-8 and
// each unpaired surrogate escape becomes U+FFFD.
func Unquote(lit []byte) string { return unquote(lit, false) }

// unquote decodes a string literal; keep writes an unpaired surrogate
// escape as WTF-8 instead of U+FFFD.
func unquote(lit []byte, keep bool) string {
	s := lit[1 : len(lit)-1]
	if plain(s) {
		return string(s)
	}
	out := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			var r rune
			r, i = unescape(s, i)
			if keep {
				out = AppendRune(out, r)
			} else {
				out = utf8.AppendRune(out, r) // a surrogate becomes U+FFFD
			}
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size == 1 {
				out = utf8.AppendRune(out, utf8.RuneError)
			} else {
				out = append(out, s[i:i+size]...)
			}
			i += size
		}
	}
	return string(out)
}

// plain reports whether a string body needs no decoding: no escapes and
// valid UTF-8.
func plain(s []byte) bool {
	return bytes.IndexByte(s, '\\') < 0 && utf8.Valid(s)
}

// unescape decodes the escape at s[i] (a backslash), returning the rune and
// the index after it. A high surrogate takes a following \u low surrogate
// with it; any other surrogate is returned alone.
func unescape(s []byte, i int) (rune, int) {
	switch s[i+1] {
	case 'b':
		return '\b', i + 2
	case 'f':
		return '\f', i + 2
	case 'n':
		return '\n', i + 2
	case 'r':
		return '\r', i + 2
	case 't':
		return '\t', i + 2
	case 'u':
	default: // " \ /
		return rune(s[i+1]), i + 2
	}
	r := hex4(s, i)
	i += 6
	if r < 0xD800 || r >= 0xE000 {
		return r, i
	}
	if r < 0xDC00 {
		if lo := hex4(s, i); lo >= 0xDC00 && lo < 0xE000 {
			return 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00), i + 6
		}
	}
	return r, i
}

// hex4 reads the \uXXXX escape at s[i], or returns -1 if there is none.
func hex4(s []byte, i int) rune {
	if i+6 > len(s) || s[i] != '\\' || s[i+1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[i+2 : i+6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}
