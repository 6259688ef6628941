// Command serve serves the built playground (dist/) on loopback with the
// response headers from netlify.toml, so that local behaviour, CSP included,
// is what Netlify serves. Text assets are sent gzip-compressed when accepted.
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on (loopback; port 0 picks a free one)")
	dir := flag.String("dir", "dist", "built site to serve (make site)")
	config := flag.String("config", "netlify.toml", "Netlify configuration whose [[headers]] are applied")
	flag.Parse()
	rules, redirects, err := loadConfig(*config)
	if err != nil {
		log.Fatalf("serve: %v", err)
	}
	if _, err := os.Stat(*dir); err != nil {
		log.Fatalf("serve: %v (run make site first)", err)
	}
	if bad := conflicts(rules, sitePaths(*dir)); len(bad) > 0 {
		log.Fatalf("serve: %s sets one header twice for a path:\n%s", *config, strings.Join(bad, "\n"))
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	// The test harness reads this line to find the port.
	log.Printf("serving %s on http://%s", *dir, l.Addr())
	srv := &http.Server{Handler: newSite(*dir, rules, redirects...)}
	log.Fatal(srv.Serve(l))
}

// sitePaths lists the URL paths of every file in dir, and of every folder
// with an index.html ("/", "/embed/", and "/embed", which redirects).
func sitePaths(dir string) []string {
	var paths []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			u := "/" + filepath.ToSlash(rel)
			paths = append(paths, u)
			if folder, ok := strings.CutSuffix(u, "index.html"); ok {
				paths = append(paths, folder)
				if folder != "/" {
					paths = append(paths, strings.TrimSuffix(folder, "/"))
				}
			}
		}
		return nil
	})
	return paths
}
