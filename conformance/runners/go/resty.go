package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"

	"github.com/go-resty/resty/v2"
)

// runResty binds a scenario to go-resty v2 (see BINDING.md, "resty v2").
func runResty(ctx context.Context, sc *Value, echo string) (json.RawMessage, error) {
	c := resty.New() // as users create it: its own Transport and a cookie jar
	// c.Transport() does the same but only from v2.8.0 on; make record-all builds v2.7.0 too.
	t, ok := c.GetClient().Transport.(*http.Transport)
	if !ok {
		return nil, &fatalError{errors.New("resty's transport is not an *http.Transport")}
	}
	c.RemoveProxy()
	t.DialContext = dialEcho(echo)
	defer t.CloseIdleConnections()
	c.SetRedirectPolicy(resty.NoRedirectPolicy()).SetRetryCount(0).SetLogger(quietLogger{})

	client, err := object(sc, "client", "client")
	if err != nil {
		return nil, err
	}
	if client != nil {
		if err := restyClient(c, client); err != nil {
			return nil, err
		}
	}

	rq, err := object(sc, "request", "request")
	if err != nil {
		return nil, err
	}
	if rq == nil {
		rq = &Value{Kind: Object}
	}
	if err := checkFields(rq, "request", "method", "url", "headers", "params", "cookies", "auth", "json", "body", "via"); err != nil {
		return nil, err
	}
	method, target, err := callArgs(rq, "resty", "Execute", "Request.Execute")
	if err != nil {
		return nil, err
	}

	r := c.R().SetContext(ctx)
	if h, err := object(rq, "headers", "request.headers"); err != nil {
		return nil, err
	} else if h != nil {
		es, err := entries(h, "request.headers", true, true)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			switch {
			case e.null:
				r.Header[http.CanonicalHeaderKey(e.key)] = nil
			case e.multi:
				r.SetHeaderMultiValues(map[string][]string{e.key: e.vals})
			default:
				r.SetHeader(e.key, e.vals[0])
			}
		}
	}
	if p, err := object(rq, "params", "request.params"); err != nil {
		return nil, err
	} else if p != nil {
		es, err := entries(p, "request.params", true, true)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			switch {
			case e.null:
				r.QueryParam[e.key] = nil
			case e.multi:
				r.SetQueryParamsFromValues(url.Values{e.key: e.vals})
			default:
				r.SetQueryParam(e.key, e.vals[0])
			}
		}
	}
	if ck, err := object(rq, "cookies", "request.cookies"); err != nil {
		return nil, err
	} else if ck != nil {
		es, err := entries(ck, "request.cookies", false, false)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			r.SetCookie(&http.Cookie{Name: e.key, Value: e.vals[0]})
		}
	}
	if a := rq.Get("auth"); a != nil && a.Kind == Null {
		return nil, unsupportedf("resty v2 cannot clear auth on a request: an empty credential or token falls back to the client's")
	}
	auth, err := readAuth(rq, "request.auth")
	if err != nil {
		return nil, err
	}
	switch {
	case auth == nil:
	case auth.basic:
		r.SetBasicAuth(auth.username, auth.password)
	default:
		r.SetAuthToken(auth.bearer)
	}
	j, b := rq.Get("json"), rq.Get("body")
	if j != nil && b != nil {
		return nil, unsupportedf("request.json and request.body: resty has one body (SetBody); give one of them")
	}
	if j != nil {
		v, err := goValue(j, "request.json")
		if err != nil {
			return nil, err
		}
		r.SetBody(v)
	}
	if b != nil {
		s, _, err := str(rq, "body", "request.body")
		if err != nil {
			return nil, err
		}
		r.SetBody(s)
	}

	resp, err := r.Execute(method, target)
	if err != nil {
		return nil, err
	}
	return readWire(resp.StatusCode(), resp.Header(), resp.Body())
}

func restyClient(c *resty.Client, client *Value) error {
	if err := checkFields(client, "client", "base_url", "headers", "params", "cookies", "auth"); err != nil {
		return err
	}
	if u, ok, err := str(client, "base_url", "client.base_url"); err != nil {
		return err
	} else if ok {
		c.SetBaseURL(u)
	}
	if h, err := object(client, "headers", "client.headers"); err != nil {
		return err
	} else if h != nil {
		es, err := entries(h, "client.headers", true, true)
		if err != nil {
			return err
		}
		for _, e := range es {
			switch {
			case e.null:
				c.Header[http.CanonicalHeaderKey(e.key)] = nil
			case e.multi: // Client has no multi-value setter: its exported Header field
				c.Header.Del(e.key)
				for _, v := range e.vals {
					c.Header.Add(e.key, v)
				}
			default:
				c.SetHeader(e.key, e.vals[0])
			}
		}
	}
	if p, err := object(client, "params", "client.params"); err != nil {
		return err
	} else if p != nil {
		es, err := entries(p, "client.params", true, true)
		if err != nil {
			return err
		}
		for _, e := range es {
			switch {
			case e.null:
				c.QueryParam[e.key] = nil
			case e.multi: // Client has no multi-value setter: its exported QueryParam field
				c.QueryParam.Del(e.key)
				for _, v := range e.vals {
					c.QueryParam.Add(e.key, v)
				}
			default:
				c.SetQueryParam(e.key, e.vals[0])
			}
		}
	}
	if ck, err := object(client, "cookies", "client.cookies"); err != nil {
		return err
	} else if ck != nil {
		es, err := entries(ck, "client.cookies", false, false)
		if err != nil {
			return err
		}
		for _, e := range es {
			c.SetCookie(&http.Cookie{Name: e.key, Value: e.vals[0]})
		}
	}
	auth, err := readAuth(client, "client.auth")
	if err != nil {
		return err
	}
	switch {
	case auth == nil:
	case auth.basic:
		c.SetBasicAuth(auth.username, auth.password)
	default:
		c.SetAuthToken(auth.bearer)
	}
	return nil
}

// quietLogger drops resty's log lines (e.g. "Using Basic Auth in HTTP mode is not
// secure"); they do not change the request, and stdout/stderr stay clean.
type quietLogger struct{}

func (quietLogger) Errorf(string, ...any) {}
func (quietLogger) Warnf(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}
