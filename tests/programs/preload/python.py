"""Runs an exported Python program against the echo server: python -I preload/python.py PROGRAM.

As the conformance runner does (conformance/runners/python/runner.py), every host and port
resolves to MERGEPLAY_ECHO and a socket may connect nowhere else; the request bytes, Host
included, are untouched. https is verified against the echo's own CA (MERGEPLAY_CA), which
requests and httpx find through certifi, urllib3 and aiohttp through SSL_CERT_FILE, niquests
through wassima. The program itself stays as exported.
"""

import os
import runpy
import socket
import sys

host, _, port = os.environ["MERGEPLAY_ECHO"].rpartition(":")
if host != "127.0.0.1" or not port.isdigit():
    sys.exit("preload: MERGEPLAY_ECHO must be 127.0.0.1:<port>")
ECHO = (host, int(port))
_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex


class EchoGuard(BaseException):
    """Past every `except Exception`: a socket tried to leave."""


def _check(addr):
    if tuple(addr[:2]) != ECHO:
        raise EchoGuard("preload: refused connection to %r" % (addr,))


def connect(self, addr):
    _check(addr)
    return _connect(self, addr)


def connect_ex(self, addr):
    _check(addr)
    return _connect_ex(self, addr)


socket.getaddrinfo = lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ECHO)]
socket.gethostbyname = lambda name: ECHO[0]
socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
socket.setdefaulttimeout(20)

# urllib3 alone and aiohttp have no certifi: their default context loads OpenSSL's default verify
# paths, which read SSL_CERT_FILE when the context is made.
os.environ["SSL_CERT_FILE"] = os.environ["MERGEPLAY_CA"]
try:
    import certifi  # noqa: E402  (before requests or httpx import it)
except ImportError:
    certifi = None
if certifi is not None:
    certifi.where = lambda: os.environ["MERGEPLAY_CA"]
# niquests has no certifi either: its CA bundle is wassima.generate_ca_bundle() (the system store),
# read when niquests is imported.
try:
    import wassima  # noqa: E402
except ImportError:
    wassima = None
if wassima is not None:
    wassima.generate_ca_bundle = lambda: open(os.environ["MERGEPLAY_CA"], encoding="ascii").read()

sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
