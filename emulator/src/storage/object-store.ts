/**
 * The stored files. With a data directory they are plain files under `<data>/storage/<bucket>/<cloud path>`,
 * each written to a temporary file, flushed to disk and renamed into place, so a reader (or a crash) sees the old
 * file or the new one, never half of one. `--memory` keeps them in a Map. Keys are cloud paths already checked
 * by `cloudPathProblem`; the disk store still resolves every key and refuses one that would land outside its
 * folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

export interface ObjectStore {
  put(bucket: string, path: string, bytes: Buffer): Promise<void>;
  /** The file's bytes, or undefined when there is none. */
  get(bucket: string, path: string): Promise<Buffer | undefined>;
  has(bucket: string, path: string): Promise<boolean>;
  /** Whether there was a file to delete. */
  delete(bucket: string, path: string): Promise<boolean>;
  /** Deletes every file. */
  clear(): void;
}

export function memoryObjectStore(): ObjectStore {
  const files = new Map<string, Buffer>();
  const key = (bucket: string, path: string) => `${bucket}/${path}`;
  return {
    put: async (bucket, path, bytes) => void files.set(key(bucket, path), Buffer.from(bytes)),
    get: async (bucket, path) => files.get(key(bucket, path)),
    has: async (bucket, path) => files.has(key(bucket, path)),
    delete: async (bucket, path) => files.delete(key(bucket, path)),
    clear: () => files.clear(),
  };
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export function diskObjectStore(dataDir: string): ObjectStore {
  const root = resolve(dataDir, 'storage');
  const temporary = join(root, '.incoming');
  mkdirSync(temporary, { recursive: true });

  const fileOf = (bucket: string, path: string): string => {
    const file = resolve(root, bucket, path);
    if (!file.startsWith(join(root, bucket) + sep) || bucket.startsWith('.')) {
      throw new Error(`storage key ${bucket}/${path} is outside ${root}`);
    }
    return file;
  };

  return {
    async put(bucket, path, bytes) {
      const file = fileOf(bucket, path);
      const staging = join(temporary, randomBytes(8).toString('hex'));
      const handle = await open(staging, 'w');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await mkdir(dirname(file), { recursive: true });
      await rename(staging, file);
    },
    async get(bucket, path) {
      try {
        return await readFile(fileOf(bucket, path));
      } catch (error) {
        if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
        throw error;
      }
    },
    async has(bucket, path) {
      try {
        return (await stat(fileOf(bucket, path))).isFile();
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
    async delete(bucket, path) {
      const file = fileOf(bucket, path);
      if (!(await this.has(bucket, path))) return false;
      await rm(file, { force: true });
      return true;
    },
    clear() {
      rmSync(root, { recursive: true, force: true });
      mkdirSync(temporary, { recursive: true });
    },
  };
}
