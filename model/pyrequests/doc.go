// Package pyrequests is the requests code niquests inherits: the URL handling,
// the Python-side spellings of its exception messages and the rules the two
// libraries share. Both libs/requests and libs/niquests call it, because a
// library may not import another; what differs between them (messages,
// version facts, citations) is passed in, never copied.
package pyrequests
