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
import { parseJSON, redact, toText, redactUserinfo, SECRET_HEADERS, SECRET_PLACEHOLDER } from './model.js';
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

// ---- JSON literals (typed in the form or the JSON tab) per language ----

/**
 * A JSON document as a literal of the language: objects keep their order
 * (the order is the wire order), numbers keep their spelling.
 * @param {'python'|'js'|'go'} lang @param {string} json
 */
function jsonLiteral(lang, json) {
  let root;
  try {
    root = parseJSON(json);
  } catch {
    // Not JSON (a half-typed form field): the text itself, as a string.
    return { python: pyStr, js: jsStr, go: goStr }[lang](json);
  }
  /** @param {Node} n @returns {string} */
  const py = (n) => {
    switch (n.t) {
      case 'null': return 'None';
      case 'bool': return n.v ? 'True' : 'False';
      case 'num': return n.v;
      case 'str': return pyStr(n.v);
      case 'arr': return `[${n.items.map(py).join(', ')}]`;
      default: return `{${n.entries.map(([k, v]) => `${pyStr(k)}: ${py(v)}`).join(', ')}}`;
    }
  };
  /** @param {Node} n @returns {string} */
  const js = (n) => {
    switch (n.t) {
      case 'null': return 'null';
      case 'bool': return String(n.v);
      case 'num': return n.v;
      case 'str': return jsStr(n.v);
      case 'arr': return `[${n.items.map(js).join(', ')}]`;
      default: return `{${n.entries.map(([k, v]) => `${jsKey(k)}: ${js(v)}`).join(', ')}}`;
    }
  };
  // Go: what encoding/json decodes into any. A map literal must not repeat a
  // key, and the decoder keeps the last one.
  /** @param {Node} n @returns {string} */
  const go = (n) => {
    switch (n.t) {
      case 'null': return 'nil';
      case 'bool': return String(n.v);
      case 'num': return `float64(${n.v})`;
      case 'str': return goStr(n.v);
      case 'arr': return `[]any{${n.items.map(go).join(', ')}}`;
      default: {
        const last = new Map(n.entries);
        return `map[string]any{${[...last].map(([k, v]) => `${goStr(k)}: ${go(v)}`).join(', ')}}`;
      }
    }
  };
  return { python: py, js, go }[lang](root);
}

/** @param {'python'|'js'|'go'} lang @param {any} r a row or field */
function valueIn(lang, r) {
  switch (r.state) {
    case 'null': return { python: 'None', js: 'null', go: 'nil' }[lang];
    case 'undefined': return 'undefined';
    case 'false': return { python: 'False', js: 'false', go: 'false' }[lang];
    case 'literal': return jsonLiteral(lang, r.value);
  }
  return { python: pyStr, js: jsStr, go: goStr }[lang](r.value);
}

/** @param {'python'|'js'} lang @param {any} m a map field */
function mapIn(lang, m) {
  if (m.state !== 'value') return valueIn(lang, m);
  const rows = m.rows.filter((r) => r.state !== 'absent');
  const key = lang === 'python' ? pyStr : jsKey;
  return `{${rows.map((r) => `${key(r.name)}: ${valueIn(lang, r)}`).join(', ')}}`;
}

const present = (f) => f && f.state !== 'absent';

// ---- per library ----

