package merge

import "sync"

// memo keeps the last few answers of ResolveDoc. The page asks the same
// scenario several times for one edit: its result, then the diff's two sides
// (one of them that same scenario), then the compared side alone (the
// diff's other side) — four parses and resolves where two answer all.
type memo struct {
	mu      sync.Mutex
	entries []memoEntry // the newest last
	size    int
}

type memoEntry struct {
	doc, library string
	res          *Result
	err          *APIError
}

// Memoize makes ResolveDoc keep its last n answers (n ≤ 0: none) and give
// them again for the same document and library. Only for a registry whose
// callers never change a result they are given: the browser engine's, whose
// answers all leave as JSON.
func (r *Registry) Memoize(n int) {
	if n <= 0 {
		r.memo = nil
		return
	}
	r.memo = &memo{size: n}
}

func (m *memo) get(doc []byte, library string) (memoEntry, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.entries {
		if e.library == library && e.doc == string(doc) {
			if e.err != nil { // callers prefix its field (DiffDocs): theirs to change
				c := *e.err
				e.err = &c
			}
			return e, true
		}
	}
	return memoEntry{}, false
}

func (m *memo) put(e memoEntry) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e.err != nil {
		c := *e.err
		e.err = &c
	}
	if len(m.entries) == m.size {
		m.entries = append(m.entries[:0], m.entries[1:]...)
	}
	m.entries = append(m.entries, e)
}
