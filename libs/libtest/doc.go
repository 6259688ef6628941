// Package libtest holds test helpers every library's tests may use, in the
// spirit of the Go CDK's drivertest: the invariants any resolved result keeps.
package libtest
