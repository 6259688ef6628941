package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
)

// runNetHTTP binds a scenario to net/http (see BINDING.md, "net/http").
func runNetHTTP(ctx context.Context, sc *Value, echo string) (json.RawMessage, error) {
	client, err := object(sc, "client", "client")
	if err != nil {
		return nil, err
	}
	var jarCookies []entry
	if client != nil {
		for _, m := range client.Obj {
			if m.Key != "cookies" {
				return nil, unsupportedf("net/http has no client-level %s: http.Client has only Transport, CheckRedirect, Jar and Timeout", m.Key)
			}
		}
		if c, err := object(client, "cookies", "client.cookies"); err != nil {
			return nil, err
		} else if c != nil {
			if jarCookies, err = entries(c, "client.cookies", false, false); err != nil {
				return nil, err
			}
		}
	}

	rq, err := object(sc, "request", "request")
	if err != nil {
		return nil, err
	}
	if rq == nil {
		rq = &Value{Kind: Object}
	}
	for _, m := range rq.Obj {
		switch m.Key {
		case "params":
			return nil, unsupportedf("net/http has no query-parameter option; the caller builds the URL")
		case "json":
			return nil, unsupportedf("net/http has no JSON body option; the caller marshals the body")
		}
	}
	if err := checkFields(rq, "request", "method", "url", "headers", "cookies", "auth", "body", "via"); err != nil {
		return nil, err
	}
	method, target, err := callArgs(rq, "net/http", "Do", "Client.Do")
	if err != nil {
		return nil, err
	}
	var body io.Reader
	if b, ok, err := str(rq, "body", "request.body"); err != nil {
		return nil, err
	} else if ok {
		body = strings.NewReader(b)
	}
	var headers, cookies []entry
	if h, err := object(rq, "headers", "request.headers"); err != nil {
		return nil, err
	} else if h != nil {
		if headers, err = entries(h, "request.headers", true, true); err != nil {
			return nil, err
		}
	}
	if c, err := object(rq, "cookies", "request.cookies"); err != nil {
		return nil, err
	} else if c != nil {
		if cookies, err = entries(c, "request.cookies", false, false); err != nil {
			return nil, err
		}
	}
	auth, err := readAuth(rq, "request.auth")
	if err != nil {
		return nil, err
	}
	if auth != nil && !auth.basic {
		return nil, unsupportedf("net/http has no token auth option; the caller sets the Authorization header")
	}

	// The calls, in this order.
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return nil, err
	}
	for _, h := range headers {
		if h.null {
			req.Header[http.CanonicalHeaderKey(h.key)] = nil
			continue
		}
		for _, v := range h.vals {
			req.Header.Add(h.key, v)
		}
	}
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.key, Value: c.vals[0]})
	}
	if auth != nil {
		req.SetBasicAuth(auth.username, auth.password)
	}

	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	t.DialContext = dialEcho(echo)
	defer t.CloseIdleConnections()
	hc := &http.Client{
		Transport:     t,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	if len(jarCookies) > 0 {
		jar, err := cookiejar.New(nil)
		if err != nil {
			return nil, err
		}
		cs := make([]*http.Cookie, 0, len(jarCookies))
		for _, c := range jarCookies {
			cs = append(cs, &http.Cookie{Name: c.key, Value: c.vals[0]})
		}
		jar.SetCookies(req.URL, cs)
		hc.Jar = jar
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, &fatalError{err}
	}
	return readWire(resp.StatusCode, resp.Header, b)
}
