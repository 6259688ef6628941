// Export: code that reproduces the scenario with the selected library, curl,
// raw HTTP and a Markdown snippet for an issue report. Plain text only.
//
// User text is data: it reaches the output only inside a string literal of the
// target language (escaped by that language's rules), a single-quoted shell
// word, or a Markdown code block whose fence is longer than any backtick run
// in it — never in a comment, an identifier or a bare word. Unless the caller
// includes secrets, the model goes through the share link's redact() and the
// final request through redactResult() first.
import { rawHTTP } from './render.js';
import { parseJSON, redact, toText, redactUserinfo, MAP_FIELDS, SECRET_HEADERS, SECRET_PLACEHOLDER } from './model.js';
import { buildMatrix } from './matrix.js';

/** @typedef {import('./model.js').Model} Model */
/** @typedef {import('./model.js').Node} Node */
/** @typedef {import('./engine.js').Result} Result */

// ---- string literals per language ----

// Escaped in every language even where a raw character would be legal: control
// characters (NUL, CR, U+0085), line/paragraph separators (they end a JS
// comment or confuse editors), format characters (bidi overrides: "Trojan
// Source", zero-width, BOM) and lone surrogates (no UTF-8 encoding).
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

const hex = (n, w) => n.toString(16).padStart(w, '0');

/**
 * Writes s between quote characters, escaping by code point.
 * @param {string} s @param {string} q the quote
 * @param {(cp: number) => string} esc spelling of an unsafe code point
 */
function quoted(s, q, esc) {
  let out = q;
  for (const ch of s) { // by code point; a lone surrogate is its own "character"
    const cp = /** @type {number} */ (ch.codePointAt(0));
    if (ch === '\\' || ch === q) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (UNSAFE.test(ch)) out += esc(cp);
    else out += ch;
  }
  return out + q;
}

/** A Python str literal; Python keeps lone surrogates as they are. @param {string} s */
const pyStr = (s) => quoted(s, '"', (cp) => (cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`));
/** A JavaScript string literal. @param {string} s */
const jsStr = (s) => quoted(s, "'", (cp) => (cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\u{${hex(cp, 1)}}`));
/**
 * A Go interpreted string literal (what strconv.Quote accepts back). Go strings
 * are UTF-8, which has no lone surrogates: they become U+FFFD, as they do when
 * the scenario's JSON is decoded.
 * @param {string} s
 */
