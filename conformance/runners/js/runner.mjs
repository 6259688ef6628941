// mergeplay conformance runner for axios, ky, got, ofetch, gaxios, superagent and Node's built-in fetch.
//
//   node runner.mjs <library@version>  < cases.json  > results.json
//
// Protocol: ../../README.md ("Runner protocol"). Binding (scenario v1 -> API calls): ./BINDING.md.
// Every TCP connection is redirected to $MERGEPLAY_ECHO below the HTTP layer, so the request
// bytes (Host header, request-target) are exactly what the library would send to the real host.

import net from 'node:net';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------
// Library ids -> package alias, runtime constraint.

const LIBRARIES = {
  'axios@0.27.2': { family: 'axios', pkg: 'axios0', version: '0.27.2', node: 20 },
  'axios@1.21.1': { family: 'axios', pkg: 'axios1', version: '1.21.1', node: 20 },
  'ky@1.14.3': { family: 'ky', pkg: 'ky1', version: '1.14.3', node: 20, major: 1 },
  'ky@2.1.0': { family: 'ky', pkg: 'ky2', version: '2.1.0', node: 22, major: 2 },
  'got@14.6.6': { family: 'got', pkg: 'got14', version: '14.6.6', node: 20, major: 14 },
  'got@16.1.0': { family: 'got', pkg: 'got16', version: '16.1.0', node: 22, major: 16 },
  'fetch@20.20.2': { family: 'fetch', node: 20, exactNode: '20.20.2' },
  'ofetch@1.5.1': { family: 'ofetch', pkg: 'ofetch1', version: '1.5.1', node: 20, major: 1 },
  'superagent@10.4.2': { family: 'superagent', pkg: 'superagent10', version: '10.4.2', node: 20, major: 10 },
};

function die(code, msg) {
  process.stderr.write(`runner.mjs: ${msg}\n`);
  process.exit(code);
}

// Any other release comes from the CI set's install (make test: ci/node_modules, only the
// releases make test re-records) or the sweep's (make record-all: sweep/node_modules, every
// release); each has one alias per release ("axios-1.6.8", "node-22.12.0"), see their
// package.json. ./run picks the Node binary for it, so the runner accepts whichever it is
// given, except that fetch@<version> must run on exactly that Node.
function sweepLibrary(id) {
  const m = /^(axios|ky|got|fetch|ofetch|gaxios|superagent)@(\d+\.\d+\.\d+)$/.exec(id || '');
  if (!m) return undefined;
  const [, family, version] = m;
  const major = Number(version.split('.')[0]);
  if (family === 'fetch') return { family, node: major, exactNode: version };
  const folder = ['ci', 'sweep'].find((f) => fs.existsSync(new URL(`./${f}/node_modules/${family}-${version}/`, import.meta.url)));
  if (!folder) return undefined;
  return { family, pkg: `${family}-${version}`, version, major, folder };
}

const id = process.argv[2];
const lib = LIBRARIES[id] || sweepLibrary(id);
if (!lib) die(2, `unknown library id ${JSON.stringify(id)}; known: ${Object.keys(LIBRARIES).join(', ')} and the releases in ci/node_modules and sweep/node_modules`);
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (lib.node !== undefined && nodeMajor !== lib.node) die(2, `${id} must run on Node ${lib.node}, this is ${process.version} (use ./run)`);
if (lib.exactNode && process.versions.node !== lib.exactNode) die(2, `${id} must run on Node ${lib.exactNode}, this is ${process.version} (use ./run)`);

const echo = process.env.MERGEPLAY_ECHO;
const m = /^(127\.0\.0\.1|\[::1\]|localhost):(\d+)$/.exec(echo || '');
if (!m) die(2, `MERGEPLAY_ECHO must be 127.0.0.1:<port>, got ${JSON.stringify(echo)}`);
const ECHO_HOST = m[1] === '[::1]' ? '::1' : m[1] === 'localhost' ? '127.0.0.1' : m[1];
const ECHO_PORT = Number(m[2]);

