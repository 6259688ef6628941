// Package nodehttp holds the rules of Node's http.ClientRequest that more
// than one Node library meets: header value checks and chunked encoding by
// default. Shared by the axios and got profiles.
package nodehttp
