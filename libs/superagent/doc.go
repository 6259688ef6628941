// Package superagent is the profile of superagent on Node, its newest two majors (9.x and
// 10.x): an agent's set/query/auth calls replayed on each request, the request's own calls,
// then what Node's http.ClientRequest writes.
package superagent
