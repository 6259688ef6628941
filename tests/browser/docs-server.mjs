// A tiny static server for the sample docs pages in tests/browser/testdata:
// another loopback origin than cmd/serve's, like a real docs site. In .html
// files, %MERGEPLAY% is replaced by the playground's origin (the docs page
// loads <script src="%MERGEPLAY%/embed.js">), and %EMBEDS% by N generated blocks
// (?n=N, for the benchmark). Each started server listens on its own free port.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, extname } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };
const ROOT = 'tests/browser/testdata';

/** The example slugs the generated blocks cycle through. */
const SLUGS = ['auth-none', 'httpx-header-none', 'header-null', 'requests-auth-false', 'ky-params-accumulate'];

/**
 * @param {string} mergeplay the playground origin, e.g. http://127.0.0.1:8080
 * @returns {Promise<{url: string, stop: () => Promise<void>}>}
 */
export async function startDocsServer(mergeplay) {
  const server = createServer(async (req, res) => {
    const u = new URL(req.url, 'http://x');
    let p = normalize(decodeURIComponent(u.pathname)).replace(/^(\.\.[/\\])+/, '');
    if (p.endsWith('/')) p += 'index.html';
    try {
      let body = await readFile(join(ROOT, p));
      if (extname(p) === '.html') {
        const n = Math.min(20, Number(u.searchParams.get('n')) || 0);
        const blocks = Array.from({ length: n }, (_, i) => `<h2>Embed ${i + 1}</h2>\n<div data-mergeplay="${SLUGS[i % SLUGS.length]}" data-panes="final,diff"></div>`).join('\n');
        body = Buffer.from(body.toString('utf8').replaceAll('%MERGEPLAY%', mergeplay).replace('%EMBEDS%', blocks));
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(p)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}
