import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticHosting, IMMUTABLE, REVALIDATE, safeRelativePath } from './static-hosting';

let top: string;
let server: Server;
let base: string;

beforeAll(async () => {
  // <top>/site is served; <top>/secret.txt is beside it and must never be.
  top = await mkdtemp(join(tmpdir(), 'static-hosting-'));
  const site = join(top, 'site');
  await mkdir(join(site, 'assets'), { recursive: true });
  await writeFile(join(site, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(join(site, 'assets', 'index-B2x9kQ_z.js'), 'console.log(1)');
  await writeFile(join(site, 'assets', 'style-Cq81_aZb.css'), 'body{}');
  await writeFile(join(site, 'favicon.svg'), '<svg/>');
  await writeFile(join(site, '火锅.txt'), 'hotpot');
  await writeFile(join(top, 'secret.txt'), 'secret');
  await symlink(join(top, 'secret.txt'), join(site, 'leak.txt'));
  const hosting = createStaticHosting([{ path: '/console/', dir: site }]);
  server = createServer((req, res) => {
    void hosting(req, res).then((handled) => {
      if (!handled) res.writeHead(418).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(top, { recursive: true, force: true });
});

/** A request with the path exactly as written (fetch would resolve `..` first). */
function raw(
  path: string,
  method = 'GET',
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/`, { path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static hosting', () => {
  it('serves index.html at the folder and for any page of the app, revalidated on every use', async () => {
    for (const path of ['/console/', '/console/login', '/console/system/audit-logs?x=1']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe(REVALIDATE);
      expect(await response.text()).toContain('<title>console</title>');
    }
  });

  it('redirects the folder without its slash', async () => {
    const response = await fetch(`${base}/console?a=1`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/console/?a=1');
  });

  it('serves files with their content type, hashed assets cached for a year', async () => {
    const js = await fetch(`${base}/console/assets/index-B2x9kQ_z.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    const css = await fetch(`${base}/console/assets/style-Cq81_aZb.css`);
    expect([css.headers.get('content-type'), css.headers.get('cache-control')]).toEqual([
      'text/css; charset=utf-8',
      IMMUTABLE,
    ]);
    const svg = await fetch(`${base}/console/favicon.svg`);
    expect([svg.headers.get('content-type'), svg.headers.get('cache-control')]).toEqual(['image/svg+xml', REVALIDATE]);
    expect(await (await fetch(`${base}/console/${encodeURIComponent('火锅.txt')}`)).text()).toBe('hotpot');
  });

  it('answers 304 to a matching ETag, and HEAD without a body', async () => {
    const first = await fetch(`${base}/console/favicon.svg`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"/);
    expect((await fetch(`${base}/console/favicon.svg`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const head = await fetch(`${base}/console/favicon.svg`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, '6', '']);
  });

  it('answers 404 for a missing file, never index.html in its place', async () => {
    expect((await fetch(`${base}/console/assets/gone-12345678.js`)).status).toBe(404);
    expect((await fetch(`${base}/console/missing.png`)).status).toBe(404);
  });

  it('never serves anything outside its folder', async () => {
    // The URL parser resolves `..` and `%2e%2e` first: `/secret.txt` is no path of the site's (418 here).
    for (const path of ['/console/../secret.txt', '/console/%2e%2e/secret.txt', '/console/assets/../../secret.txt']) {
      const response = await raw(path);
      expect([response.status, response.body], path).toEqual([418, '']);
    }
    for (const path of [
      '/console/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
      '/console/..%5csecret.txt',
      '/console/%00index.html',
      '/console/leak.txt',
      '/console/%E0%A4%A',
    ]) {
      const response = await raw(path);
      expect(response.body, path).not.toContain('secret');
      expect(response.status, path).toBe(404);
    }
  });

  it('answers GET and HEAD only, and leaves other paths alone', async () => {
    const post = await fetch(`${base}/console/`, { method: 'POST', body: 'x' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    expect((await fetch(`${base}/consoles`)).status).toBe(418);
  });

  it('decodes a path once and refuses dot segments', () => {
    expect(safeRelativePath('assets/a.js')).toBe('assets/a.js');
    expect(safeRelativePath('a//b/')).toBe('a/b');
    expect(safeRelativePath('%252e%252e/x')).toBe('%2e%2e/x');
    expect(safeRelativePath('a/%2e/b')).toBeUndefined();
    expect(safeRelativePath('%zz')).toBeUndefined();
  });
});
