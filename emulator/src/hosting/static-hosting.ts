/**
 * Static website hosting (静态网站托管) on the emulator's port: a built single-page app served from a folder under
 * a path, as the deploy puts the console under `console/` of the environment's hosting.
 *
 * - `GET`/`HEAD` only (405 otherwise); `<path>` without its slash redirects to `<path>/`.
 * - A file answers with its content type, `x-content-type-options: nosniff`, and a weak ETag (304 on a match).
 *   Files under `assets/` whose names carry a content hash (Vite's `index-B2x9kQ.js`) are cached for a year
 *   (`immutable`); everything else, `index.html` first, is revalidated on every use (`no-cache`), so a new build
 *   shows at once.
 * - A path with no such file and no file extension is a page of the app's router: `index.html` answers it.
 *   A missing file with an extension (or under `assets/`) is a 404.
 * - Nothing outside the folder is ever read: a path is decoded once, any `.`/`..` segment, backslash or NUL is
 *   refused, and the resolved file, symbolic links followed, must still be inside the folder.
 * Files are read at each request, so rebuilding the folder needs no restart.
 */
import { createHash } from 'node:crypto';
import { type Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import type { RouteHandler } from '../http/server';

export interface StaticSite {
  /** Where it is served: absolute, with a trailing slash, e.g. `/console/`. */
  readonly path: string;
  /** The built files (an `index.html` at the top). */
  readonly dir: string;
}

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** Vite names a built asset `<name>-<hash>.<ext>`, the hash 8 characters of base64url. */
const HASHED_ASSET = /^assets\/(?:.+\/)?[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export function cacheControlFor(relative: string): string {
  return HASHED_ASSET.test(relative) ? IMMUTABLE : REVALIDATE;
}

/** The path inside the folder a request names, or undefined when it may not be served. */
export function safeRelativePath(encoded: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) return undefined;
  return segments.filter((segment) => segment !== '').join('/');
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const etagOf = (stats: Stats) =>
  `W/"${createHash('sha1').update(`${stats.size}:${stats.mtimeMs}`).digest('hex').slice(0, 16)}"`;

async function fileInside(root: string, relative: string): Promise<{ file: string; stats: Stats } | undefined> {
  const candidate = resolve(root, relative);
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  try {
    const file = await realpath(candidate);
    if (!file.startsWith(root + sep)) return undefined;
    const stats = await stat(file);
    return stats.isFile() ? { file, stats } : undefined;
  } catch {
    return undefined;
  }
}

export function createStaticHosting(sites: readonly StaticSite[]): RouteHandler {
  const mounts = sites.map((site) => {
    if (!/^\/(?:[^/]+\/)*$/.test(site.path)) throw new Error(`a static site's path must end in / (${site.path})`);
    return { ...site, bare: site.path.replace(/\/$/, ''), root: resolve(site.dir) };
  });

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const site = mounts.find((mount) => url.pathname === mount.bare || url.pathname.startsWith(mount.path));
    if (!site) return false;
    req.resume();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'static hosting answers GET and HEAD only', { allow: 'GET, HEAD' });
      return true;
    }
    if (url.pathname === site.bare) {
      res.writeHead(301, { location: `${site.path}${url.search}`, 'content-length': 0 });
      res.end();
      return true;
    }
    const relative = safeRelativePath(url.pathname.slice(site.path.length));
    if (relative === undefined) {
      send(res, 404, 'not found');
      return true;
    }
    // The real folder, so a symbolic link inside it that leads out is caught (realpath of the file, below).
    let root: string;
    try {
      root = await realpath(site.root);
    } catch {
      send(res, 404, `${site.path} is not built (no ${site.dir})`);
      return true;
    }
    let found = relative === '' ? undefined : await fileInside(root, relative);
    let servedPath = relative;
    if (!found) {
      const lastSegment = relative.split('/').at(-1) ?? '';
      const isPage = !relative.startsWith('assets/') && extname(lastSegment) === '';
      found = isPage ? await fileInside(root, 'index.html') : undefined;
      servedPath = 'index.html';
      if (!found) {
        send(res, 404, isPage ? `${site.path} is not built (no ${join(site.dir, 'index.html')})` : 'not found');
        return true;
      }
    }
    const etag = etagOf(found.stats);
    const headers = {
      'content-type': CONTENT_TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': cacheControlFor(servedPath),
      'x-content-type-options': 'nosniff',
      etag,
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    const body = await readFile(found.file);
    res.writeHead(200, { ...headers, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