// ---------------------------------------------------------------------------------------------
// Redirect every TCP connection to the echo server. Node's http Agent (axios, got) and undici
// (fetch, ky) both end up in net.Socket.prototype.connect, either with a normalized-args array
// (net.connect / net.createConnection) or with (options[, cb]) / (port[, host][, cb]).
// Only the connect destination changes; the HTTP layer above still believes it talks to the
// URL's host, so Host and the request-target are untouched.

const origConnect = net.Socket.prototype.connect;
// Raw bytes received on each connection of the current case (see headFallback below).
let captures = [];
function tap(socket) {
  if (socket.__mergeplayTap) return;
  socket.__mergeplayTap = true;
  const chunks = [];
  captures.push(chunks);
  const push = socket.push;
  socket.push = function (chunk, enc) {
    if (chunk) chunks.push(Buffer.from(chunk));
    return push.call(this, chunk, enc);
  };
}
function redirect(opts) {
  const o = { ...opts, host: ECHO_HOST, port: ECHO_PORT };
  delete o.path; // never a unix socket
  delete o.lookup; // the host is an IP literal now; no DNS
  return o;
}
net.Socket.prototype.connect = function connect(...args) {
  tap(this);
  if (Array.isArray(args[0])) {
    const arr = args[0]; // normalized args: keep the array (it carries a private symbol)
    if (arr[0] && typeof arr[0] === 'object') arr[0] = redirect(arr[0]);
    return origConnect.apply(this, args);
  }
  if (args[0] && typeof args[0] === 'object') {
    return origConnect.call(this, redirect(args[0]), ...args.slice(1).filter((a) => typeof a === 'function'));
  }
  const cb = args.find((a) => typeof a === 'function');
  return cb ? origConnect.call(this, ECHO_PORT, ECHO_HOST, cb) : origConnect.call(this, ECHO_PORT, ECHO_HOST);
};

// ---------------------------------------------------------------------------------------------
// JSON -> native values. {"$undefined": true} becomes undefined (the key stays present).

const UNDEF_KEY = '$undefined';
function isUndefMarker(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) &&
    Object.keys(v).length === 1 && v[UNDEF_KEY] === true;
}
function toNative(v) {
  if (isUndefMarker(v)) return undefined;
  if (Array.isArray(v)) return v.map(toNative);
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v)) {
      // defineProperty so that a "__proto__" key stays an own data property
      Object.defineProperty(out, k, { value: toNative(v[k]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}
const has = (o, k) => o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k);

class Unsupported extends Error {}
const unsupported = (reason) => { throw new Unsupported(reason); };

function checkFields(obj, where, allowed) {
  if (obj === undefined) return;
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) unsupported(`scenario.${where} must be an object.`);
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) unsupported(`${where}.${k} has no binding for ${id} in the JS runner.`);
  }
}

// Copy the keys of `src` listed in `map` (scenario name -> option name) into `dst`, only if present.
function copyPresent(dst, src, map) {
  for (const [from, to] of Object.entries(map)) if (has(src, from)) dst[to] = src[from];
  return dst;
}

// ---------------------------------------------------------------------------------------------
// Library bindings. Each returns { send: async () => echoRecordText }.

let axios, ky, got, ofetch, Gaxios, superagent;

function axiosCase(client, request) {
  const minor = lib.version.split('.').map(Number);
  const absOK = minor[0] > 1 || (minor[0] === 1 && minor[1] >= 8);
  const extra = absOK ? ['allowAbsoluteUrls'] : [];
  checkFields(client, 'client', ['base_url', 'headers', 'params', 'auth', 'cookies', ...extra]);
  checkFields(request, 'request', ['method', 'url', 'headers', 'params', 'auth', 'cookies', 'json', 'body', 'via', ...extra]);
  if (has(client, 'cookies') || has(request, 'cookies')) unsupported('axios has no cookies option (Node adapter has no cookie jar).');
  for (const a of [client.auth, request.auth]) {
    if (a && typeof a === 'object' && has(a, 'bearer')) unsupported('axios auth is Basic only; it has no bearer-token option.');
  }
  if (has(request, 'json') && has(request, 'body')) unsupported('axios has a single data option; json and body cannot both be given.');
  const cfg = copyPresent({}, client, { base_url: 'baseURL', headers: 'headers', params: 'params', auth: 'auth', allowAbsoluteUrls: 'allowAbsoluteUrls' });
  const req = copyPresent({}, request, { method: 'method', url: 'url', headers: 'headers', params: 'params', auth: 'auth', json: 'data', body: 'data', allowAbsoluteUrls: 'allowAbsoluteUrls' });
  // Nothing else is passed: the echo always answers 200 (default validateStatus accepts it) and
  // never redirects; maxRedirects stays default because 0 swaps follow-redirects for bare http.
  return async () => {
    const instance = axios.create(cfg);
    const res = await instance.request(req);
    return typeof res.data === 'string' ? res.data : JSON.stringify(res.data);
  };
}

