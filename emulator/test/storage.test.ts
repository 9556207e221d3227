import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index';
import { FIXTURE_INDEXES, type SdkHarness, sdkError, startWithSdk, connectSdk } from './helpers/sdk';
import { WireRecorder } from './helpers/wire';

/**
 * Cloud storage through the real wx-server-sdk 4.0.2: the `/admin` bodies it sends and what the emulator answers
 * (pinned, as in wire-contract.test.ts), the object upload and the temporary URLs over real HTTP, the limits, and
 * files kept on disk across a restart.
 */
const ENV = 'storage-env';
const BUCKET = `${ENV}-1250000000`;
const fileId = (path: string) => `cloud://${ENV}.${BUCKET}/${path}`;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png-body')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('jpeg-body')]);
const GIF = Buffer.from('GIF89a-gif-body');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 0, 0, 0]), Buffer.from('WEBPVP8 body')]);

const wire = new WireRecorder();
let h: SdkHarness;
beforeAll(async () => {
  h = await startWithSdk({ envId: ENV, onRequest: wire.onRequest });
});
afterAll(() => h.emulator.stop());
beforeEach(() => wire.clear());

const upload = (cloudPath: string, fileContent: Buffer) => h.cloud.uploadFile({ cloudPath, fileContent });
const tempUrls = (fileList: (string | { fileID: string; maxAge: number })[]) =>
  h.cloud.getTempFileURL({ fileList } as never) as Promise<{
    fileList: { fileID: string; tempFileURL: string; status: number; errMsg: string; maxAge?: number }[];
  }>;

const deleteFiles = (fileList: string[]) =>
  h.cloud.deleteFile({ fileList }) as Promise<{ fileList: { fileID: string; status: number; errMsg: string }[] }>;

