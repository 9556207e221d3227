/**
 * Cloud storage as wx-server-sdk 4.0.2 uses it (@cloudbase/node-sdk 3.17.2, `src/storage/index.ts`):
 *
 * - `cloud.uploadFile({ cloudPath, fileContent })`: `/admin` action `storage.getUploadMetadata`
 *   `{ path, method: 'put' }` → `data: { url, token, authorization, fileId, cosFileId }`; then the SDK PUTs the
 *   bytes to `url` (as it is) with headers `authorization`, `Signature`, `x-cos-security-token`,
 *   `x-cos-meta-fileid` and `key`. COS answers an empty body for success, or XML
 *   `<Error><Code/><Message/><RequestId/><TraceId/></Error>`, which the SDK turns into `[Code]: Message`.
 * - `cloud.getTempFileURL({ fileList })`: `storage.batchGetDownloadUrl` `{ file_list: [{ fileid, max_age? }] }`
 *   → `data: { download_list: [{ fileID, tempFileURL, code, maxAge }] }`; a per-file `code` other than
 *   `SUCCESS` is that file's failure (wx-server-sdk makes it `status`/`errMsg`), the call still succeeds.
 * - `cloud.deleteFile({ fileList })`: `storage.batchDeleteFile` `{ fileid_list }` → `data: { delete_list:
 *   [{ fileID, code }] }`, per file likewise.
 * - `cloud.downloadFile({ fileID })`: `storage.batchGetDownloadUrl` with `max_age: 600`, then a GET of
 *   `encodeURI(tempFileURL)`: so a temporary URL carries its path unencoded.
 *
 * The object URLs are the emulator's, `/_storage/<bucket>/<cloud path>`: PUT with an upload authorization
 * the emulator signed (valid `UPLOAD_WINDOW_SECONDS`), GET/HEAD with a temporary URL's `sign` and `t`. A
 * download URL is readable by anyone who has it until it expires (the deploy's storage rule: images readable by
 * anyone); only a function's SDK can have an upload authorized (the rule: written only by functions).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidParam } from '../db/errors';
import { isPlainObject, type Doc } from '../db/values';
import { BodyTooLargeError, discardRest, readBody } from '../gateway/read-body';
import type { ActionHandlers } from '../http/router';
import type { RouteHandler } from '../http/server';
import { cloudPathProblem, encodeCloudPath, fileIdOf, parseFileId } from './cloud-path';
import { contentTypeOfPath, sniffImageType, type StorageLimits, typeOfPath } from './limits';
import type { ObjectStore } from './object-store';
import { checkUploadAuthorization, uploadAuthorization, type UrlSigner } from './signing';

/** How many files one getTempFileURL or deleteFile call may name (CloudBase's limit). */
export const MAX_FILES_PER_CALL = 50;
/** How long a temporary URL lives when the caller names no `maxAge` (ours: CloudBase's default is undocumented). */
export const DEFAULT_MAX_AGE_SECONDS = 24 * 60 * 60;
/** How long an upload authorization is good for (ours). */
export const UPLOAD_WINDOW_SECONDS = 10 * 60;
/** Where the object URLs are. */
export const STORAGE_PATH = '/_storage';

export interface StorageServiceOptions {
  readonly store: ObjectStore;
  readonly signer: UrlSigner;
  readonly envId: string;
  /** The emulator's base URL, known once it listens. */
  readonly baseUrl: () => string;
  readonly limits: StorageLimits;
  readonly now?: () => number;
}

/** The environment's one bucket (the name's form is ours; CloudBase's are `<prefix>-<envId>-<appid>`). */
export const bucketOf = (envId: string): string => `${envId}-1250000000`;

type ItemCode = 'SUCCESS' | 'STORAGE_FILE_NONEXIST' | 'INVALID_PARAM';

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

export class StorageService {
  readonly bucket: string;
  private readonly now: () => number;

  constructor(private readonly options: StorageServiceOptions) {
    this.bucket = bucketOf(options.envId);
    this.now = options.now ?? Date.now;
  }

  /** The `/admin` actions. */
  actions(): ActionHandlers {
    return {
      'storage.getUploadMetadata': (body) => this.uploadMetadata(body),
      'storage.batchGetDownloadUrl': (body) => this.downloadUrls(body),
      'storage.batchDeleteFile': (body) => this.deleteFiles(body),
    };
  }

