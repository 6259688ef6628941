package merge

import (
	"bytes"
	"strings"
	"testing"
)

// TestRegistryOfBuildsOnFirstUse checks what makes the browser engine's first
// answer cheap: a scenario builds the one library it names, each library is
// built once, and what lists every profile builds the rest in display order,
// with the same answers as a registry built eagerly from the same profiles.
func TestRegistryOfBuildsOnFirstUse(t *testing.T) {
	built := map[string]int{}
	lib := func(name string, ps ...*Profile) Library {
		return Library{Name: name, Profiles: func() []*Profile { built[name]++; return ps }}
	}
	fk1, fk2, other := fkProfile("1.0", "2.0", "1.0.0", "1.0.1", "1.1.0", "1.2.0"), fkProfile("2.0", "", "2.0.0", "2.1.0", "2.1.1"), &Profile{Library: "empty", Min: "1", Verified: SourceDerived}
	lazy := RegistryOf([]Library{lib("empty", other), lib("fk", fk1, fk2)})
	eager := NewRegistry(other, fk1, fk2)

	steps := []struct {
		reason string
		call   func(r *Registry) []byte
		want   map[string]int // how often each library was built after the call
	}{
		{"an unknown library builds nothing and still lists the known names", func(r *Registry) []byte {
			_, _, err := r.Lookup("nope@1.0")
			return []byte(err.Error())
		}, map[string]int{}},
		{"a scenario builds the library it names only", func(r *Registry) []byte {
			return r.ResolveJSON([]byte(fkScenario))
		}, map[string]int{"fk": 1}},
		{"a second scenario does not build it again", func(r *Registry) []byte {
			return r.DiffJSON([]byte(`{"a":` + fkScenario + `,"against":"fk@2.1.1"}`))
		}, map[string]int{"fk": 1}},
		{"a timeline builds only its library", func(r *Registry) []byte {
			return r.TimelineJSON([]byte(`{"scenario":` + fkScenario + `,"library":"fk"}`))
		}, map[string]int{"fk": 1}},
		{"the list of libraries builds every library once", func(r *Registry) []byte {
			return r.LibrariesJSON()
		}, map[string]int{"fk": 1, "empty": 1}},
		{"Profiles after that builds nothing again", func(r *Registry) []byte {
			var names []string
			for _, p := range r.Profiles() {
				names = append(names, p.Name())
			}
			return []byte(strings.Join(names, "; "))
		}, map[string]int{"fk": 1, "empty": 1}},
	}
	for _, s := range steps {
		got, want := s.call(lazy), s.call(eager)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the lazy registry answered\n%s\nthe eager one\n%s", s.reason, got, want)
		}
		if len(built) != len(s.want) || built["fk"] != s.want["fk"] || built["empty"] != s.want["empty"] {
			t.Errorf("%s: built %v, want %v", s.reason, built, s.want)
		}
	}
}

func TestRegistryOfRefusesAMisnamedLibrary(t *testing.T) {
	r := RegistryOf([]Library{{Name: "fk", Profiles: func() []*Profile { return []*Profile{{Library: "kf", Min: "1"}} }}})
	defer func() {
		if p := recover(); p == nil || !strings.Contains(p.(string), `library "fk" registered a profile of "kf"`) {
			t.Errorf("Profiles() of a misnamed library: recovered %v, want a panic naming both", p)
		}
	}()
	r.Profiles()
}
