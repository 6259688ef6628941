package js

import "testing"

func TestArrayIndex(t *testing.T) {
	for k, want := range map[string]int64{
		"0": 0, "7": 7, "10": 10, "4294967294": 4294967294,
		"4294967295": -1, "9999999999": -1, "12345678901": -1, // 2^32-1 is not an array index
		"": -1, "01": -1, "00": -1, "-1": -1, "+1": -1, " 1": -1, "1 ": -1, "1e3": -1, "1.0": -1, "Accept": -1, "x-1": -1,
	} {
		n, ok := ArrayIndex(k)
		if want < 0 {
			if ok {
				t.Errorf("ArrayIndex(%q) = %d, true; want not an index", k, n)
			}
			continue
		}
		if !ok || n != uint64(want) {
			t.Errorf("ArrayIndex(%q) = %d, %v; want %d, true", k, n, ok, want)
		}
	}
}

func BenchmarkArrayIndexName(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := ArrayIndex("Accept"); ok {
			b.Fatal("Accept is not an array index")
		}
	}
}
