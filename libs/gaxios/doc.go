// Package gaxios is the profile of gaxios, Google's HTTP client for Node (googleapis/gaxios).
package gaxios
