"""Conformance runner for Python `requests`, `httpx`, `urllib3`, `aiohttp` and `niquests` (protocol: conformance/README.md).

Usage: python runner.py LIB@VER  (normally via ./run, inside the venv ./setup made for LIB@VER).
stdin: JSON array [{"name", "scenario"}, ...]; stdout: JSON array of results, same order.
The exact mapping from scenario v1 to API calls is in BINDING.md beside this file; keep the two
in step.

Every socket connects to MERGEPLAY_ECHO whatever host and port the URL names: socket.getaddrinfo
(used by urllib3 and by every httpcore sync backend through socket.create_connection) answers
with the echo address, and socket.connect refuses any other destination. The request bytes are
untouched, so Host is still the URL's host. asyncio (aiohttp) resolves through the same
socket.getaddrinfo (loop.getaddrinfo runs it in a thread) and connects with sock.connect.
"""

import base64
import json
import os
import socket
import sys
import warnings

# --- environment: nothing from outside may change the request -----------------------------
for _k in list(os.environ):
    if _k.lower() in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "ws_proxy",
                      "wss_proxy", "netrc", "requests_ca_bundle", "curl_ca_bundle",
                      "ssl_cert_file", "ssl_cert_dir"):
        del os.environ[_k]
warnings.simplefilter("ignore")  # e.g. httpx 0.28 per-request cookies DeprecationWarning


class EchoGuard(BaseException):
    """Raised (past every `except Exception` in the libraries) if a socket tries to leave."""


def _echo_addr():
    raw = os.environ.get("MERGEPLAY_ECHO", "")
    host, sep, port = raw.rpartition(":")
    if not sep or not port.isdigit() or host not in ("127.0.0.1", "localhost"):
        sys.stderr.write("runner: MERGEPLAY_ECHO must be 127.0.0.1:<port>, got %r\n" % raw)
        sys.exit(2)
    return ("127.0.0.1", int(port))


ECHO = _echo_addr()
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ECHO)]


def _check(addr):
    if tuple(addr[:2]) != ECHO:
        raise EchoGuard("runner: refused connection to %r (only %s:%d allowed)" % ((addr,) + ECHO))


def _connect(self, addr):
    _check(addr)
    return _real_connect(self, addr)


def _connect_ex(self, addr):
    _check(addr)
    return _real_connect_ex(self, addr)


socket.getaddrinfo = _getaddrinfo
socket.gethostbyname = lambda host: ECHO[0]
socket.socket.connect = _connect
socket.socket.connect_ex = _connect_ex
socket.setdefaulttimeout(20)  # never hang a recording (does not change any byte sent)

# httpx builds an SSL context with certifi's CA bundle for every Client, which takes ~80 ms:
# three quarters of a release's recording time. The corpus is http:// only (conformance/README),
# so no context is ever used for TLS and loading no CAs changes no byte sent; a TLS handshake
# would now fail verification instead of trusting a CA.
import ssl  # noqa: E402
ssl.SSLContext.load_verify_locations = lambda self, *a, **k: None


# --- scenario decoding ----------------------------------------------------------------------
class Unsupported(Exception):
    pass


def is_undefined(v):
    return isinstance(v, dict) and len(v) == 1 and v.get("$undefined") is True


def check_no_undefined(v, where):
    """json.loads already gives the native values (None, bool, int, float, str, list, dict in
    key order); the only JSON state Python cannot express is {"$undefined": true}."""
    if is_undefined(v):
        raise Unsupported("%s is {\"$undefined\": true}: Python has no undefined" % where)
    if isinstance(v, dict):
        for k, x in v.items():
            check_no_undefined(x, "%s[%s]" % (where, json.dumps(k)))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            check_no_undefined(x, "%s[%d]" % (where, i))


CLIENT_FIELDS = ("base_url", "headers", "params", "cookies", "auth")
REQUEST_FIELDS = ("method", "url", "headers", "params", "cookies", "auth", "json", "body", "via")


def split_scenario(sc, lib):
    if not isinstance(sc, dict):
        raise Unsupported("scenario is not a JSON object")
    client = sc.get("client", {})
    request = sc.get("request", {})
    if client is None:
        client = {}
    if not isinstance(client, dict) or not isinstance(request, dict):
        raise Unsupported("scenario client/request must be JSON objects")
    for k in sc:
        if k not in ("mergeplay", "library", "client", "request"):
            raise Unsupported("scenario field %r is not bound for %s" % (k, lib))
    for k in client:
        if k not in CLIENT_FIELDS:
            raise Unsupported("client.%s is not bound for %s" % (k, lib))
    for k in request:
        if k not in REQUEST_FIELDS:
            raise Unsupported("request.%s is not bound for %s" % (k, lib))
    check_no_undefined(client, "client")
    check_no_undefined(request, "request")
    return client, request


