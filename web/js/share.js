// Share links: the whole page state in the URL fragment, versioned.
//
//   #s1.<data>   format 1: <data> is base64url (no padding) of the deflate-raw
//                compressed UTF-8 JSON {"compare": "<lib@ver>|client", "scenario": <scenario v1>}
//                plus, optional (older pages ignore them): "example": "<slug>" (the
//                example the scenario is, or was edited from: the page shows its
//                title) and "pins": ["<lib@ver>", …] (compare-all's pinned versions)
//   #scenario=<percent-encoded scenario v1 JSON>[&compare=<lib@ver>|client]
//                the prefill format: uncompressed, for docs that generate links
//                without running any code; always accepted.
//   ?example=<slug>  one of the examples.
//
// A link made today must open identically later: every format version stays
// readable (tests/browser/fixtures/share-links.json keeps links per version).
import { parseJSON, stringify, lineCol, JSONError } from './model.js';

export const SHARE_VERSION = 1;

/** @param {Uint8Array} bytes */
function b64url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @param {string} s */
function unb64url(s) {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('the link data is not base64url');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** @param {Uint8Array} bytes @param {'CompressionStream'|'DecompressionStream'} kind */
async function pipe(bytes, kind) {
  const stream = new Blob([bytes]).stream().pipeThrough(new globalThis[kind]('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The fragment for a state (format 1).
 * @param {string} scenarioText a scenario v1 document
 * @param {string} compare
 * @param {{example?: string|null, pins?: string[]}} [extra]
 * @returns {Promise<string>} "#s1.…"
 */
export async function encodeShare(scenarioText, compare, extra = {}) {
  const root = parseJSON(scenarioText);
  if (root.t !== 'obj') throw new Error('a share link holds a scenario, which is a JSON object');
  let json = `{"compare": ${JSON.stringify(compare)}, "scenario": ${stringify(root)}`;
  if (extra.example) json += `, "example": ${JSON.stringify(extra.example)}`;
  if (extra.pins?.length) json += `, "pins": ${JSON.stringify(extra.pins)}`;
  json += '}';
  const packed = await pipe(new TextEncoder().encode(json), 'CompressionStream');
  return `#s${SHARE_VERSION}.${b64url(packed)}`;
}

const MAX_LINK = 256 * 1024;
const MAX_STATE = 1 << 20;
export const MAX_COMPARE = 100;
export const MAX_PINS = 20;
// Compressed bytes fed to the decompressor per step. Deflate expands at most
// about 1032:1, so a step adds at most about 1 MB before the count is checked.
const FEED = 1024;

/**
 * Why a "compare" value cannot be used, or '' when it can.
 * @param {string} c
 */
export function compareError(c) {
  if (c.length > MAX_COMPARE) return `"compare" is ${c.length} characters; the limit is ${MAX_COMPARE} (it names "client" or a library@version)`;
  return '';
}

/**
 * Inflates deflate-raw data, stopping as soon as the output passes limit: the
 * input goes in a slice at a time and the output is counted as it comes, so a
 * link of a few hundred KB (a decompression bomb) never makes the page hold
 * hundreds of MB.
 * @param {Uint8Array} bytes @param {number} limit
 * @returns {Promise<Uint8Array>}
 */
async function inflate(bytes, limit) {
  const ds = new DecompressionStream('deflate-raw');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const feeding = (async () => {
    for (let i = 0; i < bytes.length; i += FEED) {
      await writer.ready; // paced by the reads below: the stream applies backpressure
      writer.write(bytes.subarray(i, i + FEED)).catch(() => {});
    }
    await writer.close();
  })();
  feeding.catch(() => { /* a damaged or cancelled stream fails the reads too */ });
  const chunks = [];
  let n = 0;
  for (;;) {
    let r;
    try {
      r = await reader.read();
    } catch {
      throw new Error('the link data is damaged (it does not decompress)');
    }
    if (r.done) break;
    n += r.value.length;
    if (n > limit) {
      reader.cancel().catch(() => {});
      throw new Error(`the link holds more than ${limit >> 20} MB once decompressed, the limit; decompression was stopped there and nothing was loaded`);
    }
    chunks.push(r.value);
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

/** @param {import('./model.js').Node} n */
function kindOf(n) {
  return { null: 'null', bool: 'a boolean', num: 'a number', str: 'a string', arr: 'an array', obj: 'an object' }[n.t];
}

/**
 * The compare value a link names, checked.
 * @param {string|null} c
 */
function linkCompare(c) {
  const why = c === null ? '' : compareError(c);
  if (why) throw new Error(`the link's ${why}`);
  return c;
}

/**
 * Reads a fragment in any format version. Anything a link holds that is not
 * a state the page can show is an error, so that the caller keeps the state
 * it has instead of replacing it with the damage.
 * @param {string} hash location.hash
 * @returns {Promise<{scenario: string, compare: string|null, example?: string|null, pins?: string[]}|null>} null when the hash is not a share link
 */
export async function decodeShare(hash) {
  if (hash.length > MAX_LINK) throw new Error(`the link is ${hash.length} characters; the limit is ${MAX_LINK}`);
  const m = /^#s(\d+)\.(.*)$/s.exec(hash);
  if (m) {
    if (m[1] !== '1') throw new Error(`share link format ${m[1]} is newer than this page (it reads format 1)`);
    const bytes = await inflate(unb64url(m[2]), MAX_STATE);
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new Error('the link data is damaged (it is not UTF-8 text)');
    }
    const root = parseJSON(text);
    if (root.t !== 'obj') throw new Error('the link does not hold a state object');
    const sc = root.entries.find(([k]) => k === 'scenario')?.[1];
    const cmp = root.entries.find(([k]) => k === 'compare')?.[1];
    if (!sc) throw new Error('the link holds no scenario');
    if (sc.t !== 'obj') throw new Error(`the link's scenario is ${kindOf(sc)}, not a scenario object`);
    if (cmp && cmp.t !== 'str' && cmp.t !== 'null') throw new Error(`the link's "compare" is ${kindOf(cmp)}; it must be a string, "client" or a library@version`);
    const ex = root.entries.find(([k]) => k === 'example')?.[1];
    const pins = root.entries.find(([k]) => k === 'pins')?.[1];
    if (ex && (ex.t !== 'str' || !/^[a-z0-9-]{1,100}$/.test(ex.v))) throw new Error('the link\'s "example" is not an example name (letters, digits and dashes)');
    if (pins && (pins.t !== 'arr' || pins.items.length > MAX_PINS || pins.items.some((p) => p.t !== 'str' || compareError(p.v) || p.v === 'client'))) {
      throw new Error(`the link's "pins" is not a list of at most ${MAX_PINS} library@version names`);
    }
    return {
      scenario: stringify(sc),
      compare: linkCompare(cmp && cmp.t === 'str' ? cmp.v : null),
      example: ex ? ex.v : null,
      pins: pins ? pins.items.map((p) => p.v) : [],
    };
  }
  if (hash.startsWith('#scenario=')) {
    const params = new URLSearchParams(hash.slice(1));
    const scenario = params.get('scenario') || '';
    if (!scenario.trim()) throw new Error('the link\'s scenario (#scenario=…) is empty');
    let root;
    try {
      root = parseJSON(scenario);
    } catch (err) {
      if (!(err instanceof JSONError)) throw err;
      const { line, col } = lineCol(scenario, err.offset);
      throw new Error(`the link's scenario is not valid JSON: line ${line}, column ${col}: ${err.message}`);
    }
    if (root.t !== 'obj') throw new Error(`the link's scenario is ${kindOf(root)}, not a scenario object`);
    return { scenario, compare: linkCompare(params.get('compare')) };
  }
  return null;
}

/**
 * The prefill fragment for a scenario (no compression, for docs).
 * @param {string} scenarioText @param {string} [compare]
 */
export function prefillLink(scenarioText, compare) {
  const p = new URLSearchParams({ scenario: scenarioText });
  if (compare) p.set('compare', compare);
  return `#${p.toString()}`;
}