const goStr = (s) => quoted(s, '"', (cp) => (cp >= 0xd800 && cp <= 0xdfff ? '\\ufffd' : cp < 0x80 ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`));

/** A JavaScript property key: bare when it is a plain identifier. @param {string} k */
function jsKey(k) {
  // {__proto__: v} and {'__proto__': v} set the prototype instead of a key.
  if (k === '__proto__') return `[${jsStr(k)}]`;
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : jsStr(k);
}

// ---- the scenario as the runners read it ----
//
// Each code export is the program a developer would write for the binding
// its library's runner uses (conformance/runners/*/BINDING.md): the same
// options in the same order, so that it sends what the engine predicts
// (tests/programs runs every one against the echo server). What a binding
// cannot express is left out with a comment of fixed text saying what and
// why; the comment never holds user text.

const UNDEF = { t: 'undef' };

/** A literal typed in the form, as JSON with {"$undefined": true} read as undefined at any depth. @param {string} text */
function literalNode(text) {
  /** @param {Node} n @returns {any} */
  const walk = (n) => {
    if (n.t === 'obj' && n.entries.length === 1 && n.entries[0][0] === '$undefined' && n.entries[0][1].t === 'bool' && n.entries[0][1].v === true) return UNDEF;
    if (n.t === 'arr') return { t: 'arr', items: n.items.map(walk) };
    if (n.t === 'obj') return { t: 'obj', entries: n.entries.map(([k, v]) => [k, walk(v)]) };
    return n;
  };
  try {
    return walk(parseJSON(text));
  } catch {
    return { t: 'str', v: text }; // not JSON (a half-typed form field): the text itself, as a string
  }
}

/** @param {string} v */
const strNode = (v) => ({ t: 'str', v });

/**
 * A field or row of the form as the JSON value the scenario holds; null when absent.
 * @param {string} name @param {any} f
 */
function nodeOf(name, f) {
  switch (f.state) {
    case 'absent': return null;
    case 'null': return { t: 'null' };
    case 'false': return { t: 'bool', v: false };
    case 'undefined': return UNDEF;
    case 'literal': return literalNode(f.value);
  }
  if (f.rows) return { t: 'obj', entries: f.rows.filter((r) => r.state !== 'absent').map((r) => [r.name, nodeOf('', r)]) };
  if (name === 'auth') return { t: 'obj', entries: f.kind === 'bearer' ? [['bearer', strNode(f.token)]] : [['username', strNode(f.username)], ['password', strNode(f.password)]] };
  if (name === 'allowAbsoluteUrls') return { t: 'bool', v: f.value !== 'false' };
  return strNode(f.value);
}

/** The present fields of each side, in the form's order. @param {Model} m */
function sidesOf(m) {
  /** @type {{client: Map<string, any>, request: Map<string, any>}} */
  const out = { client: new Map(), request: new Map() };
  for (const side of /** @type {const} */ (['client', 'request'])) {
    for (const [name, f] of Object.entries(m[side])) {
      const n = nodeOf(name, f);
      if (n) out[side].set(name, n);
    }
  }
  return out;
}

/** @param {any} n */
const hasUndef = (n) => n.t === 'undef' || (n.items || []).some(hasUndef) || (n.entries || []).some(([, v]) => hasUndef(v));
/** The last value of key k in an object node (what JSON.parse, json.loads and Go keep). @param {any} n @param {string} k */
const member = (n, k) => n.entries.filter(([x]) => x === k).pop()?.[1];
const keysOf = (n) => new Set(n.entries.map(([k]) => k));

/** @param {string} v a version like 1.21.1 @param {number[]} min */
function atLeast(v, ...min) {
  const p = v.split('.').map(Number);
  for (let i = 0; i < min.length; i++) if ((p[i] || 0) !== min[i]) return (p[i] || 0) > min[i];
  return true;
}

/**
 * Collects the comments for what a program leaves out. Each comment is fixed
 * text: a field path from the scenario format and a reason.
 * @param {string} mark the language's comment marker
 */
function leftOut(mark) {
  /** @type {string[]} */
  const lines = [];
  return {
    lines,
    /** @param {string} what @param {string} why */
    add: (what, why) => { const l = `${mark} left out: ${what}: ${why}`; if (!lines.includes(l)) lines.push(l); },
  };
}

/** Drops the fields a binding does not name. */
function onlyFields(sc, allowed, note, lib) {
  for (const side of ['client', 'request']) {
    for (const f of [...sc[side].keys()]) {
      if (!allowed[side].includes(f)) { note.add(`${side}.${f}`, `${lib} has no such option in this binding`); sc[side].delete(f); }
    }
  }
}

// ---- Python (requests, httpx, aiohttp) ----

/** A Python value; undefined never reaches here. @param {any} n @returns {string} */
function py(n) {
  switch (n.t) {
    case 'null': return 'None';
    case 'bool': return n.v ? 'True' : 'False';
    case 'num': return n.v;
    case 'str': return pyStr(n.v);
    case 'arr': return `[${n.items.map(py).join(', ')}]`;
    default: return `{${n.entries.map(([k, v]) => `${pyStr(k)}: ${py(v)}`).join(', ')}}`;
  }
}

/** @param {Model} m @param {string} lib @param {string} version */
function python(m, lib, version) {
  const sc = sidesOf(m);
  const note = leftOut('#');
  const requests = lib === 'requests';
  onlyFields(sc, {
    client: ['base_url', 'headers', 'params', 'cookies', 'auth'],
    request: ['method', 'url', 'headers', 'params', 'cookies', 'auth', 'json', 'body', 'via'],
  }, note, lib);
  for (const side of ['client', 'request']) {
    for (const [f, n] of sc[side]) {
      if (!hasUndef(n)) continue;
      if (n.t === 'obj' && MAP_FIELDS.includes(f)) {
        sc[side].set(f, { t: 'obj', entries: n.entries.filter(([, v]) => !hasUndef(v)) });
        note.add(`a value in ${side}.${f}`, 'it is {"$undefined": true}, and Python has no undefined');
      } else {
        sc[side].delete(f);
        note.add(`${side}.${f}`, 'it holds {"$undefined": true}, and Python has no undefined');
      }
    }
  }
  const { client: c, request: q } = sc;
  if (lib === 'aiohttp') return aiohttpProgram(c, q, note);
  if (requests && c.has('base_url')) { note.add('client.base_url', 'requests has no base URL option'); c.delete('base_url'); }
  if (requests) {
    for (const f of ['headers', 'cookies']) {
      if (c.has(f) && c.get(f).t !== 'obj') { note.add(`client.${f}`, 'requests applies session headers and cookies key by key, so this must be an object'); c.delete(f); }
    }
  }
  const auth = (side) => {
    const n = sc[side].get('auth');
    if (!n || n.t !== 'obj') return n ? py(n) : null;
    const keys = keysOf(n);
    if (keys.has('bearer')) note.add(`${side}.auth`, `${lib} has no bearer-token option`);
    else if (keys.size === 2 && keys.has('username') && keys.has('password')) return `(${py(member(n, 'username'))}, ${py(member(n, 'password'))})`;
    else note.add(`${side}.auth`, 'auth is {"username", "password"} or {"bearer"}');
    return null;
  };
  const via = q.get('via');
  const stream = !requests && via?.t === 'str' && via.v === 'stream';
  if (via && !(via.t === 'str' && (via.v === 'request' || stream))) note.add('request.via', requests ? 'requests sends with Session.request only' : 'httpx sends with Client.request or Client.stream');
  if (!q.has('url')) note.add('request.url', `${lib} needs a URL`);
  const body = q.get('body');
  if (body && body.t !== 'str' && body.t !== 'null') { note.add('request.body', 'a raw body is a string or null'); q.delete('body'); }

  const ca = auth('client');
  const kw = [];
  for (const f of ['headers', 'params', 'cookies']) if (q.has(f)) kw.push(`${f}=${py(q.get(f))}`);
  const qa = auth('request');
  if (qa !== null) kw.push(`auth=${qa}`);
  if (q.has('json')) kw.push(`json=${py(q.get('json'))}`);
  // httpx before 0.15 has no content= keyword; its data= takes the raw body then.
  if (q.has('body')) kw.push(`${!requests && atLeast(version, 0, 15) ? 'content' : 'data'}=${py(q.get('body'))}`);
  const method = q.get('method');
  const url = q.has('url') ? py(q.get('url')) : '""';
  let name = !method ? 'GET' : method.t === 'str' && ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].includes(method.v) ? method.v : '';
  // httpx's get, head, options and delete take no body.
  if (!requests && ['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(name) && (q.has('json') || q.has('body'))) name = '';
  const args = (shortcut) => (shortcut ? [url, ...kw] : [method ? py(method) : '"GET"', url, ...kw]).join(', ');

  const out = [`import ${lib}`, ''];
  if (note.lines.length) out.push(...note.lines, '');
  if (requests) {
    out.push('s = requests.Session()');
    if (c.has('headers')) out.push(`s.headers.update(${py(c.get('headers'))})`);
    if (c.has('params')) out.push(`s.params = ${py(c.get('params'))}`);
    if (c.has('cookies')) {
      // A dict: a repeated name keeps its first place and its last value.
      const jar = new Map(c.get('cookies').entries);
      for (const [k, v] of jar) out.push(`s.cookies.set(${pyStr(k)}, ${py(v)})`);
    }
    if (ca !== null) out.push(`s.auth = ${ca}`);
    out.push(name ? `r = s.${name.toLowerCase()}(${args(true)})` : `r = s.request(${args(false)})`, 'print(r.status_code)');
    return out.join('\n');
  }
  const ckw = [];
  for (const f of ['base_url', 'headers', 'params', 'cookies']) if (c.has(f)) ckw.push(`${f}=${py(c.get(f))}`);
  if (ca !== null) ckw.push(`auth=${ca}`);
  out.push(`with httpx.Client(${ckw.join(', ')}) as client:`);
  if (stream) out.push(`    with client.stream(${args(false)}) as r:`, '        print(r.status_code)');
  else out.push(name ? `    r = client.${name.toLowerCase()}(${args(true)})` : `    r = client.request(${args(false)})`, '    print(r.status_code)');
  return out.join('\n');
}

/**
 * aiohttp: a ClientSession in an event loop (conformance/runners/python/BINDING.md, aiohttp).
 * @param {Map<string, any>} c @param {Map<string, any>} q @param {ReturnType<typeof leftOut>} note
 */
function aiohttpProgram(c, q, note) {
  if (c.has('params')) { note.add('client.params', "aiohttp's ClientSession has no params option"); c.delete('params'); }
  const auth = (side, m) => {
    const n = m.get('auth');
    if (!n || n.t !== 'obj') return n ? py(n) : null;
    const keys = keysOf(n);
    if (keys.has('bearer')) note.add(`${side}.auth`, 'aiohttp has no bearer-token option');
    else if (keys.size === 2 && keys.has('username') && keys.has('password')) return `aiohttp.BasicAuth(${py(member(n, 'username'))}, ${py(member(n, 'password'))})`;
    else note.add(`${side}.auth`, 'auth is {"username", "password"} or {"bearer"}');
    return null;
  };
  const via = q.get('via');
  if (via && !(via.t === 'str' && via.v === 'request')) note.add('request.via', 'aiohttp sends with ClientSession.request only');
  if (!q.has('url')) note.add('request.url', 'aiohttp needs a URL');
  const body = q.get('body');
  if (body && body.t !== 'str' && body.t !== 'null') { note.add('request.body', 'a raw body is a string or null'); q.delete('body'); }
  const ckw = [];
  for (const f of ['base_url', 'headers', 'cookies']) if (c.has(f)) ckw.push(`${f}=${py(c.get(f))}`);
  const ca = auth('client', c);
  if (ca !== null) ckw.push(`auth=${ca}`);
  const method = q.get('method');
  const kw = [method ? py(method) : '"GET"', q.has('url') ? py(q.get('url')) : '""'];
  for (const f of ['headers', 'params', 'cookies']) if (q.has(f)) kw.push(`${f}=${py(q.get(f))}`);
  const qa = auth('request', q);
  if (qa !== null) kw.push(`auth=${qa}`);
  if (q.has('json')) kw.push(`json=${py(q.get('json'))}`);
  if (q.has('body')) kw.push(`data=${py(q.get('body'))}`);
  const out = ['import asyncio', '', 'import aiohttp', ''];
  if (note.lines.length) out.push(...note.lines, '');
  out.push('', 'async def main():',
    `    async with aiohttp.ClientSession(${ckw.join(', ')}) as session:`,
    `        async with session.request(${kw.join(', ')}) as r:`,
    '            print(r.status)', '', '', 'asyncio.run(main())');
  return out.join('\n');
}


// ---- Python: urllib3 ----

/**
 * urllib3 has one client option, PoolManager(headers=), and request(method,
 * url, headers=, fields=, json=, body=): the runner's run_urllib3.
 * @param {Model} m @param {string} version
 */
function urllib3Code(m, version) {
  const sc = sidesOf(m);
  const note = leftOut('#');
  onlyFields(sc, { client: ['headers'], request: ['method', 'url', 'headers', 'params', 'json', 'body', 'via'] }, note, 'urllib3');
  for (const side of ['client', 'request']) {
    for (const [f, n] of sc[side]) {
      if (hasUndef(n)) { sc[side].delete(f); note.add(`${side}.${f}`, 'it holds {"$undefined": true}, and Python has no undefined'); }
    }
  }
  const { client: c, request: q } = sc;
  const mapping = (side, f, falseToo) => {
    const n = sc[side].get(f);
    if (n && !(n.t === 'obj' || n.t === 'null' || (falseToo && n.t === 'bool' && !n.v))) { note.add(`${side}.${f}`, 'urllib3 takes a mapping (or None) here'); sc[side].delete(f); }
  };
  mapping('client', 'headers', false);
  mapping('request', 'headers', false);
  mapping('request', 'params', true);
  const method = q.get('method');
  const verb = method?.t === 'str' ? method.v.toUpperCase() : 'GET';
  const params = q.get('params');
  if (params?.t === 'obj' && params.entries.length && !['DELETE', 'GET', 'HEAD', 'OPTIONS'].includes(verb)) {
    note.add('request.params', 'urllib3 sends fields= of this method as a multipart body, not a query');
    q.delete('params');
  }
  if (q.has('json') && !atLeast(version, 2)) { note.add('request.json', 'urllib3 1.26 has no json= keyword'); q.delete('json'); }
  const body = q.get('body');
  if (body && body.t !== 'str' && body.t !== 'null') { note.add('request.body', 'a raw body is a string or null'); q.delete('body'); }
  if (!q.has('url')) note.add('request.url', 'urllib3 needs a URL');
  const via = q.get('via');
  if (via && !(via.t === 'str' && via.v === 'request')) note.add('request.via', 'urllib3 sends with PoolManager.request only');
  const kw = [method ? py(method) : '"GET"', q.has('url') ? py(q.get('url')) : '""'];
  for (const [f, k] of [['headers', 'headers'], ['params', 'fields'], ['json', 'json'], ['body', 'body']]) if (q.has(f)) kw.push(`${k}=${py(q.get(f))}`);
  return [
    'import urllib3', '',
    ...(note.lines.length ? [...note.lines, ''] : []),
    `with urllib3.PoolManager(${c.has('headers') ? `headers=${py(c.get('headers'))}` : ''}) as pm:`,
    `    r = pm.request(${kw.join(', ')})`,
    '    print(r.status)',
  ].join('\n');
}

// ---- JavaScript (axios, ky, got, ofetch, gaxios, fetch) ----

/** A JavaScript value. @param {any} n @returns {string} */
function js(n) {
  switch (n.t) {
    case 'undef': return 'undefined';
    case 'null': return 'null';
    case 'bool': return String(n.v);
    case 'num': return n.v;
    case 'str': return jsStr(n.v);
    case 'arr': return `[${n.items.map(js).join(', ')}]`;
    default: return `{${n.entries.map(([k, v]) => `${jsKey(k)}: ${js(v)}`).join(', ')}}`;
  }
}

/** An options object, one key a line; '' when empty. @param {Array<[string, string]>} pairs */
const jsOptions = (pairs) => (pairs.length ? `{\n${pairs.map(([k, v]) => `  ${k}: ${v},`).join('\n')}\n}` : '');

/** @param {Model} m @param {string} lib @param {string} version */
function javascript(m, lib, version) {
  const sc = sidesOf(m);
  const note = leftOut('//');
  const { client: c, request: q } = sc;
  const abs = (lib === 'axios' && atLeast(version, 1, 8)) || (lib === 'got' && atLeast(version, 16)) ? ['allowAbsoluteUrls'] : [];
  const fields = {
    axios: [['base_url', 'headers', 'params', 'auth', ...abs], ['method', 'url', 'headers', 'params', 'auth', 'json', 'body', ...abs]],
    ky: [['base_url', 'prefix', 'headers', 'params'], ['method', 'url', 'headers', 'params', 'json', 'body']],
    got: [['base_url', 'headers', 'params', 'auth', ...abs], ['method', 'url', 'headers', 'params', 'json', 'body', 'auth', ...abs]],
    ofetch: [['base_url', 'headers', 'params'], ['method', 'url', 'headers', 'params', 'json', 'body']],
    gaxios: [['base_url', 'headers', 'params'], ['method', 'url', 'headers', 'params', 'json', 'body']],
    fetch: [['base_url', 'headers'], ['method', 'url', 'headers', 'body']],
  }[lib] || [[], []];
  onlyFields(sc, { client: fields[0], request: fields[1] }, note, lib);
  for (const side of ['client', 'request']) {
    const a = sc[side].get('auth');
    if (a?.t === 'obj' && keysOf(a).has('bearer')) { note.add(`${side}.auth`, `${lib} auth is Basic only; it has no bearer-token option`); sc[side].delete('auth'); }
  }
  if (lib === 'axios' && q.has('json') && q.has('body')) { note.add('request.body', 'axios has one data option, which request.json takes'); q.delete('body'); }
  if (lib === 'ofetch' && q.has('json') && q.has('body')) { note.add('request.body', 'ofetch has one body option, which request.json takes'); q.delete('body'); }
  if (lib === 'gaxios' && q.has('json') && q.has('body')) { note.add('request.body', 'gaxios has one data option, which request.json takes'); q.delete('body'); }
  const v2 = Number(version.split('.')[0]) >= 2;
  if (lib === 'ky' && !v2 && c.has('base_url') && c.has('prefix')) { note.add('client.prefix', 'ky 1 has only prefixUrl, which client.base_url takes'); c.delete('prefix'); }

  const method = q.get('method');
  const url = q.has('url') ? js(q.get('url')) : "''";
  const print = lib === 'got' ? 'console.log(res.statusCode);' : 'console.log(res.status);';
  const head = (name) => [`import ${name} from '${name}';`, '', ...(note.lines.length ? [...note.lines, ''] : [])];
  /** @param {Map<string, any>} side @param {Array<[string, string]>} map field → option */
  const opts = (side, map) => map.filter(([f]) => side.has(f)).map(([f, k]) => [k, js(side.get(f))]);
  const call = (fn, ...args) => `${fn}(${args.filter((a, i) => a !== '' || args.slice(i + 1).some((b) => b !== '')).map((a) => a || '{}').join(', ')})`;

  if (lib === 'axios') {
    const cfg = opts(c, [['base_url', 'baseURL'], ['headers', 'headers'], ['params', 'params'], ['auth', 'auth'], ['allowAbsoluteUrls', 'allowAbsoluteUrls']]);
    const data = q.get('json') || q.get('body');
    const rc = opts(q, [['headers', 'headers'], ['params', 'params'], ['auth', 'auth'], ['allowAbsoluteUrls', 'allowAbsoluteUrls']]);
    const name = !method ? 'get' : method.t === 'str' ? method.v.toLowerCase() : '';
    let send;
    if (q.has('url') && ['get', 'delete', 'head', 'options'].includes(name) && !data) send = call(`api.${name}`, url, jsOptions(rc));
    else if (q.has('url') && ['post', 'put', 'patch'].includes(name)) send = call(`api.${name}`, url, data ? js(data) : (rc.length ? 'undefined' : ''), jsOptions(rc));
    else {
      const all = opts(q, [['method', 'method'], ['url', 'url'], ['headers', 'headers'], ['params', 'params'], ['auth', 'auth'], ['json', 'data'], ['body', 'data'], ['allowAbsoluteUrls', 'allowAbsoluteUrls']]);
      send = `api.request(${jsOptions(all) || '{}'})`;
    }
    return [...head('axios'), `const api = axios.create(${jsOptions(cfg)});`, `const res = await ${send};`, print].join('\n');
  }
  if (lib === 'ky' || lib === 'got') {
    const cfg = lib === 'ky'
      ? opts(c, v2 ? [['base_url', 'baseUrl'], ['prefix', 'prefix'], ['headers', 'headers'], ['params', 'searchParams']] : [['base_url', 'prefixUrl'], ['prefix', 'prefixUrl'], ['headers', 'headers'], ['params', 'searchParams']])
      : opts(c, [['base_url', 'prefixUrl'], ['headers', 'headers'], ['params', 'searchParams'], ['allowAbsoluteUrls', 'allowAbsoluteUrls']]);
    const rc = opts(q, [['headers', 'headers'], ['params', 'searchParams'], ['json', 'json'], ['body', 'body'], ['allowAbsoluteUrls', 'allowAbsoluteUrls']]);
    // got takes Basic credentials as username and password; null or undefined goes to both.
    const gotAuth = (a, into) => {
      if (!a) return;
      if (a.t !== 'obj') { into.push(['username', js(a)], ['password', js(a)]); return; }
      for (const k of ['username', 'password']) if (keysOf(a).has(k)) into.push([k, js(member(a, k))]);
    };
    if (lib === 'got') { gotAuth(c.get('auth'), cfg); gotAuth(q.get('auth'), rc); }
    // ky upper-cases only its own lower-case method names, got every method: a shortcut must send the same.
    const shortcuts = ['get', 'post', 'put', 'patch', 'head', 'delete'];
    const name = !method ? 'get' : method.t !== 'str' ? ''
      : lib === 'got' ? (shortcuts.includes(method.v.toLowerCase()) ? method.v.toLowerCase() : '')
        : shortcuts.includes(method.v.toLowerCase()) && (method.v === method.v.toLowerCase() || method.v === method.v.toUpperCase()) ? method.v.toLowerCase() : '';
    const send = name ? call(`api.${name}`, url, jsOptions(rc)) : `api(${url}, ${jsOptions([['method', js(method)], ...rc])})`;
    const make = lib === 'ky' ? `ky.create(${jsOptions(cfg)})` : `got.extend(${jsOptions(cfg)})`;
    return [...head(lib), `const api = ${make};`, `const res = await ${send};`, print].join('\n');
  }
  if (lib === 'ofetch') {
    // .raw is the call $fetch makes, keeping the response (and its status) instead of the data.
    const cfg = opts(c, [['base_url', 'baseURL'], ['headers', 'headers'], ['params', 'query']]);
    const rc = opts(q, [['method', 'method'], ['headers', 'headers'], ['params', 'query'], ['json', 'body'], ['body', 'body']]);
    const head = ["import { ofetch } from 'ofetch';", '', ...(note.lines.length ? [...note.lines, ''] : [])];
    return [...head, `const api = ofetch.create(${jsOptions(cfg)});`, `const res = await ${call('api.raw', url, jsOptions(rc))};`, print].join('\n');
  }
  if (lib === 'gaxios') {
    // One Gaxios instance holds the defaults; request() takes the url with the other options.
    const cfg = opts(c, [['base_url', 'baseURL'], ['headers', 'headers'], ['params', 'params']]);
    const rc = opts(q, [['method', 'method'], ['url', 'url'], ['headers', 'headers'], ['params', 'params'], ['json', 'data'], ['body', 'data']]);
    const head = ["import { Gaxios } from 'gaxios';", '', ...(note.lines.length ? [...note.lines, ''] : [])];
    return [...head, `const api = new Gaxios(${jsOptions(cfg)});`, `const res = await api.request(${jsOptions(rc) || '{}'});`, print].join('\n');
  }
  // fetch has no client: the client is a defaults Request, which the call's init overrides.
  if (!c.has('base_url') && !q.has('url')) note.add('request.url', 'fetch needs a URL: give client.base_url or request.url');
  const init = jsOptions(opts(q, [['method', 'method'], ['headers', 'headers'], ['body', 'body']]));
  const out = [...(note.lines.length ? [...note.lines, ''] : []), '// fetch has no client: the defaults are a Request, and the init of each call overrides them'];
  const headers = c.has('headers') ? jsOptions([['headers', js(c.get('headers'))]]) : '';
  if (c.has('base_url')) {
    out.push(`const defaults = new Request(${[js(c.get('base_url')), headers].filter(Boolean).join(', ')});`);
    out.push(`const res = await fetch(${['new Request(new URL(' + url + ', defaults.url), defaults)', init].filter(Boolean).join(', ')});`);
  } else {
    out.push(`const defaults = new Request(${[url, headers].filter(Boolean).join(', ')});`);
    out.push(`const res = await fetch(${['defaults', init].filter(Boolean).join(', ')});`);
  }
  out.push(print);
  return out.join('\n');
}

// ---- Go (net/http, resty) ----

/**
 * The JSON text encoding/json writes for a value decoded into any: float64
 * numbers (JavaScript's shortest spelling is Go's, thresholds included, but
 * for -0), HTML-safe string escapes, keys in the order given.
 * @param {any} n
 */
function goJSON(n) {
  switch (n.t) {
    case 'null': return 'null';
    case 'bool': return String(n.v);
    case 'num': { const x = Number(n.v); return Object.is(x, -0) ? '-0' : String(x); }
    case 'str': {
      const short = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
      return `"${n.v.toWellFormed().replace(/["\\\u0000-\u001f<>&\u2028\u2029]/g, (ch) => short[ch] || `\\u${hex(ch.charCodeAt(0), 4)}`)}"`;
    }
    case 'arr': return `[${n.items.map(goJSON).join(',')}]`;
    default: return `{${n.entries.map(([k, v]) => `${goJSON(strNode(k))}:${goJSON(v)}`).join(',')}}`;
  }
}