def native_auth(v, where, lib):
    """{"username","password"} -> (username, password); {"bearer"} -> unsupported; any other
    value (null, false, a string, ...) is passed as its native translation."""
    if isinstance(v, dict):
        if "bearer" in v:
            raise Unsupported("%s.bearer: %s has no bearer-token auth option" % (where, lib.split("@")[0]))
        if set(v) == {"username", "password"}:
            return (v["username"], v["password"])
        raise Unsupported("%s must be {\"username\",\"password\"} or {\"bearer\"}" % where)
    return v


def check_body(v):
    if v is not None and not isinstance(v, str):
        raise Unsupported("request.body must be a string (raw body) or null")
    return v


def wire_of(status, headers, content):
    """The echo record from the library's response. A HEAD answer has no body, so the record
    then comes from the X-Mergeplay-Record response header (base64 JSON) the echo always sends."""
    if status != 200:
        raise EchoRejected("echo server answered %d: it could not parse what was sent" % status)
    if not content:
        content = base64.b64decode(headers.get("X-Mergeplay-Record", ""))
    return json.loads(content.decode("utf-8"))


class EchoRejected(Exception):
    pass


def request_kwargs(request, lib, body_kw):
    """The per-request keyword arguments both libraries take: each present field as is, auth
    translated, and the raw body under the library's keyword (requests data=, httpx content=/data=)."""
    kw = {}
    for f in ("headers", "params", "cookies", "json"):
        if f in request:
            kw[f] = request[f]
    if "auth" in request:
        kw["auth"] = native_auth(request["auth"], "request.auth", lib)
    if "body" in request:
        kw[body_kw] = check_body(request["body"])
    return kw


# --- requests -----------------------------------------------------------------------------
def run_requests(client, request, lib):
    import requests

    if "base_url" in client:
        raise Unsupported("requests has no base URL option")
    via = request.get("via", "request")
    if via != "request":
        raise Unsupported("requests has no %r call path (only Session.request)" % (via,))
    if "url" not in request:
        raise Unsupported("request.url is required (requests has no base URL)")
    kw = request_kwargs(request, lib, "data")
    for f in ("headers", "cookies"):  # bound key by key, so they must be objects
        if f in client and not isinstance(client[f], dict):
            raise Unsupported("client.%s must be an object for requests (it is applied key by key)" % f)
    auth = native_auth(client["auth"], "client.auth", lib) if "auth" in client else None

    with requests.Session() as s:
        s.trust_env = False  # no proxies, netrc or CA-bundle variables from the environment
        if "headers" in client:
            s.headers.update(client["headers"])
        if "params" in client:
            s.params = client["params"]
        if "cookies" in client:
            for name, value in client["cookies"].items():
                s.cookies.set(name, value)
        if "auth" in client:
            s.auth = auth
        r = s.request(request.get("method", "GET"), request["url"], **kw)
        return wire_of(r.status_code, r.headers, r.content)


# --- httpx --------------------------------------------------------------------------------
def run_httpx(client, request, lib):
    import inspect

    import httpx

    via = request.get("via", "request")
    if via not in ("request", "stream"):
        raise Unsupported("httpx has no %r call path bound (request or stream)" % (via,))
    if "url" not in request:
        raise Unsupported("request.url is required (the url argument has no default)")
    # Raw body keyword: content= where Client.request has it (0.18+), else data= (0.14.x).
    body_kw = "content" if "content" in inspect.signature(httpx.Client.request).parameters else "data"

    ckw = {}
    for f in ("base_url", "headers", "params", "cookies"):
        if f in client:
            ckw[f] = client[f]
    if "auth" in client:
        ckw["auth"] = native_auth(client["auth"], "client.auth", lib)
    kw = request_kwargs(request, lib, body_kw)
    method = request.get("method", "GET")

    with httpx.Client(trust_env=False, **ckw) as c:
        if via == "stream":
            with c.stream(method, request["url"], **kw) as r:
                r.read()
                return wire_of(r.status_code, r.headers, r.content)
        r = c.request(method, request["url"], **kw)
        return wire_of(r.status_code, r.headers, r.content)


