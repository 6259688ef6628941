package libs_test

import (
	"fmt"

	"github.com/mergeplay/mergeplay/libs"
	"github.com/mergeplay/mergeplay/merge"
)

// The motivating case: session auth plus a request-level auth=None.
func ExampleRegistry() {
	for _, lib := range []string{"requests@2.28.1", "httpx@0.14.1", "httpx@0.14.2"} {
		sc, err := merge.ParseScenario([]byte(`{"mergeplay": 1,
			"client":  {"auth": {"username": "john", "password": "admin"}},
			"request": {"url": "http://api.example.test/users", "auth": null}}`), lib)
		if err != nil {
			panic(err)
		}
		res, err := libs.Registry().Resolve(sc)
		if err != nil {
			panic(err)
		}
		auth := "(none)"
		for _, h := range res.Request.Headers {
			if h[0] == "Authorization" || h[0] == "authorization" {
				auth = h[1]
			}
		}
		fmt.Printf("%-16s %s\n", lib, auth)
	}
	// Output:
	// requests@2.28.1  Basic am9objphZG1pbg==
	// httpx@0.14.1     Basic am9objphZG1pbg==
	// httpx@0.14.2     (none)
}

// A structured diff of the upgrade from httpx 0.14.1 to 0.14.2.
func ExampleRegistry_diff() {
	doc := []byte(`{"mergeplay": 1, "library": "httpx@0.14.1",
		"client":  {"auth": {"username": "john", "password": "admin"}},
		"request": {"url": "http://api.example.test/users", "auth": null}}`)
	d, err := libs.Registry().DiffDocs(doc, nil, "httpx@0.14.2")
	if err != nil {
		panic(err)
	}
	for _, c := range d.Changes {
		fmt.Println(c.Op, c.Part, c.Key, c.A, c.B)
	}
	// Output:
	// removed header authorization [Basic am9objphZG1pbg==] []
	// changed header user-agent [python-httpx/0.14.1] [python-httpx/0.14.2]
}