/** @param {Model} m @param {string} lib */
function python(m, lib) {
  const c = m.client;
  const q = m.request;
  const out = [];
  const args = [];
  const authPy = (a) => (a.state !== 'value' ? valueIn('python', a) : a.kind === 'bearer'
    ? `BearerAuth(${pyStr(a.token)})`
    : `(${pyStr(a.username)}, ${pyStr(a.password)})`);
  const bearer = [c.auth, q.auth].some((a) => a.state === 'value' && a.kind === 'bearer');
  if (lib === 'requests') {
    out.push('import requests', '');
    if (bearer) out.push('# BearerAuth: write a requests.auth.AuthBase subclass that sets Authorization: Bearer <token>', '');
    out.push('s = requests.Session()');
    if (present(c.headers)) out.push(`s.headers.update(${mapIn('python', c.headers)})`);
    if (present(c.params)) out.push(`s.params = ${mapIn('python', c.params)}`);
    if (present(c.cookies)) out.push(`s.cookies.update(${mapIn('python', c.cookies)})`);
    if (present(c.auth)) out.push(`s.auth = ${authPy(c.auth)}`);
    if (present(c.base_url)) out.push(`base_url = ${valueIn('python', c.base_url)}  # requests has no base URL: join it to the request URL by hand`);
  } else {
    out.push('import httpx', '');
    if (bearer) out.push('# BearerAuth: write an httpx.Auth subclass that sets Authorization: Bearer <token>', '');
    const ca = [];
    if (present(c.base_url)) ca.push(`base_url=${valueIn('python', c.base_url)}`);
    for (const f of ['headers', 'params', 'cookies']) if (present(c[f])) ca.push(`${f}=${mapIn('python', c[f])}`);
    if (present(c.auth)) ca.push(`auth=${authPy(c.auth)}`);
    out.push(`client = httpx.Client(${ca.join(', ')})`);
  }
  args.push(present(q.method) ? valueIn('python', q.method) : '"GET"', present(q.url) ? valueIn('python', q.url) : '""');
  for (const f of ['headers', 'params', 'cookies']) if (present(q[f])) args.push(`${f}=${mapIn('python', q[f])}`);
  if (present(q.auth)) args.push(`auth=${authPy(q.auth)}`);
  if (present(q.json)) args.push(`json=${valueIn('python', q.json)}`);
  if (present(q.body)) args.push(`${lib === 'httpx' ? 'content' : 'data'}=${valueIn('python', q.body)}`);
  const obj = lib === 'requests' ? 's' : 'client';
  if (present(q.via) && q.via.value === 'stream' && lib === 'httpx') {
    out.push(`with ${obj}.stream(${args.join(', ')}) as r:`, '    print(r.request.headers)');
  } else {
    out.push(`r = ${obj}.request(${args.join(', ')})`, 'print(r.request.headers)');
  }
  return out.join('\n');
}

/** @param {Model} m @param {string} lib @param {string} version */
function javascript(m, lib, version) {
  const c = m.client;
  const q = m.request;
  const o = (pairs) => `{\n${pairs.map(([k, v]) => `  ${k}: ${v},`).join('\n')}\n}`;
  const auth = (a) => (a.state !== 'value' ? valueIn('js', a) : a.kind === 'bearer'
    ? `undefined /* bearer: use headers: {Authorization: 'Bearer …'} */`
    : `{ username: ${jsStr(a.username)}, password: ${jsStr(a.password)} }`);
  const cp = [];
  const rp = [];
  const major = Number(version.split('.')[0]);
  const baseKey = { axios: 'baseURL', ky: major >= 2 ? 'baseUrl' : 'prefixUrl', got: 'prefixUrl' }[lib];
  if (present(c.base_url) && baseKey) cp.push([baseKey, valueIn('js', c.base_url)]);
  if (present(c.prefix)) cp.push(['prefix', valueIn('js', c.prefix)]);
  if (present(c.headers)) cp.push(['headers', mapIn('js', c.headers)]);
  const paramsKey = lib === 'axios' ? 'params' : 'searchParams';
  if (present(c.params)) cp.push([paramsKey, mapIn('js', c.params)]);
  // Like toText: a value state is a boolean, whatever the text says.
  if (present(c.allowAbsoluteUrls)) cp.push(['allowAbsoluteUrls', c.allowAbsoluteUrls.state === 'value' ? String(c.allowAbsoluteUrls.value !== 'false') : valueIn('js', c.allowAbsoluteUrls)]);
  if (present(c.auth)) {
    if (lib === 'axios') cp.push(['auth', auth(c.auth)]);
    else if (c.auth.state === 'value' && c.auth.kind === 'basic') cp.push(['username', jsStr(c.auth.username)], ['password', jsStr(c.auth.password)]);
  }
  rp.push(['method', present(q.method) ? valueIn('js', q.method) : "'GET'"]);
  if (present(q.headers)) rp.push(['headers', mapIn('js', q.headers)]);
  if (present(q.params)) rp.push([paramsKey, mapIn('js', q.params)]);
  if (present(q.auth) && lib === 'axios') rp.push(['auth', auth(q.auth)]);
  if (present(q.json)) rp.push([lib === 'axios' ? 'data' : 'json', valueIn('js', q.json)]);
  if (present(q.body)) rp.push([lib === 'axios' ? 'data' : 'body', valueIn('js', q.body)]);
  const url = present(q.url) ? valueIn('js', q.url) : "''";
  // Cookies are no option of these libraries; a variable, not a comment, holds them.
  const cookies = present(q.cookies) ? q.cookies : c.cookies;
  const cookieNote = present(cookies) ? `const cookies = ${mapIn('js', cookies)}; // sent through a cookie jar or a Cookie header\n` : '';
  if (lib === 'axios') {
    return `import axios from 'axios';\n\nconst api = axios.create(${o(cp)});\n${cookieNote}const res = await api.request(${o([['url', url], ...rp])});\nconsole.log(res.config.headers);`;
  }
  if (lib === 'ky') {
    return `import ky from 'ky';\n\nconst api = ky.create(${o(cp)});\n${cookieNote}const res = await api(${url}, ${o(rp)});`;
  }
  if (lib === 'got') {
    return `import got from 'got';\n\nconst api = got.extend(${o(cp)});\n${cookieNote}const res = await api(${url}, ${o(rp)});`;
  }
  // fetch: defaults expressed as a Request, overridden by init.
  const init = rp.filter(([k]) => k !== 'searchParams').map(([k, v]) => (k === 'json' ? ['body', `JSON.stringify(${v})`] : [k, v]));
  const base = present(c.base_url) ? valueIn('js', c.base_url) : url;
  return `// fetch: defaults as a Request, per-call options as init\nconst defaults = new Request(${base}, ${o(cp.filter(([k]) => k === 'headers'))});\n${cookieNote}const res = await fetch(new Request(new URL(${url}, defaults.url), defaults), ${o(init)});`;
}