# --- urllib3 ------------------------------------------------------------------------------
def run_urllib3(client, request, lib):
    import urllib3

    for f, why in (("base_url", "urllib3 has no base URL option"),
                   ("params", "urllib3's PoolManager has no default fields or query"),
                   ("cookies", "urllib3 has no cookie jar or cookies option"),
                   ("auth", "urllib3 has no auth option (Basic auth is a header made with urllib3.make_headers)")):
        if f in client:
            raise Unsupported("client.%s: %s" % (f, why))
    for f, why in (("cookies", "urllib3 has no cookies option"),
                   ("auth", "urllib3 has no auth option (Basic auth is a header made with urllib3.make_headers)")):
        if f in request:
            raise Unsupported("request.%s: %s" % (f, why))
    via = request.get("via", "request")
    if via != "request":
        raise Unsupported("urllib3 has no %r call path bound (only PoolManager.request)" % (via,))
    if "url" not in request:
        raise Unsupported("request.url is required (urllib3 has no base URL)")
    method = request.get("method", "GET")
    for side, f, v in (("client", "headers", client.get("headers")), ("request", "headers", request.get("headers")),
                       ("request", "params", request.get("params"))):
        if not (v is None or isinstance(v, dict) or f == "params" and v is False):
            raise Unsupported("%s.%s must be an object or null%s for urllib3 (a mapping)" % (side, f, ", or false" if f == "params" else ""))
    kw = {}
    if "headers" in request:
        kw["headers"] = request["headers"]
    if "params" in request:
        # request() sends fields= in the URL only for the methods the library lists; for the
        # others it builds a multipart body with a random boundary, which is not a query.
        if request["params"] and (not isinstance(method, str) or method.upper() not in urllib3.PoolManager._encode_url_methods):
            raise Unsupported("request.params: urllib3 sends fields= of a %s as a multipart body, not a query "
                              "(only %s put them in the URL)" % (method, ", ".join(sorted(urllib3.PoolManager._encode_url_methods))))
        kw["fields"] = request["params"]
    if "json" in request:
        if lib.startswith("urllib3@1."):
            raise Unsupported("request.json: urllib3 1.26 has no json= keyword (added in 2.0)")
        kw["json"] = request["json"]
    if "body" in request:
        kw["body"] = check_body(request["body"])
    ckw = {"headers": client["headers"]} if "headers" in client else {}
    with urllib3.PoolManager(**ckw) as pm:
        r = pm.request(method, request["url"], **kw)
        return wire_of(r.status, r.headers, r.data)


# --- aiohttp ------------------------------------------------------------------------------
def run_aiohttp(client, request, lib):
    import asyncio

    import aiohttp

    if "params" in client:
        raise Unsupported("aiohttp's ClientSession has no params option")
    via = request.get("via", "request")
    if via != "request":
        raise Unsupported("aiohttp has no %r call path bound (only ClientSession.request)" % (via,))
    if "url" not in request:
        raise Unsupported("request.url is required (the url argument has no default)")

    def basic(v, where):
        # aiohttp's auth is a BasicAuth (a namedtuple); its own checks (None login...) decide.
        a = native_auth(v, where, lib)
        return aiohttp.BasicAuth(*a) if isinstance(a, tuple) else a

    kw = {}
    for f in ("headers", "params", "cookies", "json"):
        if f in request:
            kw[f] = request[f]
    if "body" in request:
        kw["data"] = check_body(request["body"])

    async def go():
        ckw = {}
        for f in ("base_url", "headers", "cookies"):
            if f in client:
                ckw[f] = client[f]
        if "auth" in client:
            ckw["auth"] = basic(client["auth"], "client.auth")
        if "auth" in request:
            kw["auth"] = basic(request["auth"], "request.auth")
        # trust_env=False is the default: no env proxies or netrc auth.
        async with aiohttp.ClientSession(**ckw) as s:
            async with s.request(request.get("method", "GET"), request["url"], **kw) as r:
                content = await r.read()
                return wire_of(r.status, r.headers, content)

    return asyncio.run(go())


