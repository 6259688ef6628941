// Share links: the whole page state in the URL fragment, versioned.
//
//   #s1.<data>   format 1: <data> is base64url (no padding) of the deflate-raw
//                compressed UTF-8 JSON {"compare": "<lib@ver>|client", "scenario": <scenario v1>}
//   #scenario=<percent-encoded scenario v1 JSON>[&compare=<lib@ver>|client]
//                the prefill format: uncompressed, for docs that generate links
//                without running any code; always accepted.
//   ?example=<slug>  one of the examples.
//
// A link made today must open identically later: every format version stays
// readable (tests/browser/fixtures/share-links.json keeps links per version).
import { parseJSON, stringify } from './model.js';

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
 * @returns {Promise<string>} "#s1.…"
 */
export async function encodeShare(scenarioText, compare) {
  const json = `{"compare": ${JSON.stringify(compare)}, "scenario": ${stringify(parseJSON(scenarioText))}}`;
  const packed = await pipe(new TextEncoder().encode(json), 'CompressionStream');
  return `#s${SHARE_VERSION}.${b64url(packed)}`;
}

const MAX_LINK = 256 * 1024;

/**
 * Reads a fragment in any format version.
 * @param {string} hash location.hash
 * @returns {Promise<{scenario: string, compare: string|null}|null>} null when the hash is not a share link
 */
export async function decodeShare(hash) {
  if (hash.length > MAX_LINK) throw new Error(`the link is ${hash.length} characters; the limit is ${MAX_LINK}`);
  const m = /^#s(\d+)\.(.*)$/s.exec(hash);
  if (m) {
    if (m[1] !== '1') throw new Error(`share link format ${m[1]} is newer than this page (it reads format 1)`);
    const bytes = await pipe(unb64url(m[2]), 'DecompressionStream').catch(() => { throw new Error('the link data is damaged (it does not decompress)'); });
    if (bytes.length > 1 << 20) throw new Error('the link holds more than 1 MB');
    const root = parseJSON(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (root.t !== 'obj') throw new Error('the link does not hold a state object');
    const sc = root.entries.find(([k]) => k === 'scenario')?.[1];
    const cmp = root.entries.find(([k]) => k === 'compare')?.[1];
    if (!sc) throw new Error('the link holds no scenario');
    return { scenario: stringify(sc), compare: cmp && cmp.t === 'str' ? cmp.v : null };
  }
  if (hash.startsWith('#scenario=')) {
    const params = new URLSearchParams(hash.slice(1));
    return { scenario: params.get('scenario') || '', compare: params.get('compare') };
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
