// Loaded with node --import before an exported JavaScript program: every TCP
// connection goes to $MERGEPLAY_ECHO, as in the conformance runner
// (conformance/runners/js/runner.mjs), below HTTP and TLS, so the request
// bytes (Host, request-target) are what the library sends to the URL's host.
// https trusts the echo's CA through NODE_EXTRA_CA_CERTS. The program itself
// stays as exported.
import net from 'node:net';

const m = /^127\.0\.0\.1:(\d+)$/.exec(process.env.MERGEPLAY_ECHO || '');
if (!m) throw new Error('preload: MERGEPLAY_ECHO must be 127.0.0.1:<port>');
const ECHO_HOST = '127.0.0.1';
const ECHO_PORT = Number(m[1]);

const connect = net.Socket.prototype.connect;
const redirect = (opts) => {
  const o = { ...opts, host: ECHO_HOST, port: ECHO_PORT };
  delete o.path; // never a unix socket
  delete o.lookup; // an IP address now: no DNS
  return o;
};
net.Socket.prototype.connect = function (...args) {
  if (Array.isArray(args[0])) { // normalized arguments (net.connect): the array carries a private symbol
    if (args[0][0] && typeof args[0][0] === 'object') args[0][0] = redirect(args[0][0]);
    return connect.apply(this, args);
  }
  const cb = args.find((a) => typeof a === 'function');
  if (args[0] && typeof args[0] === 'object') return connect.call(this, redirect(args[0]), ...(cb ? [cb] : []));
  return cb ? connect.call(this, ECHO_PORT, ECHO_HOST, cb) : connect.call(this, ECHO_PORT, ECHO_HOST);
};
