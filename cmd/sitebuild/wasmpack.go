package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sort"
)

// Go's linker writes the engine's initial memory as up to 100000 data
// segments (V8's limit), starting a new one at most runs of zeros longer than
// ~16 bytes; each costs a header (flags, an i32.const offset, a length) of
// 5–9 bytes that compresses badly. packData joins segments whose gap is at
// most maxGap bytes, writing the gap as zeros: the memory image is byte for
// byte the same. Raw the engine grows (7.33 → 8.33 MB: the zeros), but the
// zeros cost brotli almost nothing and the headers went: 1195.6 → 1093.7 KB
// brotli, 1673.7 → 1512.9 KB gzip -9.
//
// maxGap, measured on the engine (brotli q11, KB): 16 → 1183.1 (the linker's
// own splits stay), 32 → 1095.5, 128 → 1094.1, 256 → 1093.7, 1024 → 1094.9.
const maxGap = 256

func packFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	out, _, _, err := packData(b)
	if err != nil {
		return err
	}
	return os.WriteFile(path, out, 0o644)
}

// wasm section ids (WebAssembly core spec, 5.5).
const (
	sectionData      = 11
	sectionDataCount = 12
)

type dataSegment struct {
	offset uint32
	bytes  []byte
}

// packData returns the module with its data segments joined, and the number
// of segments before and after. It accepts only what Go's linker writes
// (active, non-overlapping segments of memory 0 at an i32.const offset) and
// fails on anything else rather than guess.
func packData(mod []byte) (out []byte, before, after int, err error) {
	if len(mod) < 8 || !bytes.Equal(mod[:4], []byte("\x00asm")) || !bytes.Equal(mod[4:8], []byte{1, 0, 0, 0}) {
		return nil, 0, 0, errors.New("not a WebAssembly 1.0 module (bad magic or version)")
	}
	type section struct {
		id         byte
		start, end int // the whole section, id included
		body       []byte
	}
	var secs []section
	for pos := 8; pos < len(mod); {
		size, p, err := uleb(mod, pos+1)
		if err != nil {
			return nil, 0, 0, fmt.Errorf("section at byte %d: %w", pos, err)
		}
		if size > uint64(len(mod)-p) {
			return nil, 0, 0, fmt.Errorf("section %d at byte %d runs past the end of the module", mod[pos], pos)
		}
		end := p + int(size)
		secs = append(secs, section{mod[pos], pos, end, mod[p:end]})
		pos = end
	}
	var joined []dataSegment
	found := false
	for _, s := range secs {
		if s.id != sectionData {
			continue
		}
		if found {
			return nil, 0, 0, errors.New("two data sections")
		}
		found = true
		segs, err := readData(s.body)
		if err != nil {
			return nil, 0, 0, fmt.Errorf("data section at byte %d: %w", s.start, err)
		}
		joined = joinSegments(segs)
		before, after = len(segs), len(joined)
	}
	if !found {
		return nil, 0, 0, errors.New("the module has no data section: is it a Go build?")
	}
	var b bytes.Buffer
	b.Write(mod[:8])
	for _, s := range secs {
		switch s.id {
		case sectionData:
			writeSection(&b, sectionData, writeData(joined))
		case sectionDataCount: // must equal the data section's count
			writeSection(&b, sectionDataCount, appendULEB(nil, uint64(after)))
		default:
			b.Write(mod[s.start:s.end])
		}
	}
	return b.Bytes(), before, after, nil
}

