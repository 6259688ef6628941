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
// package exports Profiles() []*Profile, built once with InLanguage on its
// first call (sync.OnceValue: the registry, RegistryOf, asks for a library's
// profiles only when an answer needs them), and imports only this package, the shared models under model/, and the
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
//     running rule, with its name and citation: every header line, the URL
//     and the body of a sent request need a set or keep step with the value
//     sent, and every query pair as sent exactly one (FieldName and
//     QueryField spell the fields; Source* and Action* are the values). A
//     value the losing side held gets a step with that value and
//     ActionRemove, ActionIgnore or ActionOverride.
//   - ExplainAt(cite, ...) is Explain for a step that another function of
//     the library does: a rule whose work is spread over several functions
//     lists them in Rule.Also and cites each step to the one that does it.
//   - Raise(type, format, ...) ends resolution with the exception the real
//     library raises (outcome "error") and records where it is raised: a
//     last Step {Field: FieldError, Value: type, Source: SourceLibrary,
//     Action: ActionRaise, Note: message} citing the rule. RaiseAt(cite, ...)
//     cites the raise site instead (one of Rule.Also), when the rule's
//     function is the caller of the one that raises.
//   - Unsupported(format, ...) ends resolution when the scenario cannot be
//     expressed through the library's API (outcome "unsupported").
//   - Warn adds a warning to the result and goes on; Done reports whether
//     resolution has ended.
//
// What text holds: every string and key of a decoded Value is WTF-8, that
// is UTF-8 that may also hold a lone surrogate (U+D800–U+DFFF) where the
// scenario wrote an unpaired \uXXXX escape, as the three bytes UTF-8 would
// give the code point. Python's json.loads and JavaScript's JSON.parse keep
// such a surrogate, so what becomes of it is a rule of the library: a
// profile reads code points with DecodeRune or Runes (a range loop sees
// three bytes of invalid UTF-8), tests with HasSurrogate and IsSurrogate,
// and replaces with WellFormed or Scenario.WellFormed (U+FFFD, as Go's
// encoding/json and WebIDL's USVString do). A document with raw invalid
// UTF-8 is refused at its byte, so invalid UTF-8 in a string always means a
// lone surrogate, and every string without one is exactly what
// encoding/json decodes. The result writers give a surrogate back as its
// \u escape (\ud800), never as bytes, so every output is valid UTF-8 JSON.
//
// After the rules, a sent result is linted: Checks (lint.go) is a table of
// named pitfalls, each deciding from the scenario and the wire request alone,
// so a profile adds nothing for them; their findings are Result.Lints.
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
// release newer than every one recorded in its profile's range (published
// after the registry list was refreshed) or covered by another's recording
// (a Node release bundling a recorded undici) with a warning, and refuses a
// release between recorded ones that the registry does not list, or one it
// withdrew (yanked), naming the nearest recorded releases.
//
// Rules cite their source (Cite: file, function, tag, URL with a #L line
// anchor, at the version the recordings ran, runtime included) and carry a
// one-sentence Doc; conformance/citeindex holds every Cite and Also to the
// libraries' installed source and every fixture's trace to its request.
// Switches name small behaviour choices so two profiles
// can be compared field by field. CompareVersions orders version strings
// for version facts. AppendJSONString, AppendJSONFloat, AppendJSONBool and
// ValidJSON are the engine's own JSON writer and checker, for profiles that
// model a library's JSON encoder (the browser build links no encoding/json).
package merge
