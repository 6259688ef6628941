package js

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
)

// Number spells a JSON number as JavaScript's Number::toString.
func Number(lit string) string {
	f, ok := ParseFloat(lit)
	if !ok {
		return lit
	}
	return Float(f)
}

// ParseFloat is the Number JSON.parse gives for a number literal: one beyond
// the largest double is ±Infinity (ECMA-262 RoundMTOIntermediate, as
// strconv's ErrRange result), one too small is 0.
func ParseFloat(lit string) (float64, bool) {
	f, err := strconv.ParseFloat(lit, 64)
	return f, err == nil || math.IsInf(f, 0) // a syntax error gives 0, ErrRange ±Inf
}

// Float is Number.prototype.toString() for f.
func Float(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case math.IsNaN(f):
		return "NaN"
	case f == 0:
		return "0"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, expS, _ := strings.Cut(e, "e")
	n, _ := strconv.Atoi(expS)
	n++ // ECMAScript's n: the decimal point sits after n digits
	neg := strings.HasPrefix(mant, "-")
	digits := strings.Replace(strings.TrimPrefix(mant, "-"), ".", "", 1)
	k := len(digits)
	sign := ""
	if neg {
		sign = "-"
	}
	switch {
	case k <= n && n <= 21:
		return sign + digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return sign + digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return sign + "0." + strings.Repeat("0", -n) + digits
	}
	m := digits[:1]
	if k > 1 {
		m += "." + digits[1:]
	}
	es := "+"
	if n-1 < 0 {
		es = "-"
	}
	return fmt.Sprintf("%s%se%s%d", sign, m, es, abs(n-1))
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// String is String(value) in JavaScript for a scalar or array JSON value.
func String(v merge.Value) string {
	switch v.Kind {
	case merge.Null:
		return "null"
	case merge.Undefined:
		return "undefined"
	case merge.Bool:
		return strconv.FormatBool(v.Bool)
	case merge.Number:
		return Number(v.Text)
	case merge.String:
		return v.Text
	case merge.Array:
		parts := make([]string, len(v.Items))
		for i, it := range v.Items {
			if it.Kind != merge.Null && it.Kind != merge.Undefined {
				parts[i] = String(it)
			}
		}
		return strings.Join(parts, ",")
	case merge.Object:
		return "[object Object]"
	}
	return ""
}
