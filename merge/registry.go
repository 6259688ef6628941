package merge

import (
	"fmt"
	"sync"
)

// Registry is a fixed list of profiles, in display order: the order
// Libraries lists them and the order the page, the CLI and the Worker show.
// The core defines it but never fills it; package libs does, so the core
// never depends on a library.
//
// A library's profiles are built the first time an answer needs them: a
// scenario naming the library builds that library only, and what lists every
// profile (Profiles, Libraries) builds them all. The browser engine answers
// its first scenario without building the other libraries' rule tables
// (each library's rules, cites and docs are hundreds of allocations, and in
// the browser the code that builds them is compiled on its first call).
type Registry struct {
	libs []*entry
	memo *memo // nil unless Memoize
}

// Library names a library and the function that builds its profiles, for
// RegistryOf. Name is the Library field of every profile Profiles returns.
type Library struct {
	Name     string
	Profiles func() []*Profile
}

// entry is one library of a registry, built at most once.
type entry struct {
	name     string
	build    func() []*Profile
	once     sync.Once
	profiles []*Profile
}

func (e *entry) get() []*Profile {
	e.once.Do(func() {
		ps := e.build()
		for _, p := range ps {
			if p.Library != e.name {
				// A programmer error in the registry's list, not in a scenario: every
				// lookup by name would miss this profile.
				panic(fmt.Sprintf("merge: library %q registered a profile of %q", e.name, p.Library))
			}
			p.citeRules()
		}
		e.profiles = ps
	})
	return e.profiles
}

// NewRegistry returns a registry of the given profiles, in that order. The
// registry keeps its own copy of the list; the profiles themselves must not
// be changed afterwards.
func NewRegistry(profiles ...*Profile) *Registry {
	r := &Registry{}
	for _, p := range profiles {
		if n := len(r.libs); n > 0 && r.libs[n-1].name == p.Library {
			e := r.libs[n-1]
			e.profiles = append(e.profiles, p)
			continue
		}
		e := &entry{name: p.Library, profiles: []*Profile{p}}
		e.once.Do(func() {})
		r.libs = append(r.libs, e)
	}
	return r
}

// RegistryOf returns a registry of the given libraries, in that order, each
// built on first use (see Registry). Profiles must return the same profiles
// on every call, and nobody may change them.
func RegistryOf(libs []Library) *Registry {
	r := &Registry{}
	for _, l := range libs {
		r.libs = append(r.libs, &entry{name: l.Name, build: l.Profiles})
	}
	return r
}

// Profiles lists the registry's profiles in display order.
func (r *Registry) Profiles() []*Profile {
	var out []*Profile
	for _, e := range r.libs {
		out = append(out, e.get()...)
	}
	return out
}

// of is the profiles of library, in display order, building no other
// library; known says whether the registry has it.
func (r *Registry) of(library string) (profiles []*Profile, known bool) {
	for _, e := range r.libs {
		if e.name == library {
			profiles, known = append(profiles, e.get()...), true
		}
	}
	return profiles, known
}

// Lines is a table of source lines a library's citations link to: the line
// of key (a function, or a statement in one) in the release tag's file.
// Written as a package-level literal it is data in the browser engine; a map
// literal is code (an assignment an entry), run each time a profile function
// that writes one builds its profile.
type Lines []LineAt

// LineAt is one entry of Lines.
type LineAt struct {
	Tag, Key string
	Line     int
}

// Line is key's line at tag, or 0 when the table has none.
func (t Lines) Line(tag, key string) int {
	for _, e := range t {
		if e.Tag == tag && e.Key == key {
			return e.Line
		}
	}
	return 0
}