/** @param {Model} m @param {string} lib */
function golang(m, lib) {
  const c = m.client;
  const q = m.request;
  const method = present(q.method) ? q.method.value : 'GET';
  const url = present(q.url) ? q.url.value : '';
  const rows = (f) => (present(f) && f.state === 'value' ? f.rows.filter((r) => r.state !== 'absent') : []);
  const goVal = (r) => (r.state === 'value' || r.state === 'literal' ? goStr(r.value) : 'nil');
  const imports = (paths) => ['import (', ...paths.map((p) => (p ? `\t${goStr(p)}` : '')), ')'];
  const body = [];
  if (lib === 'resty') {
    const cookies = rows(c.cookies).length > 0 || rows(q.cookies).length > 0;
    body.push('func main() {', '\tclient := resty.New()');
    if (present(c.base_url)) body.push(`\tclient.SetBaseURL(${goStr(c.base_url.value)})`);
    for (const r of rows(c.headers)) body.push(`\tclient.SetHeader(${goStr(r.name)}, ${goVal(r)})`);
    for (const r of rows(c.params)) body.push(`\tclient.SetQueryParam(${goStr(r.name)}, ${goVal(r)})`);
    for (const r of rows(c.cookies)) body.push(`\tclient.SetCookie(&http.Cookie{Name: ${goStr(r.name)}, Value: ${goVal(r)}})`);
    if (c.auth.state === 'value') body.push(c.auth.kind === 'bearer' ? `\tclient.SetAuthToken(${goStr(c.auth.token)})` : `\tclient.SetBasicAuth(${goStr(c.auth.username)}, ${goStr(c.auth.password)})`);
    body.push('\treq := client.R()');
    for (const r of rows(q.headers)) body.push(`\treq.SetHeader(${goStr(r.name)}, ${goVal(r)})`);
    for (const r of rows(q.params)) body.push(`\treq.SetQueryParam(${goStr(r.name)}, ${goVal(r)})`);
    for (const r of rows(q.cookies)) body.push(`\treq.SetCookie(&http.Cookie{Name: ${goStr(r.name)}, Value: ${goVal(r)}})`);
    if (q.auth.state === 'value') body.push(q.auth.kind === 'bearer' ? `\treq.SetAuthToken(${goStr(q.auth.token)})` : `\treq.SetBasicAuth(${goStr(q.auth.username)}, ${goStr(q.auth.password)})`);
    if (present(q.json)) {
      if (q.json.state === 'literal' && q.json.value.trimStart().startsWith('{')) body.push('\t// encoding/json writes a map\'s keys sorted; a struct keeps them in order');
      body.push(`\treq.SetBody(${valueIn('go', q.json)})`);
    }
    if (present(q.body)) body.push(`\treq.SetBody(${goStr(q.body.value)})`);
    body.push(`\tres, err := req.Execute(${goStr(method)}, ${goStr(url)})`, '\tfmt.Println(res.Request.Header, err)', '}');
    return ['package main', '', ...imports(['fmt', ...(cookies ? ['net/http'] : []), '', 'github.com/go-resty/resty/v2']), '', ...body].join('\n');
  }
  const reader = present(q.body) ? `strings.NewReader(${goStr(q.body.value)})` : present(q.json) ? `strings.NewReader(${goStr(q.json.value)})` : 'nil';
  body.push('func main() {', '\tjar, _ := cookiejar.New(nil)', '\tclient := &http.Client{Jar: jar}');
  body.push(`\treq, err := http.NewRequest(${goStr(method)}, ${goStr(url)}, ${reader})`, '\tif err != nil {', '\t\tpanic(err)', '\t}');
  for (const r of rows(q.headers)) body.push(r.state === 'null' ? `\treq.Header[${goStr(r.name)}] = nil` : `\treq.Header.Add(${goStr(r.name)}, ${goVal(r)})`);
  for (const r of rows(q.cookies)) body.push(`\treq.AddCookie(&http.Cookie{Name: ${goStr(r.name)}, Value: ${goVal(r)}})`);
  if (q.auth.state === 'value' && q.auth.kind === 'basic') body.push(`\treq.SetBasicAuth(${goStr(q.auth.username)}, ${goStr(q.auth.password)})`);
  body.push('\tres, err := client.Do(req)', '\tfmt.Println(res, err)', '}');
  const pkgs = ['fmt', 'net/http', 'net/http/cookiejar', ...(reader === 'nil' ? [] : ['strings'])];
  return ['package main', '', ...imports(pkgs), '', ...body].join('\n');
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
  const t = s.length > 120 ? `${s.slice(0, 119)}…` : s;
  return t.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&') || ' ';
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

/**
 * Everything the export box can show. Without includeSecrets (the default)
 * secrets are replaced by SECRET_PLACEHOLDER, as in share links.
 * @param {string} kind code | curl | http | markdown
 * @param {Model} m @param {string} scenarioText @param {Result|null} r
 * @param {string} shareURL a share link made with the same includeSecrets choice, or ''
 * @param {string} language python | js | go
 * @param {boolean} [includeSecrets]
 * @param {Array<{id: string, result: Result}>} [all] compare-all's rows, for the Markdown export
 */
export function exportText(kind, m, scenarioText, r, shareURL, language, includeSecrets = false, all = []) {
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
    if (language === 'python') return python(m, lib);
    if (language === 'js') return javascript(m, lib, version);
    if (language === 'go') return golang(m, lib);
    return '# no code template for this library';
  }
  if (!r || !r.outcome) return '# resolve a valid scenario first';
  if (kind === 'curl') return curl(r);
  if (kind === 'http') return rawHTTP(r);
  // The link is ours (origin, path, base64url), but a path may hold ( ) < > or spaces.
  const link = shareURL.replace(/[\s()<>`\\[\]]/g, (ch) => `%${hex(ch.charCodeAt(0), 2).toUpperCase()}`);
  return [
    `**${codeSpan(m.library)}** (${r.profile}, ${r.verified}) — outcome: \`${r.outcome}\``,
    '',
    '<details><summary>Scenario (mergeplay format v1)</summary>',
    '',
    ...fenced('json', scenarioText),
    '',
    '</details>',
    '',
    'Final request:',
    '',
    ...fenced('http', rawHTTP(r).trimEnd()),
    ...(all.length ? ['', 'In every library (the parts that differ):', '', ...matrixMarkdown(all)] : []),
    ...(link ? ['', `[Open in mergeplay](${link})`] : []),
  ].join('\n');
}
