// Package niquests is the profile of Python niquests 3.x (requests' API on urllib3-future):
// requests' merge rules, a base_url joined by string, and a str auth sent as Bearer.
package niquests
