// Browser tests of the playground: the real page from cmd/serve (netlify.toml
// headers, CSP included) in Debian's Chromium through playwright-core.
// Run with `make test-browser`; screenshots go to build/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { launch, startServer, cli, rawHTTP, settle, watchProblems, closeClean, engineWorkers } from './launch.mjs';

const require = createRequire(import.meta.url);
const SHOTS = 'build/screenshots';
mkdirSync(SHOTS, { recursive: true });
const examples = JSON.parse(readFileSync('web/examples/index.json', 'utf8')).examples;
const fixtures = JSON.parse(readFileSync('tests/browser/fixtures/share-links.json', 'utf8'));

let srv;
let browser;
let strict; // CSP enforced

before(async () => {
  srv = await startServer();
  browser = await launch();
  strict = browser.context;
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

/** The engine's answer natively, from the CLI. */
const resolveCLI = (scenario) => cli(['resolve', '-'], scenario);

/** Opens a page, collecting console errors and uncaught exceptions. */
async function open(path = '/', context = strict) {
  const page = await context.newPage();
  watchProblems(page, { dialogs: true });
  await page.goto(srv.url + path);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  return page;
}

const done = (page) => closeClean(page, 'no console errors, warnings, exceptions or dialogs');

const wire = (page) => page.locator('.js-wire').textContent();

async function setJSON(page, text) {
  await page.click('#tab-json');
  await page.locator('.js-jsonText').fill(text);
  await settle(page);
}

async function jsonText(page) {
  await page.click('#tab-json');
  const t = await page.locator('.js-jsonText').inputValue();
  await page.click('#tab-form');
  return t;
}

test('the default page shows the pre-rendered result before the engine, and the same after', async () => {
  const page = await strict.newPage();
  await page.route('**/*.wasm', () => {}); // hold the engine back
  await page.goto(srv.url + '/');
  const before = await wire(page);
  assert.match(before, /^GET \/users HTTP\/1\.1\n/);
  assert.match(before, /authorization: Basic am9objphZG1pbg==/i);
  assert.equal(await page.locator('.js-engineProgress').count(), 1, 'a progress indicator while the engine loads');
  await page.screenshot({ path: `${SHOTS}/01-loading.png` });
  await page.close();
  const p2 = await open('/');
  assert.equal(await wire(p2), before, 'the engine renders exactly the pre-rendered text');
  assert.equal(await wire(p2), rawHTTP(resolveCLI(examples[0] && readFileSync(`web/examples/${examples[0].file}`, 'utf8'))));
  await p2.screenshot({ path: `${SHOTS}/02-default.png`, fullPage: true });
  await done(p2);
});

test('loading: the engine is fetched once, into the worker theme.js starts; results.js only for examples', async () => {
  const b = await launch(); // a fresh profile: nothing cached
  try {
    const seen = [];
    b.context.on('request', (r) => seen.push(new URL(r.url()).pathname));
    const count = (re) => seen.filter((p) => re.test(p)).length;
    const scenario = JSON.stringify({ mergeplay: 1, library: 'httpx@0.14.1', client: { auth: { username: 'u', password: 'p' } }, request: { url: 'https://api.example.com/early', auth: null } });
    const hash = `#s1.${deflateRawSync(Buffer.from(JSON.stringify({ scenario: JSON.parse(scenario), compare: 'httpx@0.14.2' }))).toString('base64url')}`;

    const share = await b.context.newPage();
    await share.goto(srv.url + '/' + hash);
    await share.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
    assert.equal(await wire(share), rawHTTP(resolveCLI(scenario)), 'the share link shows the engine\'s answer');
    assert.equal(count(/\.wasm$/), 1, `one engine download for a share link: ${seen}`);
    assert.deepEqual(await share.evaluate(() => [globalThis.mergeplayBoot?.conn, typeof globalThis.Go, typeof globalThis.mergeplay]), [null, 'undefined', 'undefined'],
      'engine.js adopted the worker theme.js started; Go is not on the page (wasm_exec.js is not even loaded)');
    const workers = await engineWorkers(share);
    assert.equal(workers.length, 1, 'one worker runs the engine (and the version timeline one of its own)');
    assert.equal(await workers[0].evaluate(() => typeof globalThis.mergeplay?.resolve), 'function', 'the engine is registered in the worker');
    assert.equal(count(/\/results\.[0-9a-f]+\.js$/), 0, 'a share link needs no example results');
    await share.close();

    seen.length = 0;
    const def = await b.context.newPage();
    await def.addInitScript(() => localStorage.clear()); // else the saved share state makes this visit a custom one
    await def.goto(srv.url + '/');
    await def.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
    assert.equal(await def.evaluate(() => globalThis.mergeplayBoot?.conn), null, 'the default page adopts the worker theme.js started too');
    assert.equal(count(/\.wasm$/), 1, `one engine download for the default page: ${seen}`);
    assert.equal(count(/\/results\.[0-9a-f]+\.js$/), 0, 'the default page needs no example results');
    await def.close();
  } finally {
    await b.close();
  }

  // An example opened before the engine has loaded shows its build-time result (results.js).
  const ex = examples.find((e) => e.slug === 'auth-none');
  const page = await strict.newPage();
  await page.route('**/*.wasm', () => {}); // hold the engine back
  await page.goto(`${srv.url}/?example=${ex.slug}`);
  await page.waitForFunction(() => /HTTP\/1\.1/.test(document.querySelector('.js-wire')?.textContent || ''));
  assert.equal(await wire(page), rawHTTP(resolveCLI(readFileSync(`web/examples/${ex.file}`, 'utf8'))));
  await page.close();
});

test('the motivating example: Authorization in requests and httpx 0.14.1, none in 0.14.2', async () => {
  const page = await open('/?example=auth-none');
  const cases = [
    { reason: 'requests merges auth=None away', lib: 'requests@2.28.1', auth: true },
    { reason: 'httpx before 0.14.2 did the same', lib: 'httpx@0.14.1', auth: true },
    { reason: 'httpx 0.14.2 reads auth=None as no auth', lib: 'httpx@0.14.2', auth: false },
  ];
  for (const c of cases) {
    await page.selectOption('.js-library', c.lib);
    const text = await wire(page);
    assert.equal(/^authorization: Basic am9objphZG1pbg==$/im.test(text), c.auth, `${c.reason}: ${text}`);
  }
  await page.screenshot({ path: `${SHOTS}/03-httpx-0.14.2.png`, fullPage: true });
  await done(page);
});

test('every example renders the engine\'s answer', async () => {
  assert.ok(examples.length >= 12, 'at least 12 examples');
  assert.equal(examples[0].slug, 'auth-none', 'the motivating case comes first');
  const page = await open('/');
  for (const ex of examples) {
    await page.goto(`${srv.url}/?example=${ex.slug}`);
    await page.waitForSelector('body[data-engine="ready"]');
    const want = rawHTTP(resolveCLI(readFileSync(`web/examples/${ex.file}`, 'utf8')));
    assert.equal(await wire(page), want, `example ${ex.slug}`);
    assert.equal(await page.locator('.js-inputError').isHidden(), true, `example ${ex.slug} has no input error`);
  }
  // The gallery links work without a reload too.
  await page.click('.js-example[data-slug="ky2-header-case"]');
  assert.match(await wire(page), /x-foo: a, b/);
  assert.match(page.url(), /\?example=ky2-header-case$/);
  await done(page);
});

test('editing each kind of field changes the final request', async () => {
  const page = await open('/?example=auth-none');
  await page.selectOption('.js-library', 'httpx@0.27.2');
  let last = await wire(page);
  const changed = async (what, re) => {
    const now = await wire(page);
    assert.notEqual(now, last, `${what} changed the final request`);
    if (re) assert.match(now, re, what);
    last = now;
  };
  await page.fill('#f-request-url', 'https://api.example.com/items');
  await changed('request URL', /^GET \/items HTTP/);
  await page.fill('#f-client-base_url', 'https://api.example.com/v2/');
  await page.fill('#f-request-url', 'items');
  await changed('client base URL and relative request URL', /^GET \/v2\/items HTTP/);
  await page.fill('#f-request-method', 'DELETE');
  await changed('method', /^DELETE /);
  await page.click('#f-client-headers-add');
  await page.fill('#f-client-headers-0-name', 'X-Client');
  await page.fill('#f-client-headers-0-value', 'c1');
  await changed('client header', /X-Client: c1/);
  await page.click('#f-request-headers-add');
  await page.fill('#f-request-headers-0-name', 'X-Client');
  await page.fill('#f-request-headers-0-value', 'r1');
  await changed('request header overrides', /X-Client: r1/);
  await page.click('#f-client-params-add');
  await page.fill('#f-client-params-0-name', 'page');
  await page.fill('#f-client-params-0-value', '1');
  await changed('client param', /\?page=1 /);
  await page.click('#f-request-params-add');
  await page.fill('#f-request-params-0-name', 'tag');
  await page.selectOption('#f-request-params-0-state', 'literal');
  await page.fill('#f-request-params-0-value', '["a", "b"]');
  await changed('request list param', /tag=a&tag=b/);
  await page.click('#f-client-cookies-add');
  await page.fill('#f-client-cookies-0-name', 'sid');
  await page.fill('#f-client-cookies-0-value', 'abc');
  await changed('client cookie', /Cookie: sid=abc/);
  await page.click('#f-request-cookies-add');
  await page.fill('#f-request-cookies-0-name', 'theme');
  await page.fill('#f-request-cookies-0-value', 'dark');
  await changed('request cookie', /theme=dark/);
  await page.selectOption('#f-request-auth-state', 'absent');
  await changed('request auth inherit', /Authorization: Basic/);
  await page.fill('#f-client-auth-password', 'other');
  await changed('client password', /Authorization: Basic am9objpvdGhlcg==/);
  await page.selectOption('#f-request-json-state', 'literal');
  await page.fill('#f-request-json', '{"a": 1}');
  await changed('JSON body', /\n\n\{"a": 1\}\n$/);
  await page.selectOption('#f-request-json-state', 'absent');
  await page.selectOption('#f-request-body-state', 'value');
  await page.fill('#f-request-body', 'raw=1');
  await changed('raw body', /\n\nraw=1\n$/);
  // A request header in the None state: httpx raises, shown as the exception.
  await page.selectOption('#f-request-headers-0-state', 'null');
  await changed('header None', /^\w+Error: /);
  const labels = await page.locator('#f-request-headers-0-state option').allTextContents();
  assert.ok(labels.includes('None') && !labels.includes('undefined') && !labels.includes('null'), `Python words: ${labels}`);
  await page.selectOption('.js-library', 'axios@1.21.1');
  const jsLabels = await page.locator('#f-request-headers-0-state option').allTextContents();
  assert.ok(jsLabels.includes('null') && jsLabels.includes('undefined') && !jsLabels.includes('None'), `JS words: ${jsLabels}`);
  // The JSON tab follows the form.
  const t = await jsonText(page);
  assert.match(t, /"X-Client": null/);
  await page.screenshot({ path: `${SHOTS}/04-edited.png`, fullPage: true });
  await done(page);
});

test('the JSON tab edits the same scenario as the form', async () => {
  const page = await open('/?example=auth-none');
  await setJSON(page, '{"mergeplay": 1, "library": "ky@2.1.0", "client": {"base_url": "https://a.example/", "headers": {"X-Foo": "a"}}, "request": {"url": "x", "headers": {"x-foo": "b"}}}');
  assert.match(await wire(page), /x-foo: a, b/);
  await page.click('#tab-form');
  assert.equal(await page.inputValue('#f-client-headers-0-name'), 'X-Foo');
  assert.equal(await page.inputValue('.js-library'), 'ky@2.1.0');
  await done(page);
});

test('explain shows the rule, source and citation; removed client values too', async () => {
  const page = await open('/?example=auth-none');
  await page.selectOption('.js-library', 'requests@2.28.1'); // the example is httpx 0.14.1's; the citation checked is requests'
  await page.click('.js-part[data-field="headers.Authorization"]');
  const ex = page.locator('.js-explain');
  await ex.locator('.js-steps li').first().waitFor();
  const text = await ex.textContent();
  assert.match(text, /auth/);
  const href = await ex.locator('.js-steps a').first().getAttribute('href');
  assert.match(href, /^https:\/\/github\.com\/psf\/requests\/blob\/v2\.28\.1\//);
  await page.click('.js-part[data-field="url"]');
  assert.ok(await ex.locator('.js-steps li').count() >= 1, 'the URL has steps');
  const q = await open('/?example=httpx-028-drops-url-query');
  await q.click('.js-part[data-field="query.foo"]');
  assert.match(await q.locator('.js-explain').textContent(), /client/);
  assert.match(await q.locator('.js-removed').textContent(), /removed/, 'the dropped URL query is listed');
  await q.screenshot({ path: `${SHOTS}/05-explain.png`, fullPage: true });
  await done(q);
  await done(page);
});

test('an error explains where the library raises it; each accumulated query pair has its own step', async () => {
  const page = await open('/?example=httpx-header-none');
  await page.click('.js-part[data-field="error"]');
  const ex = page.locator('.js-explain');
  await ex.locator('.js-steps li').first().waitFor();
  assert.match(await ex.textContent(), /raise/);
  const href = await ex.locator('.js-steps a').first().getAttribute('href');
  assert.match(href, /^https:\/\/github\.com\/encode\/httpx\/blob\/0\.18\.2\/httpx\/_utils\.py#L\d+$/);
  const ky = await open('/?example=ky-params-accumulate');
  await ky.locator('.js-part[data-field="query.page"]').first().click();
  const steps = ky.locator('.js-explain .js-steps li');
  await steps.first().waitFor();
  assert.equal(await steps.count(), 2, 'page=1 and page=2 each have a step');
  assert.match(await steps.nth(0).textContent(), /client[\s\S]*= 1/);
  assert.match(await steps.nth(1).textContent(), /request[\s\S]*= 2/);
  await done(ky);
  await done(page);
});

test('ofetch: its example resolves, a query pair explains ufo, an older version differs, the export is ofetch code', async () => {
  const page = await open('/?example=ofetch-query-overrides-url');
  assert.equal(await page.inputValue('.js-library'), 'ofetch@1.5.1', 'the example picks ofetch');
  assert.match(await wire(page), /^GET \/v1\/items\?page=1&limit=20 HTTP\/1\.1\n/, 'the client default page=1 replaces the URL\'s page=3');
  await page.locator('.js-part[data-field="query.page"]').first().click();
  const ex = page.locator('.js-explain');
  await ex.locator('.js-steps li').first().waitFor();
  assert.match(await ex.textContent(), /client/);
  const hrefs = await ex.locator('.js-steps a').evaluateAll((l) => l.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.some((h) => /^https:\/\/unpkg\.com\/browse\/ufo@1\.6\.4\/dist\/index\.mjs#L\d+$/.test(h)), `withQuery is cited: ${hrefs}`);
  await setJSON(page, JSON.stringify({ mergeplay: 1, library: 'ofetch@1.0.1', client: { base_url: 'https://api.example.com/', headers: { 'X-A': '1' } }, request: { url: 'u', headers: { 'X-B': '2' } } }));
  assert.doesNotMatch(await wire(page), /X-A/, 'ofetch 1.0.1: the request headers replace the client\'s');
  await page.selectOption('.js-library', 'ofetch@1.5.1');
  assert.match(await wire(page), /X-A: 1\nx-b: 2/, 'ofetch 1.5.1 merges them, the request\'s name lower-cased');
  await page.selectOption('.js-exportKind', 'code');
  assert.match(await page.inputValue('.js-exportText'), /^import \{ ofetch \} from 'ofetch';[\s\S]*ofetch\.create\([\s\S]*await api\.raw\('u'/);
  await done(page);
});

test('superagent: picked, its example raises on 10.2.1 and sends on 10.4.2, explain cites lib/ as published, the export is agent code', async () => {
  const page = await open('/?example=superagent-agent-query-invalid-url');
  assert.equal(await page.inputValue('.js-library'), 'superagent@10.2.1', 'the example picks superagent');
  assert.match(await wire(page), /^TypeError: Invalid URL/, 'agent.query is the QUERY method before 10.2.2');
  await page.selectOption('.js-library', 'superagent@10.4.2');
  assert.match(await wire(page), /^GET \/v1\/items\?api_key=k-123&page=2 HTTP\/1\.1\nHost: api\.example\.com\n/, '10.4.2 sends the agent\'s params before the request\'s');
  await page.locator('.js-part[data-field="query.api_key"]').first().click();
  const ex = page.locator('.js-explain');
  await ex.locator('.js-steps li').first().waitFor();
  const hrefs = await ex.locator('.js-steps a').evaluateAll((l) => l.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.some((h) => /^https:\/\/unpkg\.com\/browse\/superagent@10\.4\.2\/lib\/request-base\.js#L\d+$/.test(h)), `_finalizeQueryString is cited: ${hrefs}`);
  await page.selectOption('.js-exportKind', 'code');
  assert.match(await page.inputValue('.js-exportText'), /^import superagent from 'superagent';[\s\S]*superagent\.agent\(\)\n  \.query\(\{api_key: 'k-123'\}\);[\s\S]*await agent\.get\('https:\/\/api\.example\.com\/v1\/items'\)\n  \.query\(\{page: '2'\}\);/);
  await done(page);
});

test('gaxios: picked by its example, the URL explains the string join, 7.x resolves instead, compare-all has it, the export is Gaxios code', async () => {
  const page = await open('/?example=gaxios-base-url-string-join');
  assert.equal(await page.inputValue('.js-library'), 'gaxios@6.7.1', 'the example picks gaxios');
  assert.match(await wire(page), /^GET \/v1users HTTP\/1\.1\n/, 'gaxios 6 joins baseURL + url as strings');
  await page.click('.js-part[data-field="url"]');
  const ex = page.locator('.js-explain');
  await ex.locator('.js-steps li').first().waitFor();
  assert.match(await ex.textContent(), /baseURL \+ url/);
  const hrefs = await ex.locator('.js-steps a').evaluateAll((l) => l.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.some((h) => /^https:\/\/github\.com\/googleapis\/gaxios\/blob\/v6\.0\.0\/src\/gaxios\.ts#L\d+$/.test(h)), `validateOpts is cited: ${hrefs}`);
  const ids = await page.locator('.js-matrixRow').evaluateAll((l) => l.map((e) => e.dataset.id));
  assert.ok(ids.includes('gaxios@8.3.3') && ids.includes('gaxios@7.3.1'), `compare-all has the newest gaxios and the compared one: ${ids}`);
  await page.selectOption('.js-library', 'gaxios@7.3.1');
  assert.match(await wire(page), /^GET \/users HTTP\/1\.1\n/, 'gaxios 7 resolves the url against the base');
  await page.selectOption('.js-exportKind', 'code');
  assert.match(await page.inputValue('.js-exportText'), /^import \{ Gaxios \} from 'gaxios';[\s\S]*new Gaxios\(\{\n  baseURL: 'https:\/\/api\.example\.com\/v1',[\s\S]*await api\.request\(\{[\s\S]*url: 'users'[\s\S]*console\.log\(res\.status\);$/);
  await done(page);
});

test('the diff panel: client alone, another library, another version', async () => {
  const page = await open('/?example=auth-none');
  await page.selectOption('.js-library', 'requests@2.28.1');
  await page.selectOption('.js-compare', 'httpx@0.14.2');
  const auth = page.locator('.js-changes li[data-part="header"][data-key="authorization" i]');
  assert.match(await auth.textContent(), /removed/);
  assert.match(await page.locator('.Diff-sides').textContent(), /requests@2\.28\.1.*httpx@0\.14\.2/s);
  await page.selectOption('.js-library', 'httpx@0.14.1');
  assert.match(await auth.textContent(), /removed/, 'the upgrade diff 0.14.1 → 0.14.2 drops Authorization');
  await page.selectOption('.js-compare', 'client');
  assert.ok(await page.locator('.js-diffEqual').count() === 1, 'auth=None changes nothing in 0.14.1 against the client alone');
  await page.selectOption('.js-library', 'httpx@0.14.2');
  assert.match(await page.locator('.js-changes').textContent(), /authorization/i);
  await page.screenshot({ path: `${SHOTS}/06-diff.png`, fullPage: true });
  await done(page);
});

test('share links round-trip, with and without secrets', async () => {
  const page = await open('/?example=absolute-url-escapes-base');
  await page.click('.js-share');
  await page.waitForFunction(() => document.querySelector('.js-shareLink').value.includes('#s1.'));
  const redacted = await page.inputValue('.js-shareLink');
  await page.check('.js-includeSecrets');
  await page.waitForFunction((old) => document.querySelector('.js-shareLink').value !== old, redacted);
  const full = await page.inputValue('.js-shareLink');
  const original = await jsonText(page);
  const expected = await wire(page);
  await done(page);

  const fresh = await launch();
  try {
    const p = await fresh.context.newPage();
    await p.goto(full);
    await p.waitForSelector('body[data-engine="ready"]');
    assert.equal(await wire(p), expected, 'with secrets: the same final request');
    await p.click('#tab-json');
    assert.equal(await p.locator('.js-jsonText').inputValue(), original);
    await p.goto('about:blank');
    await p.goto(redacted);
    await p.waitForSelector('body[data-engine="ready"]');
    await p.click('#tab-json');
    const t = await p.locator('.js-jsonText').inputValue();
    assert.doesNotMatch(t, /t0ken|k-123/, 'the token and API key are gone');
    assert.match(t, /REDACTED/);
    assert.match(await wire(p), /Authorization: Bearer REDACTED/);
  } finally {
    await fresh.close();
  }
});

test('each stored share link of every format version opens identically', async () => {
  const page = await open('/');
  for (const [version, links] of Object.entries(fixtures.versions)) {
    for (const l of links) {
      await page.goto(`${srv.url}/${l.hash}`);
      await page.reload();
      await page.waitForSelector('body[data-engine="ready"]');
      assert.equal(await wire(page), rawHTTP(resolveCLI(l.scenario)), `format ${version}: ${l.name}`);
      assert.equal(await page.inputValue('.js-compare'), l.compare, `format ${version}: ${l.name}: compare`);
    }
  }
  await done(page);
});

test('state survives a reload (localStorage)', async () => {
  const page = await open('/?example=auth-none');
  await page.fill('#f-request-url', 'https://api.example.com/kept');
  await page.goto(srv.url + '/');
  await page.waitForSelector('body[data-engine="ready"]');
  assert.match(await wire(page), /^GET \/kept /);
  await page.evaluate(() => localStorage.clear());
  await done(page);
});

/** Bad inputs for the JSON tab; each must show a located error. */
function badDocuments() {
  const ok = (lib = 'requests@2.34.2') => ({ mergeplay: 1, library: lib, request: { url: 'https://a.example/' } });
  const withReq = (req) => JSON.stringify({ ...ok(), request: { url: 'https://a.example/', ...req } });
  const big = 'x'.repeat(1 << 20);
  const list = [
    ['empty', ''], ['just a brace', '{'], ['trailing comma', '{"mergeplay": 1,}'], ['single quotes', "{'mergeplay': 1}"],
    ['unquoted key', '{mergeplay: 1}'], ['bare word', 'hello'], ['two values', '{} {}'], ['unclosed string', '{"mergeplay": "1'],
    ['raw newline in string', '{"library": "a\nb"}'], ['bad escape', '{"library": "\\q"}'], ['NaN', '{"mergeplay": NaN}'],
    ['comment', '// hi\n{}'], ['array root', '[]'], ['number root', '1'], ['missing colon', '{"mergeplay" 1}'],
    ['CR/LF in a header value', withReq({ headers: { 'X-A': 'a\r\nX-Injected: 1' } })],
    ['LF in a header value', withReq({ headers: { 'X-A': 'a\nb' } })],
    ['CR in a param', withReq({ params: { a: 'x\ry' } })],
    ['NUL in a header', withReq({ headers: { 'X-A': 'a\u0000b' } })],
    ['space in a header name', withReq({ headers: { 'X A': '1' } })],
    ['colon in a header name', withReq({ headers: { 'X:A': '1' } })],
    ['empty header name', withReq({ headers: { '': '1' } })],
    ['1 MB header value', withReq({ headers: { 'X-A': big } })],
    ['1 MB URL', withReq({ url: `https://a.example/${big}` })],
    ['1 MB body', withReq({ body: big })],
    ['unknown library', JSON.stringify(ok('nosuchlib@1.0'))],
    ['unknown version', JSON.stringify(ok('ky@0.1.0'))],
    ['library without version', JSON.stringify(ok('httpx'))],
    ['library not a string', JSON.stringify({ ...ok(), library: 3 })],
    ['missing library', JSON.stringify({ mergeplay: 1, request: {} })],
    ['missing format version', JSON.stringify({ library: 'httpx@0.28.1' })],
    ['format version 2', JSON.stringify({ ...ok(), mergeplay: 2 })],
    ['unknown top-level field', JSON.stringify({ ...ok(), extra: 1 })],
    ['unknown request field', withReq({ timeout_ms: 5 })],
    ['headers not an object', withReq({ headers: 'X-A: 1' })],
    ['header value an object', withReq({ headers: { 'X-A': { a: 1 } } })],
    ['method not a token', withReq({ method: 'GE T' })],
    ['method a number', withReq({ method: 7 })],
    ['auth unknown field', withReq({ auth: { user: 'x' } })],
    ['auth a string', withReq({ auth: 'john:admin' })],
    ['cookie with a semicolon', withReq({ cookies: { a: 'x; b=y' } })],
    ['url a number', withReq({ url: 5 })],
    ['body an object', withReq({ body: { a: 1 } })],
    ['nested list param', withReq({ params: { a: [[1]] } })],
    ['deep nesting', `{"mergeplay": 1, "library": "httpx@0.28.1", "request": {"json": ${'['.repeat(200)}${']'.repeat(200)}}}`],
  ];
  return list;
}

test('50 bad inputs each show a located error, and the page keeps resolving', async () => {
  const page = await open('/?example=auth-none');
  const good = readFileSync('web/examples/ky-params-accumulate.json', 'utf8');
  const goodWire = rawHTTP(resolveCLI(good));
  let n = 0;
  for (const [name, doc] of badDocuments()) {
    await setJSON(page, doc);
    const err = page.locator('.js-jsonError');
    assert.equal(await err.isVisible(), true, `${name}: an error is shown`);
    const msg = await err.textContent();
    assert.match(msg, /line \d+, column \d+|^[a-z(][\w.[\]"$ ()-]*: |\(JSON line \d+/i, `${name}: the error is located: ${msg}`);
    await setJSON(page, good);
    assert.equal(await wire(page), goodWire, `${name}: the next valid input resolves`);
    n++;
  }
  // Form inputs.
  await page.click('#tab-form');
  const formCases = [
    ['space in a header name', async () => { await page.click('#f-request-headers-add'); await page.fill('#f-request-headers-0-name', 'X Bad'); }, /request\.headers/],
    ['colon in a header name', async () => { await page.fill('#f-request-headers-0-name', 'X:Bad'); }, /request\.headers/],
    ['empty header name', async () => { await page.fill('#f-request-headers-0-name', ''); }, /request\.headers/],
    ['1 MB header value', async () => { await page.fill('#f-request-headers-0-name', 'X-Big'); await page.fill('#f-request-headers-0-value', 'y'.repeat(1 << 20)); }, /limit/],
    ['bad JSON literal', async () => { await page.fill('#f-request-headers-0-value', 'ok'); await page.selectOption('#f-request-headers-0-state', 'literal'); await page.fill('#f-request-headers-0-value', '[1,'); }, /not valid JSON/],
    ['method not a token', async () => { await page.selectOption('#f-request-headers-0-state', 'absent'); await page.fill('#f-request-method', 'GE T'); }, /request\.method/],
    ['unknown library', async () => { await page.fill('#f-request-method', 'GET'); await page.selectOption('.js-library', 'custom'); await page.fill('.js-libraryCustom', 'nosuch@1.0'); await page.press('.js-libraryCustom', 'Enter'); }, /unknown library/],
    ['unknown version', async () => { await page.fill('.js-libraryCustom', 'ky@0.1.0'); await page.press('.js-libraryCustom', 'Enter'); }, /outside every ky profile/],
    ['bad JSON body', async () => { await page.selectOption('.js-library', 'ky@1.14.3'); await page.selectOption('#f-request-json-state', 'literal'); await page.fill('#f-request-json', '{"a": }'); }, /not valid JSON/],
  ];
  for (const [name, act, re] of formCases) {
    await act();
    const err = page.locator('.js-inputError');
    assert.equal(await err.isVisible(), true, `form ${name}: an error is shown; wire: ${await wire(page)}; json: ${await page.locator('.js-jsonText').inputValue()}`);
    assert.match(await err.textContent(), re, `form ${name}`);
    n++;
  }
  assert.ok(await page.locator('.js-fieldError').count() >= 1, 'the error is also shown at the form field');
  await page.screenshot({ path: `${SHOTS}/07-error.png`, fullPage: true });
  await page.fill('#f-request-json', '{"a": 1}');
  assert.equal(await page.locator('.js-inputError').isHidden(), true, 'a valid input clears the error');
  assert.match(await wire(page), /^TypeError: Request with GET\/HEAD method cannot have body/, 'ky refuses a body on GET');
  assert.ok(n >= 50, `${n} bad inputs`);
  await done(page);
});

const XSS = ['<img src=x onerror="window.__xss=1">', '"><script>window.__xss=1</script>', "javascript:window.__xss=1", '<svg onload=window.__xss=1>'];

test('XSS strings in every field and in a share link run nothing', async () => {
  // Without the CSP too, so that only the DOM handling is tested.
  const loose = await launch({ bypassCSP: true });
  try {
    const page = await open('/?example=auth-none', loose.context);
    const payload = XSS.join(' ');
    for (const id of ['#f-request-url', '#f-request-method']) await page.fill(id, payload);
    for (const side of ['client', 'request']) {
      for (const f of ['headers', 'params', 'cookies']) {
        await page.click(`#f-${side}-${f}-add`);
        await page.fill(`#f-${side}-${f}-0-name`, XSS[0]);
        await page.fill(`#f-${side}-${f}-0-value`, payload);
      }
    }
    await page.fill('#f-client-auth-username', payload);
    await page.selectOption('#f-request-body-state', 'value');
    await page.fill('#f-request-body', payload);
    await page.selectOption('.js-library', 'custom');
    await page.fill('.js-libraryCustom', XSS[0]);
    await page.press('.js-libraryCustom', 'Enter');
    await setJSON(page, JSON.stringify({ mergeplay: 1, title: XSS[0], library: 'axios@1.21.1', client: { base_url: 'javascript:window.__xss=1//' },
      request: { url: XSS[2], headers: { 'X-A': XSS[0] }, params: { [XSS[0]]: XSS[1] }, json: { [XSS[1]]: XSS[3] } } }));
    await page.click('.js-part[data-field^="headers"] >> nth=0').catch(() => {});
    for (const kind of ['code', 'curl', 'http', 'markdown']) await page.selectOption('.js-exportKind', kind);
    // A share link carrying the payloads.
    const state = `{"compare": ${JSON.stringify(XSS[0])}, "scenario": ${JSON.stringify({ mergeplay: 1, title: XSS[1], library: 'requests@2.34.2',
      request: { url: 'https://a.example/', headers: { 'X-A': XSS[0] }, params: { q: XSS[2] } } })}}`;
    await page.goto(`${srv.url}/#s1.${deflateRawSync(Buffer.from(state)).toString('base64url')}`);
    await page.reload();
    await page.waitForSelector('body[data-engine="ready"]');
    assert.match(await wire(page), /X-A: <img src=x onerror=/);
    await page.goto(`${srv.url}/#scenario=${encodeURIComponent(XSS[0])}`);
    await page.reload();
    await page.waitForSelector('body[data-engine="ready"]');
    // Inline scripts besides the page's own (theme.js, inlined first in <head> and allowed by its hash).
    const ran = await page.evaluate(() => ({ xss: window.__xss, imgs: document.querySelectorAll('img, svg').length,
      scripts: [...document.querySelectorAll('script:not([src])')].filter((s) => s !== document.head.querySelector('script')).length }));
    assert.deepEqual(ran, { xss: undefined, imgs: 0, scripts: 0 });
    page.problems = page.problems.filter((p) => !/Failed to load resource/.test(p));
    await done(page);
  } finally {
    await loose.close();
  }
});

test('axe-core reports no violations (light, dark, JSON tab, explain, phone)', async () => {
  const axe = await launch({ bypassCSP: true });
  try {
    const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const check = async (page, label) => {
      await page.addScriptTag({ content: source });
      const res = await page.evaluate(async () => {
        const r = await globalThis.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
      });
      assert.deepEqual(res, [], `axe (${label})`);
    };
    const page = await open('/?example=auth-none', axe.context);
    await check(page, 'default');
    await page.click('.js-part[data-field="headers.authorization"]');
    await page.selectOption('.js-compare', 'httpx@0.14.2');
    await check(page, 'explain and diff');
    await page.click('#tab-json');
    await check(page, 'JSON tab');
    await page.click('.js-themeToggle');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.click('#tab-form');
    await check(page, 'dark');
    await page.screenshot({ path: `${SHOTS}/08-dark.png`, fullPage: true });
    await page.click('.js-themeToggle');
    await page.click('.js-themeToggle');
    await page.setViewportSize({ width: 375, height: 812 });
    await check(page, '375px');
    await done(page);
  } finally {
    await axe.close();
  }
});

test('a 375 px wide phone: one column, no sideways scroll, still edits', async () => {
  const phone = await launch({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  try {
    const page = await open('/?example=ky-params-accumulate', phone.context);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `page is ${width}px wide`);
    await page.click('#f-request-params-add');
    await page.fill('#f-request-params-1-name', 'sort');
    await page.fill('#f-request-params-1-value', 'asc');
    assert.match(await wire(page), /sort=asc/);
    const cols = await page.evaluate(() => getComputedStyle(document.querySelector('.Layout')).gridTemplateColumns.split(' ').length);
    assert.equal(cols, 1);
    await page.screenshot({ path: `${SHOTS}/09-phone.png`, fullPage: true });
    await done(page);
  } finally {
    await phone.close();
  }
});

test('keyboard shortcuts, the ? sheet, export', async () => {
  const page = await open('/?example=auth-none');
  await page.locator('body').press('?');
  assert.equal(await page.locator('.js-helpDialog').evaluate((d) => d.open), true);
  await page.screenshot({ path: `${SHOTS}/10-shortcuts.png` });
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.js-helpDialog').evaluate((d) => d.open), false);
  await page.keyboard.press('j');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'json-text');
  await page.locator('.js-jsonText').blur();
  await page.keyboard.press('l');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'library');
  // Secrets are replaced unless "include secrets" is ticked: the credential, not the scheme.
  // The motivating example is httpx 0.14.1's (issue 12), which spells the header authorization.
  const exports = { code: /httpx\.Client\(auth=[\s\S]*auth=None/, curl: /^curl --request 'GET'[\s\S]*authorization: Basic REDACTED/, http: /^GET \/users HTTP\/1\.1[\s\S]*authorization: Basic REDACTED/, markdown: /```http[\s\S]*authorization: Basic REDACTED/ };
  for (const [kind, re] of Object.entries(exports)) {
    await page.selectOption('.js-exportKind', kind);
    assert.match(await page.inputValue('.js-exportText'), re, `export ${kind}`);
    assert.doesNotMatch(await page.inputValue('.js-exportText'), /admin|am9objphZG1pbg/, `export ${kind}: no password`);
    assert.match(await page.textContent('.js-exportNote'), /replaced by REDACTED; tick "include secrets"/, `export ${kind}: the note`);
  }
  await page.check('.js-includeSecrets');
  assert.match(await page.inputValue('.js-exportText'), /authorization: Basic am9objphZG1pbg==/, 'ticked: the real credential');
  assert.equal(await page.textContent('.js-exportNote'), '', 'ticked: no note');
  await page.uncheck('.js-includeSecrets');
  for (const [lib, re] of [['httpx@0.14.2', /httpx\.Client\(auth=/], ['axios@1.21.1', /axios\.create/], ['net/http@1.26.8', /http\.NewRequest/], ['resty@2.17.2', /resty\.New\(\)/], ['ky@2.1.0', /ky\.create/], ['ofetch@1.5.1', /ofetch\.create/], ['gaxios@8.3.3', /new Gaxios\(/], ['fetch@20.20.2', /new Request/], ['aiohttp@3.14.5', /aiohttp\.ClientSession\(auth=aiohttp\.BasicAuth\([\s\S]*auth=None/]]) {
    await page.selectOption('.js-library', lib);
    await page.selectOption('.js-exportKind', 'code');
    assert.match(await page.inputValue('.js-exportText'), re, `code for ${lib}`);
  }
  await done(page);
});

test('urllib3: picked, the pool headers are replaced, explain cites urllib3 at the tag, the export is PoolManager code', async () => {
  const page = await open('/?example=urllib3-headers-replace-pool');
  assert.equal(await page.inputValue('.js-library'), 'urllib3@2.8.0');
  let text = await wire(page);
  assert.doesNotMatch(text, /authorization/i, `request headers= replace the pool's: ${text}`);
  assert.match(text, /^User-Agent: python-urllib3\/2\.8\.0\r?\nX-Request-Id: 42$/m, 'urllib3 2 puts its User-Agent first');
  await page.selectOption('.js-library', 'urllib3@1.26.20');
  text = await wire(page);
  assert.match(text, /^X-Request-Id: 42\r?\nUser-Agent: python-urllib3\/1\.26\.20$/m, `urllib3 1.26 appends it: ${text}`);
  await page.click('.js-part[data-field="url"]');
  const ex = page.locator('.js-explain');
  await ex.locator('.js-steps li').first().waitFor();
  assert.match(await ex.locator('.js-steps a').first().getAttribute('href'), /^https:\/\/github\.com\/urllib3\/urllib3\/blob\/1\.26\.20\/src\/urllib3\/poolmanager\.py#L\d+$/);
  await page.selectOption('.js-exportKind', 'code');
  const code = await page.inputValue('.js-exportText');
  assert.match(code, /^with urllib3\.PoolManager\(headers=\{"Authorization": "REDACTED", "Accept": "application\/json"\}\) as pm:$/m, code);
  assert.match(code, /pm\.request\("GET", "https:\/\/api\.example\.com\/v1\/orders", headers=\{"X-Request-Id": "42"\}\)/, code);
  await done(page);
});

test('niquests: picked, base_url joins as a string, explain cites merge_base_url at the tag, compare-all lists it, the export is Session code', async () => {
  const page = await open('/?example=niquests-base-url-leading-slash');
  assert.equal(await page.inputValue('.js-library'), 'niquests@3.21.2');
  const text = await wire(page);
  assert.match(text, /^GET \/v1\/users\?page=2 HTTP\/1\.1$/m, `the leading / stays under /v1: ${text}`);
  assert.match(text, /^User-Agent: niquests\/3\.21\.2$/m, text);
  await page.locator('.js-matrixRow[data-id^="niquests@"]').first().waitFor();
  assert.match(await page.locator('.js-matrixRow[data-id^="aiohttp@"] td[data-col="outcome"]').first().textContent(), /^sent/, 'compare-all has aiohttp beside it');
  await page.click('.js-part[data-field="url"]');
  const ex = page.locator('.js-explain');
  await ex.locator('.js-steps li').first().waitFor();
  const hrefs = await ex.locator('.js-steps a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.some((h) => /^https:\/\/github\.com\/jawah\/niquests\/blob\/v3\.\d+\.\d+\/src\/niquests\/utils\.py#L\d+$/.test(h)), `merge_base_url is cited: ${hrefs}`);
  await page.selectOption('.js-exportKind', 'code');
  const code = await page.inputValue('.js-exportText');
  assert.match(code, /^s = niquests\.Session\(base_url="http:\/\/api\.example\.test\/v1\/"\)$/m, code);
  assert.match(code, /^r = s\.get\("\/users", params=\{"page": 2\}\)$/m, code);
  await page.selectOption('.js-library', 'niquests@3.10.3');
  await page.selectOption('.js-exportKind', 'code');
  assert.match(await page.inputValue('.js-exportText'), /# left out: client\.base_url: niquests has base_url from 3\.11\.0/, 'before 3.11 the export says base_url is left out');
  await done(page);
});

test('the response headers come from netlify.toml (CSP, nosniff, wasm type, immutable)', async () => {
  const page = await strict.newPage();
  const res = await page.goto(srv.url + '/');
  const h = res.headers();
  assert.match(h['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(h['content-security-policy'], /frame-ancestors 'none'/);
  assert.equal(h['x-content-type-options'], 'nosniff');
  assert.ok(h['referrer-policy']);
  assert.equal(h['cache-control'], undefined, 'the page itself is not cached forever');
  const wasmURL = await page.evaluate(() => new URL(document.documentElement.dataset.wasm, location.href).href);
  const w = await page.request.get(wasmURL);
  assert.equal(w.headers()['content-type'], 'application/wasm');
  assert.match(w.headers()['cache-control'], /immutable/);
  await page.close();
});