# --- niquests -----------------------------------------------------------------------------
def run_niquests(client, request, lib):
    import inspect

    import niquests

    via = request.get("via", "request")
    if via != "request":
        raise Unsupported("niquests has no %r call path bound (only Session.request)" % (via,))
    if "url" not in request:
        raise Unsupported("request.url is required (the url argument has no default)")
    params = inspect.signature(niquests.Session.__init__).parameters
    skw = {}
    if "base_url" in client:
        if "base_url" not in params:
            raise Unsupported("client.base_url: %s has no base_url (Session(base_url=) came in 3.11.0, jawah/niquests#180)" % lib)
        skw["base_url"] = client["base_url"]
    # Plain HTTP/1.1 to the echo: the corpus is http:// only, where urllib3-future never
    # negotiates HTTP/2 (no ALPN) and has no Alt-Svc to try HTTP/3 (the echo sends none); the
    # switches say so outright from 3.2.0, where Session takes them. record_of checks the proto.
    for f in ("disable_http2", "disable_http3"):
        if f in params:
            skw[f] = True

    def auth_of(v, where):
        # niquests sends a str auth as "Authorization: Bearer <str>" (BearerTokenAuth, from 3.2.0;
        # 3.0-3.1 refuse a str as non-callable): {"bearer": T} is that str.
        if isinstance(v, dict) and set(v) == {"bearer"}:
            return v["bearer"]
        return native_auth(v, where, lib)

    kw = {}
    for f in ("headers", "params", "cookies", "json"):
        if f in request:
            kw[f] = request[f]
    if "auth" in request:
        kw["auth"] = auth_of(request["auth"], "request.auth")
    if "body" in request:
        kw["data"] = check_body(request["body"])
    for f in ("headers", "cookies"):  # bound key by key, as for requests
        if f in client and not isinstance(client[f], dict):
            raise Unsupported("client.%s must be an object for niquests (it is applied key by key)" % f)
    auth = auth_of(client["auth"], "client.auth") if "auth" in client else None

    with niquests.Session(**skw) as s:
        s.trust_env = False  # no proxies, netrc or CA-bundle variables from the environment
        if "headers" in client:
            s.headers.update(client["headers"])
        if "params" in client:
            s.params = client["params"]
        if "cookies" in client:
            for name, value in client["cookies"].items():
                s.cookies.set(name, value)
        if "auth" in client:
            s.auth = auth
        r = s.request(request.get("method", "GET"), request["url"], **kw)
        wire = wire_of(r.status_code, r.headers, r.content)
        if wire.get("proto") != "HTTP/1.1":
            raise EchoGuard("runner: niquests sent %r to the echo, not HTTP/1.1" % (wire.get("proto"),))
        return wire


def check_urllib3(lib):
    """niquests needs urllib3-future, which installs a package named urllib3: each library runs
    in its own venv, and this refuses a venv where the urllib3 is not the expected project."""
    import importlib.metadata
    dist = importlib.metadata.packages_distributions().get("urllib3", [])
    name = lib.partition("@")[0]
    want = {"niquests": ["urllib3-future"], "requests": ["urllib3"], "urllib3": ["urllib3"]}.get(name)
    if want is not None and sorted(d.lower() for d in dist) != want:
        sys.stderr.write("runner: %s's venv has urllib3 from %s, not %s\n" % (lib, dist, want[0]))
        sys.exit(2)


# --- main ---------------------------------------------------------------------------------
RUNNERS = {"requests": run_requests, "httpx": run_httpx, "urllib3": run_urllib3, "aiohttp": run_aiohttp,
           "niquests": run_niquests}


def run_case(lib, case):
    name = case.get("name") if isinstance(case, dict) else None
    try:
        client, request = split_scenario(case.get("scenario") if isinstance(case, dict) else None, lib)
        fn = RUNNERS[lib.partition("@")[0]]
        out = {"name": name, "outcome": "sent", "wire": fn(client, request, lib)}
    except Unsupported as e:
        out = {"name": name, "outcome": "unsupported", "reason": str(e)}
    except Exception as e:  # whatever the library raised, before or instead of sending
        out = {"name": name, "outcome": "error",
               "error": {"type": type(e).__name__, "message": str(e)}}
    return out


def check_version(lib):
    name, _, want = lib.partition("@")
    if name not in RUNNERS:
        sys.stderr.write("runner: unknown library %r (%s)\n" % (lib, ", ".join(RUNNERS)))
        sys.exit(2)
    check_urllib3(lib)
    mod = __import__(name)
    if mod.__version__ != want:
        sys.stderr.write("runner: %s is installed at %s, not %s\n" % (name, mod.__version__, want))
        sys.exit(2)


def main():
    if len(sys.argv) != 2 or "@" not in sys.argv[1]:
        sys.stderr.write("usage: runner.py LIB@VER\n")
        sys.exit(2)
    lib = sys.argv[1]
    check_version(lib)
    try:
        cases = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    except ValueError as e:
        sys.stderr.write("runner: stdin is not JSON: %s\n" % e)
        sys.exit(2)
    if not isinstance(cases, list):
        sys.stderr.write("runner: stdin must be a JSON array of cases\n")
        sys.exit(2)
    results = [run_case(lib, c) for c in cases]
    sys.stdout.write(json.dumps(results))
    sys.stdout.write("\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