function kyCase(client, request) {
  const v2 = lib.major === 2;
  checkFields(client, 'client', ['base_url', 'prefix', 'headers', 'params', 'auth', 'cookies']);
  checkFields(request, 'request', ['method', 'url', 'headers', 'params', 'auth', 'cookies', 'json', 'body', 'via']);
  if (has(client, 'auth') || has(request, 'auth')) unsupported('ky has no auth option.');
  if (has(client, 'cookies') || has(request, 'cookies')) unsupported('ky has no cookies option.');
  const opts = {};
  if (v2) {
    copyPresent(opts, client, { base_url: 'baseUrl', prefix: 'prefix' });
  } else {
    if (has(client, 'base_url') && has(client, 'prefix')) unsupported('ky 1 has only prefixUrl; base_url and prefix cannot both be given.');
    copyPresent(opts, client, { base_url: 'prefixUrl', prefix: 'prefixUrl' });
  }
  copyPresent(opts, client, { headers: 'headers', params: 'searchParams' });
  // Not wire-relevant: no retries, no timeout, no throw on status.
  Object.assign(opts, { retry: 0, timeout: false, throwHttpErrors: false });
  const ropts = copyPresent({}, request, { method: 'method', headers: 'headers', params: 'searchParams', json: 'json', body: 'body' });
  const input = has(request, 'url') ? request.url : '';
  return async () => {
    const instance = ky.create(opts);
    const res = await instance(input, ropts);
    return await res.text();
  };
}

function gotCase(client, request) {
  // allowAbsoluteUrls exists from 15.1.0 (sindresorhus/got#2462).
  const [major, minor] = lib.version.split('.').map(Number);
  const extra = major > 15 || (major === 15 && minor >= 1) ? ['allowAbsoluteUrls'] : [];
  checkFields(client, 'client', ['base_url', 'headers', 'params', 'auth', 'cookies', ...extra]);
  checkFields(request, 'request', ['method', 'url', 'headers', 'params', 'auth', 'cookies', 'json', 'body', 'via', ...extra]);
  if (has(client, 'cookies') || has(request, 'cookies')) unsupported('got needs a cookieJar object for cookies; the JS runner does not bind one.');
  const authOpts = (a, dst) => {
    if (a && typeof a === 'object') {
      if (has(a, 'bearer')) unsupported('got has no bearer-token option (only username/password).');
      copyPresent(dst, a, { username: 'username', password: 'password' });
    } else {
      dst.username = a; // null / undefined / other: given to both options
      dst.password = a;
    }
  };
  const copts = copyPresent({}, client, { base_url: 'prefixUrl', headers: 'headers', params: 'searchParams', allowAbsoluteUrls: 'allowAbsoluteUrls' });
  if (has(client, 'auth')) authOpts(client.auth, copts);
  const ropts = copyPresent({}, request, { method: 'method', headers: 'headers', params: 'searchParams', json: 'json', body: 'body', allowAbsoluteUrls: 'allowAbsoluteUrls' });
  if (has(request, 'auth')) authOpts(request.auth, ropts);
  const input = has(request, 'url') ? request.url : '';
  return async () => {
    // Harness options first (not wire-relevant), then the scenario's client as its own extend layer.
    const instance = got.extend({ retry: { limit: 0 }, followRedirect: false, throwHttpErrors: false }, copts);
    const res = await instance(input, ropts);
    return res.body;
  };
}

