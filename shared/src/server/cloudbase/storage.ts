/**
 * Cloud storage (云存储) through `wx-server-sdk`. Only functions write it (the storage rule is
 * `{ read: true, write: false }`): the console uploads a product image to adminApi, which stores it here.
 * A shopper's after-sales photos are the one thing the mini-program uploads itself, under
 * `after-sales/<openid>/`; a request keeps only such files, once `missingFiles` found them stored.
 * Documents keep the file id (`cloud://<env>.<bucket>/<path>`); what a page shows is a temporary HTTPS
 * address for it, asked for in one batch per call (`tempUrls`).
 */
import { DomainError } from '../../kernel/errors';
import type { Logger } from '../runtime/logger';
import { wxCloud } from './db';

/** Stores the bytes at `cloudPath` (overwriting nothing: callers choose a fresh name) and answers its file id. */
export async function uploadFile(cloudPath: string, bytes: Uint8Array): Promise<string> {
  const { fileID } = await wxCloud().uploadFile({ cloudPath, fileContent: Buffer.from(bytes) });
  if (!fileID) throw new Error(`uploadFile ${cloudPath}: no file id`);
  return fileID;
}

/** Whether a value is a storage file id (the only kind of address `tempUrls` resolves). */
export const isFileId = (value: string): boolean => value.startsWith('cloud://');

/** How many file ids one getTempFileURL request takes (the platform's limit). */
export const TEMP_URL_BATCH = 50;

/** How long a temporary address lasts: a page is read long before it ends. */
export const TEMP_URL_MAX_AGE_S = 2 * 3600;

interface TempFileReply {
  readonly fileList?: readonly { fileID?: string; tempFileURL?: string; status?: number }[];
}

/**
 * A function from an image's stored value to the address a page shows: each `cloud://` file id among
 * `values` becomes its temporary HTTPS address, from one getTempFileURL request (per 50 distinct ids);
 * anything else ('' or an https address) stays as it is. When storage cannot answer, or has no address for
 * a file, the file id itself is shown: the mini-program's `<image>` displays `cloud://` ids on its own, so a
 * storage hiccup costs a slower image, never a failed page.
 */
export async function tempUrls(values: Iterable<string>, log?: Logger): Promise<(value: string) => string> {
  const ids = [...new Set([...values].filter(isFileId))];
  if (ids.length === 0) return (value) => value;
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += TEMP_URL_BATCH) batches.push(ids.slice(i, i + TEMP_URL_BATCH));
  const found = new Map<string, string>();
  await Promise.all(
    batches.map(async (batch) => {
      try {
        const reply = (await wxCloud().getTempFileURL({
          fileList: batch.map((fileID) => ({ fileID, maxAge: TEMP_URL_MAX_AGE_S })),
        })) as TempFileReply;
        for (const file of reply.fileList ?? []) {
          if (file.fileID && file.status === 0 && file.tempFileURL) found.set(file.fileID, file.tempFileURL);
        }
      } catch (error) {
        const reason = (error as { errMsg?: string; message?: string }).errMsg ?? (error as Error).message;
        log?.warn('getTempFileURL failed: showing file ids', { files: batch.length, reason: String(reason) });
      }
    }),
  );
  return (value) => found.get(value) ?? value;
}

/**
 * Which of these file ids storage holds no file for (one getTempFileURL request per 50): what a shopper
 * says they uploaded is checked before it is kept. Storage not answering is UNAVAILABLE (try again).
 */
export async function missingFiles(fileIds: readonly string[], log?: Logger): Promise<string[]> {
  const ids = [...new Set(fileIds)];
  const missing: string[] = [];
  for (let i = 0; i < ids.length; i += TEMP_URL_BATCH) {
    const batch = ids.slice(i, i + TEMP_URL_BATCH);
    let reply: TempFileReply;
    try {
      reply = (await wxCloud().getTempFileURL({
        fileList: batch.map((fileID) => ({ fileID, maxAge: 60 })),
      })) as TempFileReply;
    } catch (error) {
      const reason = (error as { errMsg?: string; message?: string }).errMsg ?? (error as Error).message;
      log?.warn('getTempFileURL failed: cannot check the files', { files: batch.length, reason: String(reason) });
      throw new DomainError('UNAVAILABLE', 'storage did not answer');
    }
    const found = new Set(
      (reply.fileList ?? []).filter((f) => f.status === 0 && f.tempFileURL).map((f) => f.fileID ?? ''),
    );
    missing.push(...batch.filter((id) => !found.has(id)));
  }
  return missing;
}