  /** `/_storage/<bucket>/<cloud path>`: PUT uploads, GET and HEAD download. */
  route(): RouteHandler {
    return async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== STORAGE_PATH && !url.pathname.startsWith(`${STORAGE_PATH}/`)) return false;
      const requestId = randomBytes(12).toString('hex');
      const [bucket = '', ...rest] = url.pathname.slice(STORAGE_PATH.length + 1).split('/');
      let path = '';
      try {
        path = decodeURIComponent(rest.join('/'));
      } catch {
        path = '';
      }
      const resource = `/${bucket}/${path}`;
      const fail = (status: number, code: string, message: string) => {
        sendCosError(res, status, code, message, resource, requestId);
        return true;
      };
      if (bucket !== this.bucket || cloudPathProblem(path) !== undefined) {
        req.resume();
        return fail(404, 'NoSuchKey', 'The specified key does not exist.');
      }
      if (req.method === 'PUT') return this.upload(req, res, path, fail);
      req.resume();
      if (req.method === 'GET' || req.method === 'HEAD') return this.download(req, res, url, path, fail);
      res.setHeader('allow', 'GET, HEAD, PUT');
      return fail(405, 'MethodNotAllowed', `${req.method ?? ''} is not allowed on an object`);
    };
  }

  /** Deletes every stored file. */
  reset(): void {
    this.options.store.clear();
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private objectUrl(path: string): string {
    return `${this.options.baseUrl()}${STORAGE_PATH}/${this.bucket}/${encodeCloudPath(path)}`;
  }

  private uploadMetadata(body: Doc): Doc {
    const path = body.path;
    const problem = cloudPathProblem(path);
    if (problem !== undefined || typeof path !== 'string') throw invalidParam(problem ?? 'cloudPath is missing');
    if (body.method !== 'put') throw invalidParam('only method "put" uploads are emulated (what the node SDK sends)');
    if (!typeOfPath(path, this.options.limits)) {
      throw invalidParam(`the emulator stores images only (.jpg .jpeg .png .webp .gif); ${path} is none`);
    }
    const token = randomBytes(16).toString('hex');
    const expires = this.nowSeconds() + UPLOAD_WINDOW_SECONDS;
    return {
      data: {
        url: this.objectUrl(path),
        token,
        authorization: uploadAuthorization(this.options.signer, this.bucket, path, expires, token),
        fileId: fileIdOf({ envId: this.options.envId, bucket: this.bucket, path }),
        cosFileId: randomBytes(16).toString('base64url'),
      },
    };
  }

  /** The file a fileID names in this environment's bucket, or why not. */
  private ownFile(fileId: unknown): { path: string } | { code: ItemCode } {
    const ref = parseFileId(fileId);
    if (!ref || ref.envId !== this.options.envId || ref.bucket !== this.bucket) return { code: 'INVALID_PARAM' };
    return { path: ref.path };
  }

  private checkedList(list: unknown, name: string): unknown[] {
    if (!Array.isArray(list) || list.length === 0) throw invalidParam(`${name} must be a non-empty array`);
    if (list.length > MAX_FILES_PER_CALL) {
      throw invalidParam(`${name} may name at most ${MAX_FILES_PER_CALL} files (${list.length} given)`);
    }
    return list;
  }

  private async downloadUrls(body: Doc): Promise<Doc> {
    const list = this.checkedList(body.file_list, 'file_list');
    const download_list = await Promise.all(
      list.map(async (item) => {
        const fileID = isPlainObject(item) && typeof item.fileid === 'string' ? item.fileid : '';
        const maxAge = isPlainObject(item) && item.max_age !== undefined ? item.max_age : DEFAULT_MAX_AGE_SECONDS;
        const failed = (code: ItemCode) => ({ fileID, tempFileURL: '', code });
        if (typeof maxAge !== 'number' || !Number.isSafeInteger(maxAge) || maxAge <= 0) return failed('INVALID_PARAM');
        const own = this.ownFile(fileID);
        if ('code' in own) return failed(own.code);
        if (!(await this.options.store.has(this.bucket, own.path))) return failed('STORAGE_FILE_NONEXIST');
        const t = this.nowSeconds() + maxAge;
        const sign = this.options.signer.sign('GET', this.bucket, own.path, t);
        // The path unencoded: downloadFile GETs encodeURI(tempFileURL), which would encode a `%` a second time.
        const tempFileURL = `${this.options.baseUrl()}${STORAGE_PATH}/${this.bucket}/${own.path}?sign=${sign}&t=${t}`;
        return { fileID, tempFileURL, code: 'SUCCESS', maxAge };
      }),
    );
    return { data: { download_list } };
  }

  private async deleteFiles(body: Doc): Promise<Doc> {
    const list = this.checkedList(body.fileid_list, 'fileid_list');
    const delete_list = await Promise.all(
      list.map(async (fileID) => {
        const own = this.ownFile(fileID);
        if ('code' in own) return { fileID, code: own.code };
        const deleted = await this.options.store.delete(this.bucket, own.path);
        return { fileID, code: deleted ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' };
      }),
    );
    return { data: { delete_list } };
  }

  private async upload(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    fail: (status: number, code: string, message: string) => boolean,
  ): Promise<boolean> {
    const authorization = req.headers.authorization;
    const verdict = checkUploadAuthorization(this.options.signer, authorization, this.bucket, path, this.nowSeconds());
    if (verdict !== 'ok') {
      req.resume();
      return verdict === 'expired'
        ? fail(403, 'AccessDenied', 'Request has expired')
        : fail(403, 'SignatureDoesNotMatch', 'The upload is not authorized: ask storage.getUploadMetadata first.');
    }
    const { limits } = this.options;
    let bytes: Buffer;
    try {
      bytes = await readBody(req, limits.maxObjectBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      discardRest(req);
      return fail(
        400,
        'EntityTooLarge',
        `Your proposed upload exceeds the emulator's limit of ${limits.maxObjectBytes} bytes.`,
      );
    }
    const declared = typeOfPath(path, limits);
    const actual = sniffImageType(bytes);
    if (!declared || actual !== declared) {
      return fail(
        400,
        'InvalidRequest',
        `The file is not the ${declared ?? 'image'} its name says (${actual ?? 'not an image'}); the emulator stores jpeg, png, webp and gif images only.`,
      );
    }
    try {
      await this.options.store.put(this.bucket, path, bytes);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST') {
        return fail(
          409,
          'InvalidRequest',
          `${path} collides with a stored file or folder (a limit of the emulator's disk layout)`,
        );
      }
      throw error;
    }
    res.writeHead(200, { etag: `"${createHash('md5').update(bytes).digest('hex')}"`, 'content-length': 0 });
    res.end();
    return true;
  }

  private async download(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    path: string,
    fail: (status: number, code: string, message: string) => boolean,
  ): Promise<boolean> {
    const t = Number(url.searchParams.get('t'));
    const sign = url.searchParams.get('sign') ?? '';
    if (!Number.isSafeInteger(t) || !this.options.signer.verify(sign, 'GET', this.bucket, path, t)) {
      return fail(403, 'AccessDenied', 'Access Denied: a temporary URL from getTempFileURL is needed.');
    }
    const remaining = t - this.nowSeconds();
    if (remaining < 0) return fail(403, 'AccessDenied', 'Request has expired');
    const bytes = await this.options.store.get(this.bucket, path);
    if (!bytes) return fail(404, 'NoSuchKey', 'The specified key does not exist.');
    res.writeHead(200, {
      'content-type': contentTypeOfPath(path),
      'content-length': bytes.length,
      'cache-control': `private, max-age=${remaining}`,
      'x-content-type-options': 'nosniff',
      etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
    return true;
  }
}

/** COS's error answer, which node-sdk parses (all four of Code, Message, RequestId and TraceId must be there). */
function sendCosError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  resource: string,
  requestId: string,
): void {
  const xml =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${escapeXml(code)}</Code>\n` +
    `<Message>${escapeXml(message)}</Message>\n<Resource>${escapeXml(resource)}</Resource>\n` +
    `<RequestId>${requestId}</RequestId>\n<TraceId>${requestId}</TraceId>\n</Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}
