/**
 * Where a stored file lives: its cloud path (`products/p-1/cover.jpg`) inside the environment's bucket, and its
 * fileID, `cloud://<envId>.<bucket>/<cloud path>`, the form wx-server-sdk's uploadFile answers and the other
 * storage calls take.
 *
 * A cloud path is what CloudBase documents for `cloudPath`: `/`-separated segments of 0-9 a-z A-Z ! - _ . * and
 * Chinese characters. On top of that the emulator refuses what could address anything but one file in the
 * bucket: an empty, `.` or `..` segment, a leading or trailing `/`, and more than COS's 850-byte key.
 */

export const MAX_CLOUD_PATH_BYTES = 850;

const SEGMENT = /^[0-9A-Za-z!\-_.*\p{Script=Han}]+$/u;

/** Why `path` is not a cloud path, or undefined when it is one. */
export function cloudPathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return 'cloudPath must be a non-empty string';
  if (Buffer.byteLength(path) > MAX_CLOUD_PATH_BYTES) return `cloudPath must be at most ${MAX_CLOUD_PATH_BYTES} bytes`;
  const segments = path.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return 'cloudPath must not start or end with /, nor hold an empty, . or .. segment';
  }
  if (!segments.every((segment) => SEGMENT.test(segment))) {
    return 'cloudPath may hold only 0-9 a-z A-Z / ! - _ . * and Chinese characters';
  }
  return undefined;
}

/** A cloud path in a URL's path: each segment percent-encoded. */
export const encodeCloudPath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

export interface FileRef {
  readonly envId: string;
  readonly bucket: string;
  readonly path: string;
}

export const fileIdOf = (ref: FileRef): string => `cloud://${ref.envId}.${ref.bucket}/${ref.path}`;

const FILE_ID = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/;

/** The parts of a fileID, or undefined when it is not one (or its path is not a cloud path). */
export function parseFileId(fileId: unknown): FileRef | undefined {
  if (typeof fileId !== 'string') return undefined;
  const match = FILE_ID.exec(fileId);
  if (!match) return undefined;
  const [, envId = '', bucket = '', path = ''] = match;
  return cloudPathProblem(path) === undefined ? { envId, bucket, path } : undefined;
}