/** Whether a number is beyond float64, which encoding/json decodes numbers to. @param {any} n @returns {boolean} */
const tooBig = (n) => (n.t === 'num' && !Number.isFinite(Number(n.v))) || (n.items || []).some(tooBig) || (n.entries || []).some(([, v]) => tooBig(v));

/** A JSON scalar as the Go value encoding/json decodes it to. @param {any} n */
const goScalar = (n) => (n.t === 'null' ? 'nil' : n.t === 'bool' ? String(n.v) : n.t === 'num' ? `float64(${n.v})` : goStr(n.v));

/** @param {Model} m @param {string} lib */
function golang(m, lib) {
  const sc = sidesOf(m);
  const note = leftOut('//');
  const { client: c, request: q } = sc;
  const resty = lib === 'resty';
  onlyFields(sc, resty
    ? { client: ['base_url', 'headers', 'params', 'cookies', 'auth'], request: ['method', 'url', 'headers', 'params', 'cookies', 'auth', 'json', 'body', 'via'] }
    : { client: ['cookies'], request: ['method', 'url', 'headers', 'cookies', 'auth', 'body', 'via'] }, note, lib);
  const str = (side, f) => {
    const n = sc[side].get(f);
    if (!n || n.t === 'str') return n ? n.v : null;
    note.add(`${side}.${f}`, 'Go takes a string here');
    return null;
  };
  // headers, params and cookies: strings, arrays of strings where the API has them, null as a nil slice.
  const entries = (side, f, arrays, nulls) => {
    const n = sc[side].get(f);
    if (!n) return [];
    if (n.t !== 'obj') { note.add(`${side}.${f}`, 'Go takes an object of strings here'); return []; }
    return n.entries.filter(([, v]) => {
      const ok = v.t === 'str' || (v.t === 'null' && nulls) || (v.t === 'arr' && arrays && v.items.every((x) => x.t === 'str'));
      if (!ok) note.add(`a value in ${side}.${f}`, f === 'cookies' && v.t === 'null' ? 'a cookie cannot be removed in Go' : 'Go takes strings here and converts nothing');
      return ok;
    }).map(([k, v]) => ({ k, v }));
  };
  const auth = (side) => {
    const n = sc[side].get('auth');
    if (!n) return null;
    const keys = n.t === 'obj' ? keysOf(n) : new Set();
    const ok = (k) => member(n, k)?.t === 'str';
    if (keys.size === 1 && ok('bearer')) return { bearer: member(n, 'bearer').v };
    if (keys.size === 2 && ok('username') && ok('password')) return { username: member(n, 'username').v, password: member(n, 'password').v };
    note.add(`${side}.auth`, 'auth is {"username", "password"} or {"bearer"}, all strings');
    return null;
  };
  const call = resty ? 'Execute' : 'Do';
  const via = str('request', 'via');
  if (via !== null && via !== call) note.add('request.via', `the ${lib} binding sends with ${call} only`);
  const method = str('request', 'method') ?? 'GET';
  const url = str('request', 'url') ?? '';
  const imports = new Set(['fmt', 'log']);
  const lines = [];
  const fatal = ['\tif err != nil {', '\t\tlog.Fatal(err)', '\t}'];
  /** Header and param keys the way each API spells a nil slice. */
  const canon = (k) => { imports.add('net/http'); return `http.CanonicalHeaderKey(${goStr(k)})`; };
  const cookie = (k, v) => { imports.add('net/http'); return `&http.Cookie{Name: ${goStr(k)}, Value: ${goStr(v.v)}}`; };

  if (resty) {
    imports.add('github.com/go-resty/resty/v2');
    lines.push('\tclient := resty.New()');
    const base = str('client', 'base_url');
    if (base !== null) lines.push(`\tclient.SetBaseURL(${goStr(base)})`);
    for (const { k, v } of entries('client', 'headers', true, true)) {
      if (v.t === 'null') lines.push(`\tclient.Header[${canon(k)}] = nil`);
      else if (v.t === 'arr') lines.push(`\tclient.Header.Del(${goStr(k)})`, ...v.items.map((x) => `\tclient.Header.Add(${goStr(k)}, ${goStr(x.v)})`));
      else lines.push(`\tclient.SetHeader(${goStr(k)}, ${goStr(v.v)})`);
    }
    for (const { k, v } of entries('client', 'params', true, true)) {
      if (v.t === 'null') lines.push(`\tclient.QueryParam[${goStr(k)}] = nil`);
      else if (v.t === 'arr') lines.push(`\tclient.QueryParam.Del(${goStr(k)})`, ...v.items.map((x) => `\tclient.QueryParam.Add(${goStr(k)}, ${goStr(x.v)})`));
      else lines.push(`\tclient.SetQueryParam(${goStr(k)}, ${goStr(v.v)})`);
    }
    for (const { k, v } of entries('client', 'cookies', false, false)) lines.push(`\tclient.SetCookie(${cookie(k, v)})`);
    const ca = auth('client');
    if (ca) lines.push(ca.bearer !== undefined ? `\tclient.SetAuthToken(${goStr(ca.bearer)})` : `\tclient.SetBasicAuth(${goStr(ca.username)}, ${goStr(ca.password)})`);
    // Request steps: a method call each, or an assignment (a nil slice), which ends the chain.
    const steps = [];
    for (const { k, v } of entries('request', 'headers', true, true)) {
      if (v.t === 'null') steps.push({ set: `req.Header[${canon(k)}] = nil` });
      else if (v.t === 'arr') steps.push({ call: `SetHeaderMultiValues(map[string][]string{${goStr(k)}: {${v.items.map((x) => goStr(x.v)).join(', ')}}})` });
      else steps.push({ call: `SetHeader(${goStr(k)}, ${goStr(v.v)})` });
    }
    for (const { k, v } of entries('request', 'params', true, true)) {
      if (v.t === 'null') steps.push({ set: `req.QueryParam[${goStr(k)}] = nil` });
      else if (v.t === 'arr') { imports.add('net/url'); steps.push({ call: `SetQueryParamsFromValues(url.Values{${goStr(k)}: {${v.items.map((x) => goStr(x.v)).join(', ')}}})` }); }
      else steps.push({ call: `SetQueryParam(${goStr(k)}, ${goStr(v.v)})` });
    }
    for (const { k, v } of entries('request', 'cookies', false, false)) steps.push({ call: `SetCookie(${cookie(k, v)})` });
    if (q.get('auth')?.t === 'null') note.add('request.auth', 'resty v2 cannot clear the client auth on a request');
    else {
      const ra = auth('request');
      if (ra) steps.push({ call: ra.bearer !== undefined ? `SetAuthToken(${goStr(ra.bearer)})` : `SetBasicAuth(${goStr(ra.username)}, ${goStr(ra.password)})` });
    }
    if (q.has('json') && q.has('body')) note.add('request.body', 'resty has one body, which request.json takes');
    const j = q.get('json');
    if (j && hasUndef(j)) note.add('request.json', 'it holds {"$undefined": true}, and Go has no undefined');
    else if (j && tooBig(j)) note.add('request.json', 'a number does not fit a float64');
    else if (j && (j.t === 'obj' || j.t === 'arr')) {
      // resty marshals a json.RawMessage as it does a map or a slice, and a map would sort the keys.
      imports.add('encoding/json');
      steps.push({ call: `SetBody(json.RawMessage(${goStr(goJSON(j))}))` });
    } else if (j) steps.push({ call: `SetBody(${goScalar(j)})` });
    else if (q.has('body')) { const b = str('request', 'body'); if (b !== null) steps.push({ call: `SetBody(${goStr(b)})` }); }
    const verb = { GET: 'Get', POST: 'Post', PUT: 'Put', PATCH: 'Patch', DELETE: 'Delete', HEAD: 'Head', OPTIONS: 'Options' }[method];
    const send = verb ? `${verb}(${goStr(url)})` : `Execute(${goStr(method)}, ${goStr(url)})`;
    if (steps.some((s) => s.set)) {
      lines.push('\treq := client.R()', ...steps.map((s) => `\t${s.set || `req.${s.call}`}`), `\tres, err := req.${send}`);
    } else if (steps.length) {
      lines.push('\tres, err := client.R().', ...steps.map((s) => `\t\t${s.call}.`), `\t\t${send}`);
    } else lines.push(`\tres, err := client.R().${send}`);
    lines.push(...fatal, '\tfmt.Println(res.Status())');
  } else {
    imports.add('net/http');
    const jar = entries('client', 'cookies', false, false);
    let reader = 'nil';
    if (q.has('body')) { const b = str('request', 'body'); if (b !== null) { imports.add('strings'); reader = `strings.NewReader(${goStr(b)})`; } }
    lines.push(`\treq, err := http.NewRequest(${goStr(method)}, ${goStr(url)}, ${reader})`, ...fatal);
    for (const { k, v } of entries('request', 'headers', true, true)) {
      if (v.t === 'null') lines.push(`\treq.Header[${canon(k)}] = nil`);
      else for (const x of v.t === 'arr' ? v.items : [v]) lines.push(`\treq.Header.Add(${goStr(k)}, ${goStr(x.v)})`);
    }
    for (const { k, v } of entries('request', 'cookies', false, false)) lines.push(`\treq.AddCookie(${cookie(k, v)})`);
    const ra = auth('request');
    if (ra?.bearer !== undefined) note.add('request.auth', 'net/http has no token auth option');
    else if (ra) lines.push(`\treq.SetBasicAuth(${goStr(ra.username)}, ${goStr(ra.password)})`);
    if (jar.length) {
      // Host-only cookies with the request URL's default path, as a server's Set-Cookie without attributes.
      imports.add('net/http/cookiejar');
      lines.push('', '\tjar, err := cookiejar.New(nil)', ...fatal, '\tjar.SetCookies(req.URL, []*http.Cookie{', ...jar.map(({ k, v }) => `\t\t{Name: ${goStr(k)}, Value: ${goStr(v.v)}},`), '\t})');
      lines.push('\tclient := &http.Client{Jar: jar}', '\tres, err := client.Do(req)');
    } else lines.push('\tres, err := http.DefaultClient.Do(req)');
    lines.push(...fatal, '\tdefer res.Body.Close()', '\tfmt.Println(res.Status)');
  }
  const std = [...imports].filter((p) => !p.includes('.')).sort();
  const ext = [...imports].filter((p) => p.includes('.')).sort();
  return [
    'package main', '',
    'import (', ...std.map((p) => `\t${goStr(p)}`), ...(ext.length ? ['', ...ext.map((p) => `\t${goStr(p)}`)] : []), ')', '',
    ...(note.lines.length ? [...note.lines, ''] : []),
    'func main() {', ...lines, '}',
  ].join('\n');
}