/** A request with the path exactly as written. */
function raw(
  path: string,
  method = 'GET',
  headers: Record<string, string> = {},
  body?: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.emulator.url}/`, { path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('cloud storage through wx-server-sdk 4.0.2', () => {
  it('uploadFile: storage.getUploadMetadata, then a PUT of the bytes to the URL it gave', async () => {
    const result = await upload('products/p-1/cover.png', PNG);
    // statusCode -1: node-sdk 3.17.2 never calls the hook wx-server-sdk reads it from, in production too.
    expect(result).toEqual({ fileID: fileId('products/p-1/cover.png'), statusCode: -1, errMsg: 'uploadFile:ok' });
    const { body, response } = wire.last('storage.getUploadMetadata');
    expect(body).toEqual({
      action: 'storage.getUploadMetadata',
      path: 'products/p-1/cover.png',
      method: 'put',
      envName: ENV,
    });
    const data = response.data as Record<string, string>;
    expect(Object.keys(data).sort()).toEqual(['authorization', 'cosFileId', 'fileId', 'token', 'url']);
    expect(data.url).toBe(`${h.emulator.url}/_storage/${BUCKET}/products/p-1/cover.png`);
    expect(data.fileId).toBe(fileId('products/p-1/cover.png'));
  });

  it('getTempFileURL: storage.batchGetDownloadUrl, a URL per file that serves it, per-file failures', async () => {
    await upload('products/p-1/cover.png', PNG);
    const other = `cloud://another-env.another-env-1250000000/products/p-1/cover.png`;
    const result = await tempUrls([
      fileId('products/p-1/cover.png'),
      { fileID: fileId('products/p-1/cover.png'), maxAge: 60 },
      fileId('products/missing.png'),
      other,
    ]);
    expect(wire.last('storage.batchGetDownloadUrl').body).toEqual({
      action: 'storage.batchGetDownloadUrl',
      file_list: [
        { fileid: fileId('products/p-1/cover.png') },
        { fileid: fileId('products/p-1/cover.png'), max_age: 60 },
        { fileid: fileId('products/missing.png') },
        { fileid: other },
      ],
      envName: ENV,
    });
    const [standard, short, missing, foreign] = result.fileList;
    expect(standard).toMatchObject({
      fileID: fileId('products/p-1/cover.png'),
      status: 0,
      errMsg: 'ok',
      maxAge: 86400,
    });
    expect(short).toMatchObject({ status: 0, maxAge: 60 });
    expect(short?.tempFileURL).toMatch(
      new RegExp(`^${h.emulator.url}/_storage/${BUCKET}/products/p-1/cover\\.png\\?sign=[0-9a-f]{40}&t=\\d+$`),
    );
    expect(missing).toEqual({
      fileID: fileId('products/missing.png'),
      status: -503003,
      errMsg: 'storage file not exists',
      tempFileURL: '',
    });
    expect(foreign).toMatchObject({ status: -501007, tempFileURL: '' });
    expect(wire.last('storage.batchGetDownloadUrl').response.data).toEqual({
      download_list: [
        expect.objectContaining({ code: 'SUCCESS', maxAge: 86400 }),
        expect.objectContaining({ code: 'SUCCESS', maxAge: 60 }),
        { fileID: fileId('products/missing.png'), tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' },
        { fileID: other, tempFileURL: '', code: 'INVALID_PARAM' },
      ],
    });

    const served = await fetch(standard?.tempFileURL ?? '');
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
  });

  it('serves a temporary URL only as signed: a changed expiry, path or signature is refused', async () => {
    await upload('products/p-2/a.jpg', JPEG);
    await upload('products/p-2/b.jpg', JPEG);
    const [entry] = (await tempUrls([{ fileID: fileId('products/p-2/a.jpg'), maxAge: 60 }])).fileList;
    const url = new URL(entry?.tempFileURL ?? '');
    const t = Number(url.searchParams.get('t'));
    const later = new URL(url);
    later.searchParams.set('t', String(t + 3600));
    const elsewhere = new URL(url.href.replace('/a.jpg', '/b.jpg'));
    const unsigned = new URL(url);
    unsigned.search = '';
    for (const refused of [later, elsewhere, unsigned]) {
      const response = await fetch(refused);
      expect(response.status, refused.href).toBe(403);
      expect(await response.text()).toContain('<Code>AccessDenied</Code>');
    }
  });

  it('deleteFile: storage.batchDeleteFile, per-file results; a deleted file is gone from its URL too', async () => {
    await upload('products/p-3/a.webp', WEBP);
    const [entry] = (await tempUrls([fileId('products/p-3/a.webp')])).fileList;
    const first = await deleteFiles([fileId('products/p-3/a.webp')]);
    expect(wire.last('storage.batchDeleteFile').body).toEqual({
      action: 'storage.batchDeleteFile',
      fileid_list: [fileId('products/p-3/a.webp')],
      envName: ENV,
    });
    expect(wire.last('storage.batchDeleteFile').response.data).toEqual({
      delete_list: [{ fileID: fileId('products/p-3/a.webp'), code: 'SUCCESS' }],
    });
    expect(first).toEqual({
      fileList: [{ fileID: fileId('products/p-3/a.webp'), status: 0, errMsg: 'ok' }],
      errMsg: 'deleteFile:ok',
    });
    const again = await deleteFiles([fileId('products/p-3/a.webp'), 'not-a-file-id']);
    expect(again.fileList).toEqual([
      { fileID: fileId('products/p-3/a.webp'), status: -503003, errMsg: 'storage file not exists' },
      { fileID: 'not-a-file-id', status: -501007, errMsg: 'invalid parameters' },
    ]);
    expect((await fetch(entry?.tempFileURL ?? '')).status).toBe(404);
  });

  it('downloadFile: a temporary URL for 600 s, then its bytes', async () => {
    await upload('用户/晒单/一.gif', GIF);
    const downloaded = await h.cloud.downloadFile({ fileID: fileId('用户/晒单/一.gif') });
    expect(wire.last('storage.batchGetDownloadUrl').body).toMatchObject({
      file_list: [{ fileid: fileId('用户/晒单/一.gif'), max_age: 600 }],
    });
    expect(downloaded).toEqual({ fileContent: GIF, statusCode: 200, errMsg: 'downloadFile:ok' });
    const missing = await sdkError(h.cloud.downloadFile({ fileID: fileId('用户/none.gif') }));
    expect(missing.errMsg).toContain('downloadFile:fail');
  });

  it('overwrites a file uploaded again to the same path', async () => {
    await upload('products/p-4/a.png', PNG);
    const second = Buffer.concat([PNG, Buffer.from('-v2')]);
    await upload('products/p-4/a.png', second);
    expect((await h.cloud.downloadFile({ fileID: fileId('products/p-4/a.png') })).fileContent).toEqual(second);
  });

  it('takes images only, at most 10 MB (our limits), under a cloud path that stays in the bucket', async () => {
    const refusal = async (cloudPath: string, content: Buffer) => (await sdkError(upload(cloudPath, content))).errMsg;
    expect(await refusal('docs/readme.txt', Buffer.from('text'))).toMatch(/uploadFile:fail .*images only/);
    expect(await refusal('products/fake.png', JPEG)).toMatch(
      /uploadFile:fail \[InvalidRequest\]: .*not the image\/png/,
    );
    expect(await refusal('products/empty.png', Buffer.alloc(0))).toMatch(/\[InvalidRequest\]/);
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    expect(await refusal('products/big.png', big)).toMatch(/uploadFile:fail \[EntityTooLarge\]/);
    for (const cloudPath of ['../escape.png', 'a/../../escape.png', '/abs.png', 'a//b.png', 'a/./b.png', 'a?b.png']) {
      expect(await refusal(cloudPath, PNG), cloudPath).toMatch(/uploadFile:fail cloudPath/);
    }
    const names = await tempUrls([fileId('products/fake.png'), fileId('products/big.png')]);
    expect(names.fileList.map((f) => f.status)).toEqual([-503003, -503003]);
  });

  it('refuses more than 50 files in one call, as CloudBase does', async () => {
    const many = Array.from({ length: 51 }, (_, i) => fileId(`products/${i}.png`));
    expect((await sdkError(tempUrls(many))).errMsg).toMatch(/getTempFileURL:fail file_list may name at most 50/);
    expect((await sdkError(deleteFiles(many))).errMsg).toMatch(/deleteFile:fail/);
  });

  it('takes an upload only with the authorization getUploadMetadata signed, for that path, and serves nothing outside the bucket', async () => {
    const put = (path: string, authorization?: string) =>
      raw(path, 'PUT', { 'content-type': 'image/png', ...(authorization ? { authorization } : {}) }, PNG);
    const unsigned = await put(`/_storage/${BUCKET}/products/forged.png`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.text).toContain('<Code>SignatureDoesNotMatch</Code>');

    await upload('products/p-5/a.png', PNG);
    const { authorization } = wire.last('storage.getUploadMetadata').response.data as { authorization: string };
    expect((await put(`/_storage/${BUCKET}/products/p-5/other.png`, authorization)).status).toBe(403);
    expect((await put(`/_storage/${BUCKET}/products/p-5/a.png`, authorization)).status).toBe(200);

    for (const path of [
      `/_storage/${BUCKET}/..%2F..%2Fstorage-signing.key`,
      `/_storage/${BUCKET}/products%2F..%2F..%2Fx.png`,
      `/_storage/other-bucket/products/p-5/a.png`,
      `/_storage/${BUCKET}/`,
    ]) {
      const response = await raw(path);
      expect(response.status, path).toBe(404);
      expect(response.text).toContain('<Code>NoSuchKey</Code>');
    }
  });
});

