package aiohttp

import (
	"math"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/python"
)

// pyErr is an exception a helper raises: its type and message.
type pyErr struct{ typ, msg string }

// paramItem is one pair params= sends: the key and the value's text.
type paramItem struct {
	key, text string
	value     merge.Value
}

// paramItems lists the pairs of a params dict: a list value gives one pair
// per item, an empty list none.
func paramItems(p merge.Value) []paramItem {
	var out []paramItem
	for _, f := range dictItems(p) {
		vals := []merge.Value{f.Value}
		if f.Value.Kind == merge.Array {
			vals = f.Value.Items
		}
		for _, v := range vals {
			out = append(out, paramItem{f.Key, queryText(v), v})
		}
	}
	return out
}

// queryText is the text query_var gives a value it accepts.
func queryText(v merge.Value) string {
	if v.Kind == merge.String {
		return v.Text
	}
	return python.Number(v.Text)
}

// queryVar is yarl's query_var check: str, int or a finite float; bool and
// None are refused.
func queryVar(v merge.Value) *pyErr {
	switch v.Kind {
	case merge.String:
		return nil
	case merge.Number:
		if !v.IsInt() {
			if f, _ := python.ParseFloat(v.Text); math.IsInf(f, 0) {
				return &pyErr{"ValueError", "float('inf') is not supported"}
			}
		}
		return nil
	}
	cls := "<class '" + python.TypeName(v) + "'>"
	return &pyErr{"TypeError", "Invalid variable type: value should be str, int or float, got " + python.Repr(v) + " of type " + cls}
}

// encodeParams is yarl's get_str_query for params=: a str is quoted as a
// whole (QUERY_QUOTER); a dict's pairs are key=value with each part quoted
// by QUERY_PART_QUOTER (space as '+', '&', '=', '+', '%' and '#' escaped).
func encodeParams(p merge.Value) (string, *pyErr) {
	if p.Kind == merge.String {
		return quote(p.Text, pathQ{safe: "?/:@", protected: "=+&;", qs: true}), nil
	}
	var parts []string
	for _, f := range dictItems(p) {
		vals := []merge.Value{f.Value}
		if f.Value.Kind == merge.Array {
			vals = f.Value.Items
		}
		for _, v := range vals {
			if err := queryVar(v); err != nil {
				return "", err
			}
			parts = append(parts, quote(f.Key, queryPartQuoter)+"="+quote(queryText(v), queryPartQuoter))
		}
	}
	return strings.Join(parts, "&"), nil
}

// splitPairs splits a raw query string into its pairs as written, the key
// decoded (the trace names a parameter by its decoded key).
func splitPairs(raw string) [][2]string {
	var out [][2]string
	if raw == "" {
		return nil
	}
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		out = append(out, [2]string{unquotePlus(k), v})
	}
	return out
}
