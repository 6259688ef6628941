// Export: code that reproduces the scenario with the selected library, curl,
// raw HTTP and a Markdown snippet for an issue report. Plain text only.
import { rawHTTP } from './render.js';

/** @typedef {import('./model.js').Model} Model */
/** @typedef {import('./engine.js').Result} Result */

// ---- value spelling per language ----

/** @param {string} s */
const pyStr = (s) => JSON.stringify(s).replace(/\\u([0-9a-f]{4})/g, '\\u$1');
/** @param {string} s */
const jsStr = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
/** @param {string} s */
const goStr = (s) => JSON.stringify(s);

/**
 * A literal (compact JSON) in Python.
 * @param {string} json
 */
function pyLiteral(json) {
  try {
    const conv = (v) => {
      if (v === null) return 'None';
      if (v === true) return 'True';
      if (v === false) return 'False';
      if (typeof v === 'string') return pyStr(v);
      if (typeof v === 'number') return String(v);
      if (Array.isArray(v)) return `[${v.map(conv).join(', ')}]`;
      return `{${Object.entries(v).map(([k, x]) => `${pyStr(k)}: ${conv(x)}`).join(', ')}}`;
    };
    return conv(JSON.parse(json));
  } catch { return json; }
}

/** @param {string} lang @param {any} r a row or field */
function valueIn(lang, r) {
  switch (r.state) {
    case 'null': return { python: 'None', js: 'null', go: 'nil' }[lang];
    case 'undefined': return 'undefined';
    case 'false': return { python: 'False', js: 'false', go: 'false' }[lang];
    case 'literal': return lang === 'python' ? pyLiteral(r.value) : r.value;
  }
  return { python: pyStr, js: jsStr, go: goStr }[lang](r.value);
}

/** @param {string} lang @param {any} m a map field */
function mapIn(lang, m) {
  if (m.state !== 'value') return valueIn(lang, m);
  const rows = m.rows.filter((r) => r.state !== 'absent');
  const key = lang === 'python' ? pyStr : jsStr;
  const ident = (k) => (lang === 'js' && /^[A-Za-z_$][\w$]*$/.test(k) ? k : key(k));
  return `{${rows.map((r) => `${ident(r.name)}: ${valueIn(lang, r)}`).join(', ')}}`;
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
    ? `BearerAuth(${pyStr(a.token)})  # a requests/httpx Auth subclass that sets Authorization: Bearer`
    : `(${pyStr(a.username)}, ${pyStr(a.password)})`);
  if (lib === 'requests') {
    out.push('import requests', '', 's = requests.Session()');
    if (present(c.headers)) out.push(`s.headers.update(${mapIn('python', c.headers)})`);
    if (present(c.params)) out.push(`s.params = ${mapIn('python', c.params)}`);
    if (present(c.cookies)) out.push(`s.cookies.update(${mapIn('python', c.cookies)})`);
    if (present(c.auth)) out.push(`s.auth = ${authPy(c.auth)}`);
    if (present(c.base_url)) out.push(`# requests has no base URL; the request URL is joined by hand: ${pyStr(c.base_url.value)}`);
  } else {
    out.push('import httpx', '');
    const ca = [];
    for (const f of ['base_url']) if (present(c[f])) ca.push(`${f}=${valueIn('python', c[f])}`);
    for (const f of ['headers', 'params', 'cookies']) if (present(c[f])) ca.push(`${f}=${mapIn('python', c[f])}`);
    if (present(c.auth)) ca.push(`auth=${authPy(c.auth)}`);
    out.push(`client = httpx.Client(${ca.join(', ')})`);
  }
  const method = present(q.method) ? q.method.value : 'GET';
  args.push(pyStr(method), present(q.url) ? valueIn('python', q.url) : '""');
  for (const f of ['headers', 'params', 'cookies']) if (present(q[f])) args.push(`${f}=${mapIn('python', q[f])}`);
  if (present(q.auth)) args.push(`auth=${authPy(q.auth)}`);
  if (present(q.json)) args.push(`json=${q.json.state === 'literal' ? pyLiteral(q.json.value) : valueIn('python', q.json)}`);
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
  if (present(c.allowAbsoluteUrls)) cp.push(['allowAbsoluteUrls', valueIn('js', c.allowAbsoluteUrls.state === 'value' ? { state: 'literal', value: c.allowAbsoluteUrls.value } : c.allowAbsoluteUrls)]);
  if (present(c.auth)) {
    if (lib === 'axios') cp.push(['auth', auth(c.auth)]);
    else if (c.auth.state === 'value' && c.auth.kind === 'basic') cp.push(['username', jsStr(c.auth.username)], ['password', jsStr(c.auth.password)]);
  }
  const method = present(q.method) ? q.method.value : 'GET';
  rp.push(['method', jsStr(method)]);
  if (present(q.headers)) rp.push(['headers', mapIn('js', q.headers)]);
  if (present(q.params)) rp.push([paramsKey, mapIn('js', q.params)]);
  if (present(q.auth) && lib === 'axios') rp.push(['auth', auth(q.auth)]);
  if (present(q.json)) rp.push([lib === 'axios' ? 'data' : 'json', q.json.state === 'literal' ? q.json.value : valueIn('js', q.json)]);
  if (present(q.body)) rp.push([lib === 'axios' ? 'data' : 'body', valueIn('js', q.body)]);
  const url = present(q.url) ? valueIn('js', q.url) : "''";
  const cookieNote = present(c.cookies) || present(q.cookies) ? `// cookies: ${mapIn('js', present(q.cookies) ? q.cookies : c.cookies)} (sent through a cookie jar / Cookie header)\n` : '';
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
  return `// Node ${version}: defaults as a Request, per-call options as init\nconst defaults = new Request(${base}, ${o(cp.filter(([k]) => k === 'headers'))});\n${cookieNote}const res = await fetch(new Request(new URL(${url}, defaults.url), defaults), ${o(init)});`;
}