function ofetchCase(client, request) {
  checkFields(client, 'client', ['base_url', 'headers', 'params', 'auth', 'cookies']);
  checkFields(request, 'request', ['method', 'url', 'headers', 'params', 'auth', 'cookies', 'json', 'body', 'via']);
  for (const k of ['auth', 'cookies']) {
    if (has(client, k) || has(request, k)) unsupported(`ofetch has no ${k} option.`);
  }
  if (has(request, 'json') && has(request, 'body')) unsupported('ofetch has a single body option; json and body cannot both be given.');
  const cfg = copyPresent({}, client, { base_url: 'baseURL', headers: 'headers', params: 'query' });
  const opts = copyPresent({}, request, { method: 'method', headers: 'headers', params: 'query', json: 'body', body: 'body' });
  const input = has(request, 'url') ? request.url : '';
  // Nothing else is passed (retry, responseType, hooks stay default): .raw is the call $fetch
  // makes, and keeps the response, whose _data ofetch has parsed (destr) from the echo's JSON.
  return async () => {
    const instance = ofetch.create(cfg);
    const res = await instance.raw(input, opts);
    return typeof res._data === 'string' ? res._data : JSON.stringify(res._data);
  };
}

function gaxiosCase(client, request) {
  checkFields(client, 'client', ['base_url', 'headers', 'params', 'auth', 'cookies']);
  checkFields(request, 'request', ['method', 'url', 'headers', 'params', 'auth', 'cookies', 'json', 'body', 'via']);
  for (const k of ['auth', 'cookies']) {
    if (has(client, k) || has(request, k)) unsupported(`gaxios has no ${k} option.`);
  }
  if (has(request, 'json') && has(request, 'body')) unsupported('gaxios has a single data option; json and body cannot both be given.');
  const defaults = copyPresent({}, client, { base_url: 'baseURL', headers: 'headers', params: 'params' });
  const opts = copyPresent({}, request, { method: 'method', url: 'url', headers: 'headers', params: 'params', json: 'data', body: 'data' });
  // Nothing else is passed (retry stays off, responseType default): res.data is what gaxios
  // parsed from the echo's JSON answer.
  return async () => {
    const instance = new Gaxios(defaults);
    const res = await instance.request(opts);
    return typeof res.data === 'string' ? res.data : JSON.stringify(res.data);
  };
}

// superagent has no client object: an agent records set/query/auth calls and replays them on
// each request it makes (agent-base.js _setDefaults), before the request's own calls.
function superagentCase(client, request) {
  checkFields(client, 'client', ['base_url', 'headers', 'params', 'auth', 'cookies']);
  checkFields(request, 'request', ['method', 'url', 'headers', 'params', 'auth', 'cookies', 'json', 'body', 'via']);
  if (has(client, 'base_url')) unsupported('superagent has no base URL option (the superagent-prefix plugin is a separate package).');
  if (has(client, 'cookies') || has(request, 'cookies')) unsupported('superagent has no cookies option: its jar holds Set-Cookie answers, and a Cookie header goes through set().');
  if (has(request, 'json') && has(request, 'body')) unsupported('superagent has one body, send(); json and body cannot both be given.');
  // auth() is called with the values as they are: (null) sends Basic base64('null:').
  const authArgs = (a) => {
    if (a === null || typeof a !== 'object') return [a];
    if (has(a, 'bearer')) return [a.bearer, { type: 'bearer' }];
    return has(a, 'password') ? [a.username, a.password] : [a.username];
  };
  const cauth = has(client, 'auth') ? authArgs(client.auth) : undefined;
  const rauth = has(request, 'auth') ? authArgs(request.auth) : undefined;
  const method = has(request, 'method') ? request.method : 'GET';
  if (typeof method !== 'string' || !/^[A-Za-z-]+$/.test(method)) unsupported('request.method must be an HTTP method name for superagent.');
  const fn = method.toLowerCase();
  // The agent has one function per name of the methods package (Node's http.METHODS).
  if (!require('node:http').METHODS.includes(method.toUpperCase()) || fn === 'query') unsupported(`superagent's agent has no ${fn}() method (one per Node http.METHODS name but QUERY).`);
  return async () => {
    const agent = superagent.agent();
    if (has(client, 'headers')) agent.set(client.headers);
    if (has(client, 'params')) agent.query(client.params);
    if (cauth) agent.auth(...cauth);
    const req = agent[fn](has(request, 'url') ? request.url : '');
    if (has(request, 'headers')) req.set(request.headers);
    if (has(request, 'params')) req.query(request.params);
    if (rauth) req.auth(...rauth);
    if (has(request, 'json')) req.send(request.json);
    if (has(request, 'body')) req.send(request.body);
    // ok() accepts every status: the echo always answers 200, but a HEAD answer has a body.
    const res = await req.ok(() => true);
    return res.text;
  };
}