// ---- curl ----

/** Why a value cannot be a shell word: argv strings end at NUL; control characters. */
class NotAWord extends Error {}

/**
 * A POSIX shell single-quoted word: nothing inside single quotes is special
 * (no $, `, \ or !), so only ' itself needs closing, escaping and reopening.
 * @param {string} s @param {string} what
 */
function sh(s, what) {
  if (s.includes('\0')) throw new NotAWord(`${what} contains a NUL character, which no command-line argument can hold`);
  if (CONTROL.test(s)) throw new NotAWord(`${what} contains a control character, which a pasted command line cannot carry safely`);
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// A control character pasted into a terminal is a key: ESC [201~ ends a
// bracketed paste, after which a CR runs what follows. The line holds none but
// line breaks and tabs inside quotes (a line break only continues the quoted
// word; a tab completes when the shell has no bracketed paste, which changes
// the text but runs nothing).
const CONTROL = /[^\P{Cc}\t\n]/u;
const CONTROLS = /\p{Cc}/gu;

/**
 * Text as shell comment lines: every line starts with "# ", and control
 * characters are written as \xHH.
 * @param {string} text
 */
const shComment = (text) => text.split(/\r\n|\r|\n/).map((l) => `# ${l.replace(CONTROLS, (c) => `\\x${hex(c.charCodeAt(0), 2)}`)}`).join('\n');

/** Base64 of the UTF-8 bytes of s. @param {string} s */
function base64(s) {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** @param {Result} r */
function curl(r) {
  if (r.outcome !== 'sent' || !r.request) return shComment(`nothing is sent: ${rawHTTP(r)}`);
  try {
    const w = r.request;
    // --url: a URL that starts with "-" is not an option; --globoff: [ ] { } are
    // not ranges; --path-as-is: /../ is sent as the library sends it.
    const parts = [`curl --request ${sh(w.method, 'the method')}`, `  --url ${sh(w.url, 'the URL')}`, '  --globoff --path-as-is'];
    for (const [k, v] of w.headers) {
      if (/^(host|content-length)$/i.test(k)) continue; // curl writes these itself
      const h = v === '' ? `${k};` : `${k}: ${v}`;
      // curl reads --header @file from a file, and a line break would start another header.
      if (h.startsWith('@') || /[\r\n]/.test(h)) throw new NotAWord(`the header ${JSON.stringify(k)} cannot be given to curl --header`);
      if (CONTROL.test(h)) throw new NotAWord(`the header ${JSON.stringify(k)} contains a control character, which a pasted command line cannot carry safely`);
      parts.push(`  --header ${sh(h, `the header ${JSON.stringify(k)}`)}`);
    }
    if (w.body === '') return parts.join(' \\\n');
    // --data-binary @x reads the file x; a NUL cannot be in an argument: the
    // body goes through stdin then, as base64 when it is binary or holds a
    // control character (but a line break or tab).
    if (w.body_base64 || CONTROL.test(w.body)) {
      parts.push('  --data-binary @-');
      return `printf '%s' ${sh(w.body_base64 ? w.body : base64(w.body), 'the body')} | base64 -d | ${parts.join(' \\\n')}`;
    }
    if (w.body.startsWith('@')) {
      parts.push('  --data-binary @-');
      return `printf '%s' ${sh(w.body, 'the body')} | ${parts.join(' \\\n')}`;
    }
    parts.push(`  --data-binary ${sh(w.body, 'the body')}`);
    return parts.join(' \\\n');
  } catch (err) {
    if (!(err instanceof NotAWord)) throw err;
    return shComment(`this request cannot be written as a curl command: ${err.message}`);
  }
}

// ---- Markdown ----

/** A fenced code block that no line of the text can close. @param {string} info @param {string} text */
function fenced(info, text) {
  const longest = Math.max(0, ...(text.match(/`+/g) || []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${info}`, text, fence];
}

/**
 * An inline code span for a short one-line value (the library id): line
 * breaks would end the paragraph, so whitespace runs become one space.
 * @param {string} s
 */
function codeSpan(s) {
  const t = s.replace(/\s+/g, ' ');
  const longest = Math.max(0, ...(t.match(/`+/g) || []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  // One space inside each end is stripped by the renderer; it keeps a ` at an end apart from the fence.
  const pad = /^[` ]|[` ]$/.test(t) ? ' ' : '';
  return `${ticks}${pad}${t}${pad}${ticks}`;
}

/**
 * Text for a Markdown table cell: every ASCII punctuation character
 * backslash-escaped (no |, no emphasis, no HTML, no entity, no link can
 * form), control and format characters and line breaks as spaces, long
 * values cut.
 * @param {string} s
 */
function mdCell(s) {
  return mdText(s.length > 120 ? `${s.slice(0, 119)}…` : s) || ' ';
}

/** Running text with every ASCII punctuation character escaped and line breaks as spaces. @param {string} s */
function mdText(s) {
  return s.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** A link target: ours (origin, path, base64url) or a check's https reference, but it may hold ( ) < > or spaces. @param {string} u */
function mdLink(u) {
  return u.replace(/[\s()<>`\\[\]]/g, (ch) => `%${hex(ch.charCodeAt(0), 2).toUpperCase()}`);
}

/**
 * An example's threads as Markdown links: the title escaped like a table
 * cell (no markup can form), the URL only when it is https without userinfo,
 * with the characters that would end a link destination percent-encoded.
 * @param {Array<{title: string, url: string}>} refs
 */
function mdRefs(refs) {
  const links = [];
  for (const ref of refs || []) {
    let u;
    try {
      u = new URL(ref.url);
    } catch {
      continue;
    }
    if (u.protocol !== 'https:' || u.username || u.password) continue;
    links.push(`[${mdCell(ref.title)}](${mdLink(u.href)})`);
  }
  return links.join(', ');
}

/**
 * The compare-all table in Markdown: a row per library, a column per part that differs.
 * @param {Array<{id: string, result: Result}>} entries
 */
function matrixMarkdown(entries) {
  const mx = buildMatrix(entries);
  const head = ['library', ...mx.columns.map((c) => c.label)];
  const rows = mx.rows.map((r) => [r.id, ...r.cells.map((c) => (c.why ? `${c.text} (${c.why})` : c.text))]);
  return [
    `| ${head.map(mdCell).join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ];
}

// ---- secrets ----

/**
 * The final request without the secrets the share link hides: Authorization,
 * Cookie and token header values, URL userinfo, and the model's secret values
 * wherever an error message quotes them.
 * @param {Result} r @param {Model} m the model before redaction
 * @returns {Result}
 */
export function redactResult(r, m) {
  const out = structuredClone(r);
  const scrub = scrubber(m);
  if (out.error) out.error = { ...out.error, message: scrub(out.error.message || '') };
  if (typeof out.reason === 'string') out.reason = scrub(out.reason);
  if (out.lints) out.lints = out.lints.map((l) => ({ ...l, message: scrub(l.message) }));
  const w = out.request;
  if (!w) return out;
  w.url = redactUserinfo(w.url);
  w.headers = w.headers.map(([k, v]) => {
    const name = k.toLowerCase();
    if (name === 'cookie') return [k, v.split(/;\s*/).map((kv) => (kv.includes('=') ? `${kv.slice(0, kv.indexOf('='))}=${SECRET_PLACEHOLDER}` : SECRET_PLACEHOLDER)).join('; ')];
    if (!SECRET_HEADERS.includes(name)) return [k, v];
    // The scheme says which kind of credential it was; only the credential is secret.
    const scheme = /^([A-Za-z][\w.+-]*) +\S/.exec(v);
    return [k, scheme ? `${scheme[1]} ${SECRET_PLACEHOLDER}` : SECRET_PLACEHOLDER];
  });
  return out;
}

/**
 * Replaces the model's secret values (and their URL-encoded, JSON-escaped and
 * Basic-credential spellings) in engine text such as an error message.
 * @param {Model} m
 */
function scrubber(m) {
  const found = new Set();
  const add = (s) => {
    if (typeof s !== 'string' || s === '' || s === SECRET_PLACEHOLDER) return;
    found.add(s);
    found.add(JSON.stringify(s).slice(1, -1));
    try { found.add(encodeURIComponent(s)); } catch { /* lone surrogate */ }
  };
  const strings = (json) => {
    try {
      const walk = (n) => { if (n.t === 'str') add(n.v); for (const i of n.items || []) walk(i); for (const [, v] of n.entries || []) walk(v); };
      walk(parseJSON(json));
    } catch { add(json); }
  };
  for (const side of ['client', 'request']) {
    const s = m[side];
    if (s.auth.state === 'value') {
      add(s.auth.password);
      add(s.auth.token);
      try { if (s.auth.password) add(base64(`${s.auth.username}:${s.auth.password}`)); } catch { /* not encodable */ }
    } else if (s.auth.state === 'literal') strings(s.auth.value);
    for (const f of ['headers', 'cookies']) {
      if (f === 'cookies' && s[f].state === 'literal') strings(s[f].value);
      for (const r of s[f].rows) {
        if (f === 'headers' && !SECRET_HEADERS.includes(r.name.toLowerCase())) continue;
        if (r.state === 'value') {
          add(r.value);
          if (f === 'headers') add(r.value.replace(/^\s*\S+\s+/, '')); // the credential after its scheme
        } else if (r.state === 'literal') strings(r.value);
      }
    }
    for (const f of ['base_url', 'url']) {
      const u = s[f]?.state === 'value' ? s[f].value : '';
      const info = /^[^/?#]*\/\/([^/?#\\]*)@/.exec(u);
      if (info) { add(info[1]); for (const part of info[1].split(':')) add(part); }
    }
  }
  const all = [...found].filter(Boolean).sort((a, b) => b.length - a.length);
  if (!all.length) return (t) => t;
  const re = new RegExp(all.map((s) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')).join('|'), 'g');
  return (t) => t.replace(re, SECRET_PLACEHOLDER);
}

/**
 * Whether the export of this kind replaced anything (for the note next to it).
 * @param {string} kind @param {Model} m @param {Result|null} r
 */
export function exportHidesSecrets(kind, m, r) {
  let inModel;
  try {
    inModel = toText(redact(m)) !== toText(m);
  } catch {
    return false; // a form error: the export says so instead
  }
  const inResult = !!r?.outcome && JSON.stringify(redactResult(r, m)) !== JSON.stringify(r);
  if (kind === 'code') return inModel;
  if (!r?.outcome) return false; // the export is "resolve a valid scenario first"
  if (kind === 'curl' || kind === 'http') return inResult;
  return inModel || inResult;
}

/** The libraries with a code export, by language. */
const TEMPLATES = { python: ['requests', 'httpx', 'urllib3', 'aiohttp'], js: ['axios', 'ky', 'got', 'ofetch', 'gaxios', 'fetch'], go: ['net/http', 'resty'] };

/**
 * Everything the export box can show. Without includeSecrets (the default)
 * secrets are replaced by SECRET_PLACEHOLDER, as in share links.
 * @param {string} kind code | curl | http | markdown
 * @param {Model} m @param {string} scenarioText @param {Result|null} r
 * @param {string} shareURL a share link made with the same includeSecrets choice, or ''
 * @param {string} language python | js | go
 * @param {boolean} [includeSecrets]
 * @param {Array<{id: string, result: Result}>} [all] compare-all's rows, for the Markdown export
 * @param {Array<{title: string, url: string}>} [refs] the threads an unedited example reproduces, cited by the Markdown export
 */
export function exportText(kind, m, scenarioText, r, shareURL, language, includeSecrets = false, all = [], refs = []) {
  if (!includeSecrets) {
    if (r && r.outcome) r = redactResult(r, m);
    all = all.map((e) => ({ id: e.id, result: redactResult(e.result, m) }));
    m = redact(m);
    try {
      scenarioText = toText(m);
    } catch {
      // A literal in the form is not JSON (the form shows where): the unredacted text may hold secrets.
      return '# the scenario has an error: fix it in the form first';
    }
  }
  const [lib, version = ''] = m.library.split('@');
  if (kind === 'code') {
    if (!TEMPLATES[language]?.includes(lib)) return '# no code template for this library';
    if (language === 'python') return lib === 'urllib3' ? urllib3Code(m, version) : python(m, lib, version);
    if (language === 'js') return javascript(m, lib, version);
    return golang(m, lib);
  }
  if (!r || !r.outcome) return '# resolve a valid scenario first';
  if (kind === 'curl') return curl(r);
  if (kind === 'http') return rawHTTP(r);
  const link = mdLink(shareURL);
  const cited = mdRefs(refs);
  return [
    `**${codeSpan(m.library)}** (${r.profile}, ${r.verified}) — outcome: \`${r.outcome}\``,
    '',
    ...(cited ? [`Reported in: ${cited}`, ''] : []),
    '<details><summary>Scenario (mergeplay format v1)</summary>',
    '',
    ...fenced('json', scenarioText),
    '',
    '</details>',
    '',
    'Final request:',
    '',
    ...fenced('http', rawHTTP(r).trimEnd()),
    ...(r.lints?.length ? ['', 'Pitfalls:', '', ...r.lints.map((l) => `- **${l.severity}** ${codeSpan(l.code)}: ${mdText(l.message)} ([reference](${mdLink(l.ref)}))`)] : []),
    ...(all.length ? ['', 'In every library (the parts that differ):', '', ...matrixMarkdown(all)] : []),
    ...(link ? ['', `[Open in mergeplay](${link})`] : []),
  ].join('\n');
}
