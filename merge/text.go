package merge

import (
	"unicode/utf8"

	"github.com/mergeplay/mergeplay/merge/internal/minjson"
)

// Text in a Value is WTF-8: UTF-8 that also holds the lone surrogates
// (U+D800–U+DFFF) a scenario wrote as unpaired \uXXXX escapes, each as the
// three bytes UTF-8 would give it (ED A0..BF 80..BF). Python's json.loads
// and JavaScript's JSON.parse keep such a surrogate in the string, and what
// the library then does with it (raise, escape, replace) is a rule of the
// library; Go's encoding/json turns it into U+FFFD when it decodes. A
// document with raw invalid UTF-8 is refused (DecodeValue), so invalid UTF-8
// in a decoded string is always a surrogate. The helpers below read and
// write such text; utf8 and range loops see a surrogate as three bytes of
// invalid UTF-8.

// DecodeRune is utf8.DecodeRuneInString, except that a lone surrogate
// decodes to itself, with size 3.
func DecodeRune(s string) (r rune, size int) { return minjson.DecodeRune(s) }

// AppendRune is utf8.AppendRune, except that a surrogate is written as WTF-8.
func AppendRune(b []byte, r rune) []byte { return minjson.AppendRune(b, r) }

// IsSurrogate reports whether r is a UTF-16 surrogate code point.
func IsSurrogate(r rune) bool { return minjson.IsSurrogate(r) }

// Runes is the text's code points, lone surrogates included (Python's
// list(str) for what json.loads gives).
func Runes(s string) []rune {
	out := make([]rune, 0, len(s))
	for i := 0; i < len(s); {
		r, n := DecodeRune(s[i:])
		out = append(out, r)
		i += n
	}
	return out
}

// FromRunes is the text of a list of code points (surrogates as WTF-8).
func FromRunes(rs []rune) string {
	b := make([]byte, 0, len(rs))
	for _, r := range rs {
		b = AppendRune(b, r)
	}
	return string(b)
}

// HasSurrogate reports whether s holds a lone surrogate.
func HasSurrogate(s string) bool {
	if utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); {
		r, n := DecodeRune(s[i:])
		if IsSurrogate(r) {
			return true
		}
		i += n
	}
	return false
}

// WellFormed is s with each lone surrogate replaced by U+FFFD: JavaScript's
// String.prototype.toWellFormed (WebIDL's USVString conversion, and what
// TextEncoder and Buffer.from write), and what Go's encoding/json decodes
// an unpaired surrogate escape to.
func WellFormed(s string) string {
	if !HasSurrogate(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, n := DecodeRune(s[i:])
		if IsSurrogate(r) {
			r = utf8.RuneError
		}
		b = utf8.AppendRune(b, r)
		i += n
	}
	return string(b)
}

// WellFormedValue is v with WellFormed applied to every string and key in it.
func WellFormedValue(v Value) Value {
	switch v.Kind {
	case String:
		v.Text = WellFormed(v.Text)
	case Array:
		items := make([]Value, len(v.Items))
		for i, it := range v.Items {
			items[i] = WellFormedValue(it)
		}
		v.Items = items
	case Object:
		fields := make([]Field, len(v.Fields))
		for i, f := range v.Fields {
			fields[i] = Field{Key: WellFormed(f.Key), Value: WellFormedValue(f.Value)}
		}
		v.Fields = fields
	}
	return v
}

// validText reports whether s is UTF-8 in which invalid sequences are only
// lone surrogates (what the decoder produces).
func validText(s string) bool {
	for i := 0; i < len(s); {
		r, n := DecodeRune(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		i += n
	}
	return true
}

// WellFormed returns a copy of the scenario with WellFormedValue applied to
// every field of both sides: how a binding that decodes the scenario with
// Go's encoding/json sees it.
func (sc *Scenario) WellFormed() *Scenario {
	out := *sc
	for _, sp := range clientFields {
		v := sp.get(&out.Client)
		*v = WellFormedValue(*v)
	}
	for _, sp := range requestFields {
		v := sp.get(&out.Request)
		*v = WellFormedValue(*v)
	}
	return &out
}
