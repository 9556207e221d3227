import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudPathProblem, parseFileId } from './cloud-path';
import { DEFAULT_STORAGE_LIMITS, sniffImageType } from './limits';
import { memoryObjectStore } from './object-store';
import { UrlSigner } from './signing';
import { StorageService, UPLOAD_WINDOW_SECONDS } from './storage-service';

/** Time-bound behaviour on a clock the test moves: temporary URLs and upload authorizations expire. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

let clock = Date.UTC(2026, 10, 25, 4, 0);
let base = '';
let server: Server;
const service = new StorageService({
  store: memoryObjectStore(),
  signer: UrlSigner.forDataDir(null),
  envId: 'clock-env',
  baseUrl: () => base,
  limits: { ...DEFAULT_STORAGE_LIMITS, maxObjectBytes: 64 },
  now: () => clock,
});
const actions = service.actions();
const route = service.route();

beforeAll(async () => {
  server = createServer((req, res) => void route(req, res).then((handled) => handled || res.writeHead(418).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

type Metadata = { data: { url: string; authorization: string; fileId: string } };
const metadata = async (path: string) =>
  (await actions['storage.getUploadMetadata']?.({ action: 'x', path, method: 'put' }, { now: clock })) as Metadata;
const put = (meta: Metadata, body: Buffer) =>
  fetch(meta.data.url, { method: 'PUT', headers: { authorization: meta.data.authorization }, body });

describe('storage on a moving clock', () => {
  it('serves a temporary URL until its maxAge has passed', async () => {
    const meta = await metadata('a/b.png');
    expect((await put(meta, PNG)).status).toBe(200);
    const answer = (await actions['storage.batchGetDownloadUrl']?.(
      { file_list: [{ fileid: meta.data.fileId, max_age: 120 }] },
      { now: clock },
    )) as { data: { download_list: { tempFileURL: string }[] } };
    const url = answer.data.download_list[0]?.tempFileURL ?? '';
    clock += 120_000;
    expect((await fetch(url)).status).toBe(200);
    clock += 1_000;
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('<Message>Request has expired</Message>');
  });

  it('takes an upload within its window only', async () => {
    const meta = await metadata('a/late.png');
    clock += (UPLOAD_WINDOW_SECONDS + 1) * 1000;
    const late = await put(meta, PNG);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('applies the configured size limit', async () => {
    const tooBig = await put(await metadata('a/big.png'), Buffer.concat([PNG, Buffer.alloc(64)]));
    expect(tooBig.status).toBe(400);
    expect(await tooBig.text()).toContain('<Code>EntityTooLarge</Code>');
  });
});

describe('cloud paths, fileIDs and image types', () => {
  it('takes CloudBase’s characters, Chinese included, and nothing that leaves the bucket', () => {
    for (const ok of ['a.png', 'products/p-1/cover_2.JPG', '用户/晒单/一.gif', 'a!b*c.webp']) {
      expect(cloudPathProblem(ok), ok).toBeUndefined();
    }
    for (const bad of ['', '/a.png', 'a/', 'a//b.png', '../a.png', 'a/./b.png', 'a b.png', 'a%2F.png', 'a\\b.png']) {
      expect(cloudPathProblem(bad), bad).toBeDefined();
    }
    expect(cloudPathProblem(`${'x'.repeat(851)}.png`)).toMatch(/850 bytes/);
    expect(parseFileId('cloud://env-1.env-1-1250000000/a/b.png')).toEqual({
      envId: 'env-1',
      bucket: 'env-1-1250000000',
      path: 'a/b.png',
    });
    expect(parseFileId('cloud://env-1.bucket/../x.png')).toBeUndefined();
    expect(parseFileId('https://example.com/a.png')).toBeUndefined();
  });

  it('knows the four image types by their first bytes', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('GIF87a...'))).toBe('image/gif');
    expect(sniffImageType(Buffer.concat([Buffer.from('RIFF1234WEBP')]))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
  });
});
