import type { CodeCacheEntries } from './worker-protocol';

/**
 * V8 code cache per module file, shared by a runner's instances: the first instance to load a file compiles it
 * and hands back the cache, and later instances (of any function: they all load wx-server-sdk) start from it.
 * V8 verifies an entry against the source it is given, so an entry for a file rebuilt since is only ignored.
 */
export class CodeCache {
  private readonly files = new Map<string, Uint8Array>();

  /** What a starting instance gets (a copy travels to its worker). */
  entries(): CodeCacheEntries {
    return this.files;
  }

  add(entries: CodeCacheEntries): void {
    for (const [file, data] of entries) this.files.set(file, data);
  }

  get size(): number {
    return this.files.size;
  }
}