function fetchCase(client, request) {
  checkFields(client, 'client', ['base_url', 'headers', 'params', 'auth', 'cookies']);
  checkFields(request, 'request', ['method', 'url', 'headers', 'params', 'auth', 'cookies', 'json', 'body', 'via']);
  for (const k of ['params', 'auth', 'cookies']) {
    if (has(client, k) || has(request, k)) unsupported(`fetch has no ${k} option.`);
  }
  if (has(request, 'json')) unsupported('fetch has no JSON body option (use body).');
  if (!has(client, 'base_url') && !has(request, 'url')) unsupported('fetch needs a URL: give client.base_url or request.url.');
  const init = copyPresent({}, request, { method: 'method', headers: 'headers', body: 'body' });
  return async () => {
    let req;
    if (has(client, 'base_url')) {
      const defaults = has(client, 'headers') ? new Request(client.base_url, { headers: client.headers }) : new Request(client.base_url);
      const url = new URL(has(request, 'url') ? request.url : '', defaults.url);
      req = new Request(url, defaults);
    } else if (has(client, 'headers')) {
      // No base URL: the defaults Request is built on the request's own URL.
      req = new Request(request.url, { headers: client.headers });
    } else {
      req = new Request(request.url);
    }
    if (Object.keys(init).length > 0) req = new Request(req, init);
    const res = await fetch(req);
    return await res.text();
  };
}

// ---------------------------------------------------------------------------------------------

// A HEAD response has no body, so the echo server also sends the record, base64 JSON, in the
// X-Mergeplay-Record response header. Libraries differ in how they expose response headers,
// so it is read from the raw bytes the echo sent on the connection. Returns the record, or null.
function headFallback() {
  for (let i = captures.length - 1; i >= 0; i--) {
    const raw = Buffer.concat(captures[i]);
    const end = raw.indexOf('\r\n\r\n');
    if (end < 0) continue;
    const head = raw.subarray(0, end).toString('latin1');
    const m = /\r\nx-mergeplay-record:\s*([A-Za-z0-9+/=]+)/i.exec(head);
    if (!/^HTTP\/1\.1 200 /.test(head) || !m) continue;
    try {
      const rec = JSON.parse(Buffer.from(m[1], 'base64').toString('utf8'));
      if (rec && rec.method === 'HEAD') return rec;
    } catch {}
  }
  return null;
}

function errorInfo(err) {
  if (err === null || (typeof err !== 'object' && typeof err !== 'function')) {
    return { type: typeof err, message: String(err) };
  }
  const type = (typeof err.name === 'string' && err.name) || err.constructor?.name || 'Error';
  return { type, message: typeof err.message === 'string' ? err.message : String(err) };
}