/** @param {Model} m @param {string} lib */
function golang(m, lib) {
  const c = m.client;
  const q = m.request;
  const method = present(q.method) ? q.method.value : 'GET';
  const url = present(q.url) ? q.url.value : '';
  const rows = (f) => (present(f) && f.state === 'value' ? f.rows.filter((r) => r.state !== 'absent') : []);
  const goVal = (r) => (r.state === 'value' ? goStr(r.value) : r.state === 'literal' ? goStr(r.value) : 'nil');
  const out = [];
  if (lib === 'resty') {
    out.push('package main', '', 'import (', '\t"fmt"', '', '\t"github.com/go-resty/resty/v2"', ')', '', 'func main() {', '\tclient := resty.New()');
    if (present(c.base_url)) out.push(`\tclient.SetBaseURL(${goStr(c.base_url.value)})`);
    for (const r of rows(c.headers)) out.push(`\tclient.SetHeader(${goStr(r.name)}, ${goVal(r)})`);
    for (const r of rows(c.params)) out.push(`\tclient.SetQueryParam(${goStr(r.name)}, ${goVal(r)})`);
    for (const r of rows(c.cookies)) out.push(`\tclient.SetCookie(&http.Cookie{Name: ${goStr(r.name)}, Value: ${goVal(r)}})`);
    if (c.auth.state === 'value') out.push(c.auth.kind === 'bearer' ? `\tclient.SetAuthToken(${goStr(c.auth.token)})` : `\tclient.SetBasicAuth(${goStr(c.auth.username)}, ${goStr(c.auth.password)})`);
    out.push('\treq := client.R()');
    for (const r of rows(q.headers)) out.push(`\treq.SetHeader(${goStr(r.name)}, ${goVal(r)})`);
    for (const r of rows(q.params)) out.push(`\treq.SetQueryParam(${goStr(r.name)}, ${goVal(r)})`);
    for (const r of rows(q.cookies)) out.push(`\treq.SetCookie(&http.Cookie{Name: ${goStr(r.name)}, Value: ${goVal(r)}})`);
    if (q.auth.state === 'value') out.push(q.auth.kind === 'bearer' ? `\treq.SetAuthToken(${goStr(q.auth.token)})` : `\treq.SetBasicAuth(${goStr(q.auth.username)}, ${goStr(q.auth.password)})`);
    if (present(q.json)) out.push(`\treq.SetBody(map[string]any{ /* ${q.json.value} */ })`);
    if (present(q.body)) out.push(`\treq.SetBody(${goStr(q.body.value)})`);
    out.push(`\tres, err := req.Execute(${goStr(method)}, ${goStr(url)})`, '\tfmt.Println(res.Request.Header, err)', '}');
    return out.join('\n');
  }
  out.push('package main', '', 'import (', '\t"fmt"', '\t"net/http"', '\t"net/http/cookiejar"', '\t"strings"', ')', '', 'func main() {', '\tjar, _ := cookiejar.New(nil)', '\tclient := &http.Client{Jar: jar}');
  const body = present(q.body) ? `strings.NewReader(${goStr(q.body.value)})` : present(q.json) ? `strings.NewReader(${goStr(q.json.value)})` : 'nil';
  out.push(`\treq, err := http.NewRequest(${goStr(method)}, ${goStr(url)}, ${body})`, '\tif err != nil {', '\t\tpanic(err)', '\t}');
  for (const r of rows(q.headers)) out.push(r.state === 'null' ? `\treq.Header[${goStr(r.name)}] = nil` : `\treq.Header.Add(${goStr(r.name)}, ${goVal(r)})`);
  for (const r of rows(q.cookies)) out.push(`\treq.AddCookie(&http.Cookie{Name: ${goStr(r.name)}, Value: ${goVal(r)}})`);
  if (q.auth.state === 'value' && q.auth.kind === 'basic') out.push(`\treq.SetBasicAuth(${goStr(q.auth.username)}, ${goStr(q.auth.password)})`);
  out.push('\tres, err := client.Do(req)', '\tfmt.Println(res, err)', '}');
  return out.join('\n');
}