func readData(body []byte) ([]dataSegment, error) {
	n, p, err := uleb(body, 0)
	if err != nil {
		return nil, err
	}
	if n > uint64(len(body)) {
		return nil, fmt.Errorf("claims %d segments in %d bytes", n, len(body))
	}
	segs := make([]dataSegment, 0, n)
	for i := uint64(0); i < n; i++ {
		var flags uint64
		if flags, p, err = uleb(body, p); err != nil {
			return nil, fmt.Errorf("segment %d: %w", i, err)
		}
		if flags != 0 {
			return nil, fmt.Errorf("segment %d is not an active segment of memory 0 (flags %d); Go's linker writes only those", i, flags)
		}
		if p >= len(body) || body[p] != 0x41 { // i32.const
			return nil, fmt.Errorf("segment %d: the offset is not an i32.const", i)
		}
		var off int64
		if off, p, err = sleb(body, p+1); err != nil {
			return nil, fmt.Errorf("segment %d offset: %w", i, err)
		}
		if p >= len(body) || body[p] != 0x0b { // end
			return nil, fmt.Errorf("segment %d: the offset expression is longer than one i32.const", i)
		}
		p++
		var size uint64
		if size, p, err = uleb(body, p); err != nil {
			return nil, fmt.Errorf("segment %d size: %w", i, err)
		}
		if off < 0 || off > 1<<31-1 || size > uint64(len(body)-p) {
			return nil, fmt.Errorf("segment %d: offset %d or size %d out of range", i, off, size)
		}
		segs = append(segs, dataSegment{uint32(off), body[p : p+int(size)]})
		p += int(size)
	}
	if p != len(body) {
		return nil, fmt.Errorf("%d bytes after the last segment", len(body)-p)
	}
	// The linker writes its sections' segments section by section, not in
	// address order. Segments that do not overlap can be applied in any
	// order; overlapping ones would depend on it, so they are refused.
	sort.SliceStable(segs, func(i, j int) bool { return segs[i].offset < segs[j].offset })
	for i := 1; i < len(segs); i++ {
		if end := uint64(segs[i-1].offset) + uint64(len(segs[i-1].bytes)); uint64(segs[i].offset) < end {
			return nil, fmt.Errorf("the segment at %d overlaps the one at %d (which ends at %d)", segs[i].offset, segs[i-1].offset, end)
		}
	}
	return segs, nil
}

// joinSegments joins segments no more than maxGap apart. A joined segment's
// bytes are its own copy, grown in place: copying it afresh at each join
// made packing quadratic (37 s for the engine's 6 MB of data).
func joinSegments(segs []dataSegment) []dataSegment {
	var out []dataSegment
	owned := false // whether out's last segment's bytes are a copy of ours (never the module's)
	for _, s := range segs {
		if k := len(out) - 1; k >= 0 {
			end := uint64(out[k].offset) + uint64(len(out[k].bytes))
			if gap := uint64(s.offset) - end; gap <= maxGap {
				if !owned {
					out[k].bytes = append([]byte(nil), out[k].bytes...)
					owned = true
				}
				out[k].bytes = append(append(out[k].bytes, make([]byte, gap)...), s.bytes...)
				continue
			}
		}
		out = append(out, s)
		owned = false
	}
	return out
}

func writeData(segs []dataSegment) []byte {
	b := appendULEB(nil, uint64(len(segs)))
	for _, s := range segs {
		b = append(b, 0, 0x41)
		b = appendSLEB(b, int64(s.offset)) // < 2³¹: readData refuses more
		b = append(b, 0x0b)
		b = appendULEB(b, uint64(len(s.bytes)))
		b = append(b, s.bytes...)
	}
	return b
}

func writeSection(b *bytes.Buffer, id byte, body []byte) {
	b.WriteByte(id)
	b.Write(appendULEB(nil, uint64(len(body))))
	b.Write(body)
}

func uleb(b []byte, p int) (uint64, int, error) {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if p >= len(b) {
			return 0, 0, errors.New("truncated LEB128 number")
		}
		c := b[p]
		p++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v, p, nil
		}
	}
	return 0, 0, errors.New("LEB128 number longer than 64 bits")
}

func sleb(b []byte, p int) (int64, int, error) {
	var v int64
	for shift := uint(0); shift < 64; shift += 7 {
		if p >= len(b) {
			return 0, 0, errors.New("truncated LEB128 number")
		}
		c := b[p]
		p++
		v |= int64(c&0x7f) << shift
		if c < 0x80 {
			if shift+7 < 64 && c&0x40 != 0 {
				v |= -1 << (shift + 7)
			}
			return v, p, nil
		}
	}
	return 0, 0, errors.New("LEB128 number longer than 64 bits")
}

func appendULEB(b []byte, v uint64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func appendSLEB(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
