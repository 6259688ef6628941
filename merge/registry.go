package merge

// Registry is a fixed list of profiles, in display order: the order
// Libraries lists them and the order the page, the CLI and the Worker show.
// The core defines it but never fills it; package libs does, so the core
// never depends on a library.
type Registry struct {
	profiles []*Profile
}

// NewRegistry returns a registry of the given profiles, in that order. The
// registry keeps its own copy of the list; the profiles themselves must not
// be changed afterwards.
func NewRegistry(profiles ...*Profile) *Registry {
	return &Registry{profiles: append([]*Profile(nil), profiles...)}
}

// Profiles lists the registry's profiles in display order.
func (r *Registry) Profiles() []*Profile { return append([]*Profile(nil), r.profiles...) }