describe('cloud storage on disk', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'emulator-storage-'));
  afterAll(() => {
    connectSdk(h.emulator.env);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps files under <data>/storage/<bucket>/, across a restart, until reset()', async () => {
    const first = await startEmulator({ port: 0, dataDir, envId: ENV, indexesFile: FIXTURE_INDEXES });
    connectSdk(first.env);
    let url: string;
    try {
      await h.cloud.uploadFile({ cloudPath: 'products/kept.png', fileContent: PNG });
      expect(readFileSync(join(dataDir, 'storage', BUCKET, 'products', 'kept.png'))).toEqual(PNG);
      url = (await tempUrls([fileId('products/kept.png')])).fileList[0]?.tempFileURL ?? '';
    } finally {
      await first.stop();
    }

    const second = await startEmulator({ port: 0, dataDir, envId: ENV, indexesFile: FIXTURE_INDEXES });
    connectSdk(second.env);
    try {
      expect((await h.cloud.downloadFile({ fileID: fileId('products/kept.png') })).fileContent).toEqual(PNG);
      // A URL handed out before the restart still works until it expires (on the new port).
      const before = new URL(url);
      const moved = `${second.url}${before.pathname}${before.search}`;
      expect((await fetch(moved)).status).toBe(200);
      second.reset();
      expect(existsSync(join(dataDir, 'storage', BUCKET, 'products', 'kept.png'))).toBe(false);
      expect((await tempUrls([fileId('products/kept.png')])).fileList[0]?.status).toBe(-503003);
    } finally {
      await second.stop();
    }
  });
});
