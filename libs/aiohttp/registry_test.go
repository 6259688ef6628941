package aiohttp

import "github.com/mergeplay/mergeplay/merge"

var testRegistry = merge.NewRegistry(Profiles()...)

func resolve(doc string) *merge.Result {
	sc, err := merge.ParseScenario([]byte(doc), "")
	if err != nil {
		panic(err)
	}
	res, err := testRegistry.Resolve(sc)
	if err != nil {
		panic(err)
	}
	return res
}
