// Package merge is mergeplay's core: the scenario format and its decoder,
// the engine that runs a library's profile, the structured diff and the
// JSON entry points. It knows no library; package libs registers them.
//
// # The profile API
//
// A library plugs in as a list of *Profile values (one per version range),
// each an ordered list of Rules. Registry.Resolve looks the scenario's
// "name@version" up (Registry.Lookup), starts a *State with Method "GET" and
// runs the profile's rules in order until one ends resolution. A library
// package exports Profiles() []*Profile, built once with InLanguage, and
// imports only this package, the shared models under model/, and the
// standard library; it never imports another library.
//
// What a rule may read:
//   - State.Scenario, through State.Client() and State.Request(): every
//     field of both sides as a Value whose Kind tells absent, null,
//     undefined, false and a value apart. ClientFieldsPresent and
//     RequestFieldsPresent list the fields a side holds, in format order.
//   - State.Version (the version asked for) and State.Profile.
//   - State.Vars, through Var[T]: values the profile's own earlier rules
//     stored for later ones (by convention one run struct under the
//     library's name).
//   - State.Explained: whether an earlier step already explains a field.
//
// What a rule may change: State.Method, URL (absolute, as the library holds
// it), Target (the request-target as sent; derived from URL when left
// empty), Headers (wire order and spelling; AddHeader, DelHeader,
// HeaderIndex, HeaderValue), Body and Binary, and Vars.
//
// How a rule explains, raises and gives up:
//   - Explain(field, value, source, action, note) records a Step under the
//     running rule, with its name and citation: every header, query
//     parameter, the URL and the body of a sent request need one (FieldName
//     and QueryField spell the fields; Source* and Action* are the values).
//   - Raise(type, format, ...) ends resolution with the exception the real
//     library raises (outcome "error").
//   - Unsupported(format, ...) ends resolution when the scenario cannot be
//     expressed through the library's API (outcome "unsupported").
//   - Warn adds a warning to the result and goes on; Done reports whether
//     resolution has ended.
//
// A rule never panics on purpose: a panic is recovered by Resolve and
// returned as an internal error naming the profile and the rule.
//
// Versions and recordings: a Profile covers Min (inclusive) to Max (exclusive).
// Since says why the range starts at Min: the pull request or commit between
// the release before Min and Min that changed what the library sends (Ref,
// URL, a one-sentence Doc), read in the library's source between the two
// tags; `mergeplay libraries` shows it for every boundary. Recorded is not
// written by hand: conformance/record generates libs/<name>/recorded.go (a
// Releases value) from the stored fixtures and the registry list
// (conformance/releases/<name>.txt), and Releases.Apply, called where the
// library builds its profile list, gives each profile the recorded releases
// inside its range. Lookup then answers a recorded release with no warning, a
// release newer than every recorded one (or one covered by another's
// recording, such as a Node release bundling a recorded undici) with a
// warning, and refuses a release the registry does not list or withdrew
// (yanked), naming the nearest recorded releases.
//
// Rules cite their source (Cite: file, function, tag, URL) and carry a
// one-sentence Doc; Switches name small behaviour choices so two profiles
// can be compared field by field. CompareVersions orders version strings
// for version facts. AppendJSONString, AppendJSONFloat, AppendJSONBool and
// ValidJSON are the engine's own JSON writer and checker, for profiles that
// model a library's JSON encoder (the browser build links no encoding/json).
package merge