/** A shell single-quoted word. @param {string} s */
const sh = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** @param {Result} r */
function curl(r) {
  if (r.outcome !== 'sent') return `# nothing is sent: ${rawHTTP(r)}`;
  const w = r.request;
  const parts = [`curl --request ${w.method}`, `  ${sh(w.url)}`];
  for (const [k, v] of w.headers) {
    if (/^(host|content-length)$/i.test(k)) continue; // curl writes these itself
    parts.push(v === '' ? `  --header ${sh(`${k};`)}` : `  --header ${sh(`${k}: ${v}`)}`);
  }
  if (w.body !== '') parts.push(`  --data-binary ${sh(w.body)}`);
  return parts.join(' \\\n');
}

/**
 * Everything the export box can show.
 * @param {string} kind code | curl | http | markdown
 * @param {Model} m @param {string} scenarioText @param {Result|null} r @param {string} shareURL
 * @param {string} language python | js | go
 */
export function exportText(kind, m, scenarioText, r, shareURL, language) {
  const [lib, version = ''] = m.library.split('@');
  if (kind === 'code') {
    if (language === 'python') return python(m, lib);
    if (language === 'js') return javascript(m, lib, version);
    if (language === 'go') return golang(m, lib);
    return `# no code template for ${m.library}`;
  }
  if (!r) return '# resolve a valid scenario first';
  if (kind === 'curl') return curl(r);
  if (kind === 'http') return rawHTTP(r);
  return [
    `**${m.library}** (${r.profile}, ${r.verified}) — outcome: \`${r.outcome}\``,
    '',
    '<details><summary>Scenario (mergeplay format v1)</summary>',
    '',
    '```json',
    scenarioText,
    '```',
    '',
    '</details>',
    '',
    'Final request:',
    '',
    '```http',
    rawHTTP(r).trimEnd(),
    '```',
    ...(shareURL ? ['', `[Open in mergeplay](${shareURL})`] : []),
  ].join('\n');
}