async function runCase(c) {
  const name = c?.name;
  try {
    const sc = toNative(c.scenario ?? {});
    const client = has(sc, 'client') ? sc.client : {};
    const request = has(sc, 'request') ? sc.request : {};
    if (has(request, 'via')) unsupported(`request.via has no meaning for ${lib.family} in the JS runner.`);
    const build = { axios: axiosCase, ky: kyCase, got: gotCase, fetch: fetchCase, ofetch: ofetchCase, gaxios: gaxiosCase, superagent: superagentCase }[lib.family];
    const send = build(client ?? {}, request ?? {});
    captures = [];
    lastUnhandled = undefined;
    let text;
    try {
      // A request that never settles and leaves nothing to wait for (axios 1.3.1 rejects an
      // inner promise on a relative URL without a base and never settles its own) would end
      // the process with no output; 'beforeExit' turns it into this case's outcome.
      text = await Promise.race([send(), new Promise((_, reject) => { onIdle = reject; })]);
    } catch (err) {
      if (err instanceof Unsettled) {
        const why = lastUnhandled === undefined ? '' : `; unhandled rejection ${errorInfo(lastUnhandled).type}: ${errorInfo(lastUnhandled).message}`;
        return { name, outcome: 'error', error: { type: 'Unsettled', message: `the request promise never settled${why}` } };
      }
      const rec = headFallback();
      if (rec) return { name, outcome: 'sent', wire: rec };
      return { name, outcome: 'error', error: errorInfo(err) };
    }
    let wire;
    try {
      wire = JSON.parse(text);
    } catch {
      const rec = headFallback();
      if (rec) return { name, outcome: 'sent', wire: rec };
      return { name, outcome: 'error', error: { type: 'RunnerError', message: `echo answer is not JSON: ${String(text).slice(0, 200)}` } };
    }
    return { name, outcome: 'sent', wire };
  } catch (err) {
    if (err instanceof Unsupported) return { name, outcome: 'unsupported', reason: err.message };
    return { name, outcome: 'error', error: errorInfo(err) };
  }
}

async function main() {
  const input = fs.readFileSync(0, 'utf8');
  let cases;
  try {
    cases = JSON.parse(input);
  } catch (e) {
    die(2, `stdin is not JSON: ${e.message}`);
  }
  if (!Array.isArray(cases)) die(2, 'stdin must be a JSON array of cases');

  // Bare specifiers resolve from the importing module's folder: sweep/load.mjs imports from
  // sweep/node_modules, ci/load.mjs from ci/node_modules.
  const modules = lib.folder ? `./${lib.folder}/node_modules` : './node_modules';
  const load = lib.folder ? (await import(`./${lib.folder}/load.mjs`)).load : (name) => import(name);
  const req = lib.folder ? createRequire(new URL(`./${lib.folder}/package.json`, import.meta.url)) : require;
  const installed = () => JSON.parse(fs.readFileSync(new URL(`${modules}/${lib.pkg}/package.json`, import.meta.url), 'utf8')).version;
  if (lib.family === 'axios') {
    axios = req(lib.pkg);
  } else if (lib.family === 'ky') {
    ky = (await load(lib.pkg)).default;
  } else if (lib.family === 'got') {
    got = (await load(lib.pkg)).default;
  } else if (lib.family === 'ofetch') {
    ofetch = (await load(lib.pkg)).ofetch;
  } else if (lib.family === 'gaxios') {
    const mod = await load(lib.pkg); // CommonJS in 6.x, ES module from 7.0.0
    Gaxios = mod.Gaxios || mod.default?.Gaxios;
  } else if (lib.family === 'superagent') {
    superagent = req(lib.pkg); // CommonJS: its package main is lib/node/index.js
  }
  if (lib.pkg && installed() !== lib.version) die(2, `${lib.pkg} is ${installed()}, expected ${lib.version}; run ./setup`);

  const results = [];
  for (const c of cases) results.push(await runCase(c)); // sequential: deterministic, one connection at a time
  process.stdout.write(JSON.stringify(results) + '\n', () => process.exit(0));
}

class Unsettled extends Error {}
let onIdle = null;
let lastUnhandled;
// The rejection goes through setImmediate: were the next cases to run inside this event's
// microtasks, a second never-settling case in a row would find the loop already empty, and
// Node exits without emitting 'beforeExit' again (axios 1.3.1–1.3.3: a lone surrogate in a
// header, then an ill-formed UTF-16 one, both throw inside the request's executor).
process.on('beforeExit', () => {
  if (onIdle) {
    const reject = onIdle;
    onIdle = null;
    reject(new Unsettled());
    // Node exits after 'beforeExit' unless the loop is alive again: the next case may settle
    // in microtasks alone (two unsettled cases in a row), so keep one turn of the loop.
    setImmediate(() => {});
  }
});
process.on('unhandledRejection', (e) => {
  lastUnhandled = e;
  process.stderr.write(`runner.mjs: unhandled rejection: ${e?.stack || e}\n`);
});
main().catch((e) => die(1, e?.stack || String(e)));
