// Package urllib3 is what urllib3 decides for every library built on it: its URL parser and the
// request-target it sends. Shared by the requests and urllib3 profiles.
package urllib3
