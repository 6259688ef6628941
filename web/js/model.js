// The scenario v1 document as the form sees it: an ordered JSON parser (JS
// objects reorder integer-like keys, and key order decides wire order), the
// form model, and conversions between the two, with located errors.

/**
 * An ordered JSON node with its source span.
 * @typedef {Object} Node
 * @property {'null'|'bool'|'num'|'str'|'arr'|'obj'} t
 * @property {any} [v]          bool value, number literal, or string
 * @property {Node[]} [items]
 * @property {Array<[string, Node]>} [entries]
 * @property {number} start
 * @property {number} end
 */

/** A JSON syntax error at an offset. */
export class JSONError extends Error {
  /** @param {string} message @param {number} offset */
  constructor(message, offset) {
    super(message);
    this.offset = offset;
  }
}

const MAX_DEPTH = 64;

/**
 * Parses JSON keeping object member order and source offsets.
 * @param {string} text
 * @returns {Node}
 */
export function parseJSON(text) {
  // Named, not "unexpected character" followed by an invisible one: a file saved with a BOM is a common paste.
  if (text.charCodeAt(0) === 0xFEFF) throw new JSONError('the document starts with a byte order mark (U+FEFF); remove it', 0);
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\r\n'.includes(text[i])) i++; };
  const fail = (msg) => { throw new JSONError(msg, i); };
  /** @returns {Node} */
  const value = (depth) => {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`);
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const entries = [];
      ws();
      if (text[i] === '}') { i++; return { t: 'obj', entries, start, end: i }; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a "quoted" member name');
        const k = string();
        ws();
        if (text[i] !== ':') fail('expected ":" after a member name');
        i++;
        entries.push([k, value(depth + 1)]);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return { t: 'obj', entries, start, end: i }; }
        fail(i >= text.length ? 'unexpected end: an object is not closed with "}"' : 'expected "," or "}" after a member');
      }
    }
    if (c === '[') {
      i++;
      const items = [];
      ws();
      if (text[i] === ']') { i++; return { t: 'arr', items, start, end: i }; }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return { t: 'arr', items, start, end: i }; }
        fail(i >= text.length ? 'unexpected end: an array is not closed with "]"' : 'expected "," or "]" after an item');
      }
    }
    if (c === '"') { const v = string(); return { t: 'str', v, start, end: i }; }
    for (const [word, node] of [['true', { t: 'bool', v: true }], ['false', { t: 'bool', v: false }], ['null', { t: 'null' }]]) {
      if (text.startsWith(word, i)) { i += word.length; return { ...node, start, end: i }; }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0]) { i += m[0].length; return { t: 'num', v: m[0], start, end: i }; }
    fail(i >= text.length ? 'unexpected end of the document' : `unexpected character ${JSON.stringify(c)}`);
    return /** @type {any} */ (null);
  };
  const string = () => {
    const start = i;
    i++;
    let out = '';
    for (;;) {
      const j = i;
      while (i < text.length && text[i] !== '"' && text[i] !== '\\' && text.charCodeAt(i) >= 0x20) i++;
      out += text.slice(j, i);
      if (i >= text.length) { i = start; fail('a string is not closed with "'); }
      const ch = text[i];
      if (ch === '"') { i++; return out; }
      if (ch !== '\\') fail('a control character (such as a raw line break) inside a string; write it as \\n');
      const e = text[i + 1];
      const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e in simple) { out += simple[e]; i += 2; continue; }
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      fail('invalid escape in a string');
    }
  };
  const root = value(0);
  ws();
  if (i < text.length) fail('unexpected text after the JSON value');
  return root;
}

/**
 * Line and column (1-based) of an offset.
 * @param {string} text @param {number} offset
 * @returns {{line: number, col: number}}
 */
export function lineCol(text, offset) {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, col: lines[lines.length - 1].length + 1 };
}

/**
 * Splits an engine field path such as request.headers["X-A"] or a.client.auth.password.
 * @param {string} path
 * @returns {string[]}
 */
export function splitPath(path) {
  const out = [];
  const re = /([^.[\]]+)|\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]/g;
  let m;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) { try { out.push(JSON.parse(`"${m[2]}"`)); } catch { out.push(m[2]); } }
    else out.push(m[3]);
  }
  return out;
}

/**
 * Finds the span of the deepest node along a field path.
 * @param {Node} root @param {string[]} segs
 * @returns {Node}
 */
export function locateNode(root, segs) {
  let node = root;
  for (const s of segs) {
    let next;
    if (node.t === 'obj') next = node.entries.find(([k]) => k === s)?.[1];
    else if (node.t === 'arr' && /^\d+$/.test(s)) next = node.items[Number(s)];
    if (!next) break;
    node = next;
  }
  return node;
}

/**
 * Compact JSON of a node, in order.
 * @param {Node} n
 * @returns {string}
 */
export function stringify(n) {
  switch (n.t) {
    case 'null': return 'null';
    case 'bool': return n.v ? 'true' : 'false';
    case 'num': return n.v;
    case 'str': return JSON.stringify(n.v);
    case 'arr': return `[${n.items.map(stringify).join(', ')}]`;
    case 'obj': return `{${n.entries.map(([k, v]) => `${JSON.stringify(k)}: ${stringify(v)}`).join(', ')}}`;
  }
  return 'null';
}

// ---- the form model ----

/**
 * States of a field or row. "absent" is inherit (not passed); "literal" is a
 * non-string JSON value typed as JSON (a number, a list, true).
 * @typedef {'absent'|'value'|'literal'|'null'|'undefined'|'false'} FieldState
 */
/** @typedef {{state: FieldState, value: string}} Field */
/** @typedef {{name: string, state: FieldState, value: string}} Row */
/** @typedef {{state: FieldState, value: string, rows: Row[]}} MapField */
/** @typedef {{state: FieldState, kind: 'basic'|'bearer', username: string, password: string, token: string, value: string}} AuthField */
/**
 * @typedef {Object} Model
 * @property {Array<[string, string]>} meta   top-level title/comment as compact JSON, in order
 * @property {string} library
 * @property {Object<string, any>} client
 * @property {Object<string, any>} request
 */

export const MAP_FIELDS = ['headers', 'params', 'cookies'];
export const CLIENT_FIELDS = ['base_url', 'prefix', 'headers', 'params', 'cookies', 'auth', 'allowAbsoluteUrls'];
export const REQUEST_FIELDS = ['method', 'url', 'headers', 'params', 'cookies', 'auth', 'json', 'body', 'via', 'allowAbsoluteUrls'];

/** @returns {Field} */
const field = () => ({ state: 'absent', value: '' });

/** @param {string} side @returns {Object<string, any>} */
export function emptySide(side) {
  const out = {};
  for (const f of side === 'client' ? CLIENT_FIELDS : REQUEST_FIELDS) {
    if (MAP_FIELDS.includes(f)) out[f] = { state: 'absent', value: '', rows: [] };
    else if (f === 'auth') out[f] = { state: 'absent', kind: 'basic', username: '', password: '', token: '', value: '' };
    else out[f] = field();
  }
  return out;
}

/** @returns {Model} */
export function emptyModel(library) {
  return { meta: [], library, client: emptySide('client'), request: emptySide('request') };
}

/** A problem converting between the form and the document, with its field path. */
export class ModelError extends Error {
  /** @param {string} field @param {string} message */
  constructor(field, message) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

/**
 * The state of a node that is not a plain value.
 * @param {Node} n
 * @returns {FieldState|null}
 */
function stateOf(n) {
  if (n.t === 'null') return 'null';
  if (n.t === 'bool' && n.v === false) return 'false';
  if (n.t === 'obj' && n.entries.length === 1 && n.entries[0][0] === '$undefined' && n.entries[0][1].t === 'bool' && n.entries[0][1].v === true) return 'undefined';
  return null;
}

/**
 * Builds the form model from a parsed document.
 * @param {Node} root
 * @returns {Model}
 */
export function modelFromNode(root) {
  if (root.t !== 'obj') throw new ModelError('(root)', 'a scenario is a JSON object');
  const m = emptyModel('');
  for (const [k, v] of root.entries) {
    if (k === 'mergeplay') continue;
    if (k === 'library') {
      if (v.t !== 'str') throw new ModelError('library', 'must be a string like "httpx@0.14.2"');
      m.library = v.v;
    } else if (k === 'title' || k === 'comment') {
      m.meta.push([k, stringify(v)]);
    } else if (k === 'client' || k === 'request') {
      if (v.t === 'null') continue;
      if (v.t !== 'obj') throw new ModelError(k, 'must be an object');
      const names = k === 'client' ? CLIENT_FIELDS : REQUEST_FIELDS;
      for (const [fk, fv] of v.entries) {
        if (!names.includes(fk)) throw new ModelError(`${k}.${fk}`, `unknown field; ${k} fields are ${names.join(', ')}`);
        m[k][fk] = fieldFromNode(fk, fv, `${k}.${fk}`);
      }
    } else {
      throw new ModelError(k, 'unknown field; a scenario has mergeplay, library, client and request');
    }
  }
  return m;
}

/** @param {string} name @param {Node} n @param {string} path */
function fieldFromNode(name, n, path) {
  const st = stateOf(n);
  if (MAP_FIELDS.includes(name)) {
    if (st) return { state: st, value: '', rows: [] };
    if (n.t === 'str' && name === 'params') return { state: 'literal', value: stringify(n), rows: [] };
    if (n.t !== 'obj') return { state: 'literal', value: stringify(n), rows: [] };
    return {
      state: 'value', value: '',
      rows: n.entries.map(([rk, rv]) => {
        const rs = stateOf(rv);
        if (rs) return { name: rk, state: rs, value: '' };
        if (rv.t === 'str') return { name: rk, state: 'value', value: rv.v };
        return { name: rk, state: 'literal', value: stringify(rv) };
      }),
    };
  }
  if (name === 'auth') {
    const a = { state: 'absent', kind: 'basic', username: '', password: '', token: '', value: '' };
    if (st) return { ...a, state: st };
    if (n.t === 'obj') {
      const keys = n.entries.map(([k]) => k);
      const allStr = n.entries.every(([, v]) => v.t === 'str');
      if (allStr && keys.length === 1 && keys[0] === 'bearer') return { ...a, state: 'value', kind: 'bearer', token: n.entries[0][1].v };
      if (allStr && keys.every((k) => k === 'username' || k === 'password') && keys.length === 2 && keys[0] === 'username') {
        return { ...a, state: 'value', kind: 'basic', username: n.entries[0][1].v, password: n.entries[1][1].v };
      }
    }
    return { ...a, state: 'literal', value: stringify(n) };
  }
  if (name === 'allowAbsoluteUrls') {
    if (n.t === 'bool') return { state: 'value', value: String(n.v) };
    if (st) return { state: st, value: '' };
    return { state: 'literal', value: stringify(n) };
  }
  if (st) return { state: st, value: '' };
  if (name === 'json') return { state: 'literal', value: stringify(n) };
  if (n.t === 'str') return { state: 'value', value: n.v };
  return { state: 'literal', value: stringify(n) };
}

/**
 * JSON for a state, or null for absent/value.
 * @param {FieldState} s
 */
function stateJSON(s) {
  if (s === 'null') return 'null';
  if (s === 'false') return 'false';
  if (s === 'undefined') return '{"$undefined": true}';
  return null;
}

/**
 * Checks and compacts a literal typed in the form.
 * @param {string} text @param {string} path
 */
function literal(text, path) {
  try {
    return stringify(parseJSON(text));
  } catch (err) {
    const e = /** @type {JSONError} */ (err);
    throw new ModelError(path, `not valid JSON (${e.message} at character ${(e.offset ?? 0) + 1}); quote text as "…"`);
  }
}

/**
 * Serializes one field, or returns null when it is absent.
 * @param {string} name @param {any} f @param {string} path
 * @returns {string|null}
 */
function fieldJSON(name, f, path) {
  if (f.state === 'absent') return null;
  const s = stateJSON(f.state);
  if (s) return s;
  if (f.state === 'literal') return literal(f.value, path);
  if (MAP_FIELDS.includes(name)) {
    const parts = [];
    for (const r of f.rows) {
      if (r.state === 'absent') continue;
      const rp = `${path}[${JSON.stringify(r.name)}]`;
      const rs = stateJSON(r.state);
      const v = rs ?? (r.state === 'literal' ? literal(r.value, rp) : JSON.stringify(r.value));
      parts.push(`${JSON.stringify(r.name)}: ${v}`);
    }
    return `{${parts.join(', ')}}`;
  }
  if (name === 'auth') {
    if (f.kind === 'bearer') return `{"bearer": ${JSON.stringify(f.token)}}`;
    return `{"username": ${JSON.stringify(f.username)}, "password": ${JSON.stringify(f.password)}}`;
  }
  if (name === 'allowAbsoluteUrls') return f.value === 'false' ? 'false' : 'true';
  return JSON.stringify(f.value);
}

/**
 * Writes the model as a scenario v1 document (readable, one line per field).
 * @param {Model} m
 * @returns {string}
 */
export function toText(m) {
  const lines = ['{', '  "mergeplay": 1'];
  for (const [k, v] of m.meta) lines.push(`  ${JSON.stringify(k)}: ${v}`);
  lines.push(`  "library": ${JSON.stringify(m.library)}`);
  for (const side of ['client', 'request']) {
    const names = side === 'client' ? CLIENT_FIELDS : REQUEST_FIELDS;
    const parts = [];
    for (const n of names) {
      const j = fieldJSON(n, m[side][n], `${side}.${n}`);
      if (j !== null) parts.push(`    ${JSON.stringify(n)}: ${j}`);
    }
    if (side === 'client' && !parts.length) continue;
    lines.push(parts.length ? `  "${side}": {\n${parts.join(',\n')}\n  }` : `  "${side}": {}`);
  }
  return `${lines[0]}\n${lines.slice(1).join(',\n')}\n}`;
}

// ---- secrets ----

export const SECRET_PLACEHOLDER = 'REDACTED';
/** Header names (lower case) whose values are secrets. */
export const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'x-auth-token'];

/**
 * Replaces a URL's userinfo (user:password@) by the placeholder. The userinfo
 * runs to the last "@" before the authority ends (/ ? # or \, which WHATWG
 * URLs read as /), and may hold spaces and further "@"s; the "//" may be
 * missing ("https:u:p@host" is valid for WHATWG). Tabs and line breaks, which
 * WHATWG URL parsing deletes, cannot hide it: when they do, the URL comes back
 * without them.
 * @param {string} url
 */
export function redactUserinfo(url) {
  const re = /^([^/?#\\@]*?:)?([/\\]*)([^/?#\\]*)@/;
  const one = (u) => u.replace(re, (all, scheme, slashes, info) => (scheme === undefined && !slashes ? all : `${scheme || ''}${slashes}${SECRET_PLACEHOLDER}@`));
  const plain = one(url);
  if (plain !== url) return plain;
  const stripped = url.replace(/[\t\n\r]/g, '');
  const again = one(stripped);
  return again !== stripped ? again : url;
}

/**
 * Headers or cookies typed as JSON that is not an object (the engine refuses
 * them, but the form and the exports still show them): the values of secret
 * header names, every cookie string.
 * @param {'headers'|'cookies'} f @param {string} text
 */
function redactLiteral(f, text) {
  let root;
  try { root = parseJSON(text); } catch { return JSON.stringify(SECRET_PLACEHOLDER); }
  const all = (n) => { if (n.t === 'str') n.v = SECRET_PLACEHOLDER; for (const i of n.items || []) all(i); for (const [, v] of n.entries || []) all(v); };
  const walk = (n) => {
    if (n.t === 'arr' && n.items[0]?.t === 'str' && SECRET_HEADERS.includes(n.items[0].v.toLowerCase())) n.items.slice(1).forEach(all);
    else for (const i of n.items || []) walk(i);
    for (const [k, v] of n.entries || []) { if (SECRET_HEADERS.includes(k.toLowerCase())) all(v); else walk(v); }
  };
  if (f === 'cookies') all(root); else walk(root);
  return stringify(root);
}

/**
 * Replaces passwords, tokens, Authorization/Cookie header values and cookie
 * values by a placeholder. Returns a new model.
 * @param {Model} m
 * @returns {Model}
 */
export function redact(m) {
  const c = structuredClone(m);
  for (const side of ['client', 'request']) {
    const s = c[side];
    if (s.auth.state === 'value') {
      if (s.auth.password) s.auth.password = SECRET_PLACEHOLDER;
      if (s.auth.token) s.auth.token = SECRET_PLACEHOLDER;
    } else if (s.auth.state === 'literal') {
      s.auth.value = JSON.stringify({ username: SECRET_PLACEHOLDER, password: SECRET_PLACEHOLDER });
    }
    for (const r of s.headers.rows) {
      if (SECRET_HEADERS.includes(r.name.toLowerCase()) && (r.state === 'value' || r.state === 'literal')) {
        r.state = 'value';
        r.value = SECRET_PLACEHOLDER;
      }
    }
    for (const r of s.cookies.rows) {
      if (r.state === 'value' || r.state === 'literal') { r.state = 'value'; r.value = SECRET_PLACEHOLDER; }
    }
    for (const f of ['base_url', 'url']) {
      if (s[f] && s[f].state === 'value') s[f].value = redactUserinfo(s[f].value);
    }
    for (const f of ['headers', 'cookies']) if (s[f].state === 'literal') s[f].value = redactLiteral(f, s[f].value);
  }
  return c;
}

/**
 * Whether the model holds anything redact() would replace.
 * @param {Model} m
 */
export function hasSecrets(m) {
  return toText(redact(m)) !== toText(m);
}
