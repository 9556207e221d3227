import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** One document write: the new canonical EJSON body, or null to delete. */
export interface StoredWrite {
  readonly collection: string;
  readonly key: string;
  readonly seq: number;
  readonly body: string | null;
}

export interface StoredDocument {
  readonly collection: string;
  readonly seq: number;
  readonly body: string;
}

/** Where committed state goes. Every call is one durable unit: it returns only once the data is on disk. */
export interface Persistence {
  loadCollections(): string[];
  loadDocuments(): Iterable<StoredDocument>;
  addCollection(name: string): void;
  write(writes: readonly StoredWrite[]): void;
  /** Deletes every document, and every collection not in `keep`. */
  clear(keep: ReadonlySet<string>): void;
  close(): void;
}

/** `--memory`: nothing is kept. */
export const memoryPersistence: Persistence = {
  loadCollections: () => [],
  loadDocuments: () => [],
  addCollection: () => undefined,
  write: () => undefined,
  clear: () => undefined,
  close: () => undefined,
};

/**
 * SQLite in WAL mode with synchronous=FULL: a write returns after its WAL frames are fsynced, so an
 * acknowledged write survives kill -9 and power loss, and a batch is one SQLite transaction (all or nothing).
 */
export function sqlitePersistence(dataDir: string): Persistence {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'database.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS documents (
      seq INTEGER PRIMARY KEY,
      collection TEXT NOT NULL,
      key TEXT NOT NULL,
      body TEXT NOT NULL,
      UNIQUE (collection, key)
    );
  `);
  const upsert = db.prepare(
    `INSERT INTO documents (seq, collection, key, body) VALUES (?, ?, ?, ?)
     ON CONFLICT (collection, key) DO UPDATE SET body = excluded.body`,
  );
  const remove = db.prepare('DELETE FROM documents WHERE collection = ? AND key = ?');
  const addCollection = db.prepare('INSERT OR IGNORE INTO collections (name) VALUES (?)');
  const writeAll = db.transaction((writes: readonly StoredWrite[]) => {
    for (const w of writes) {
      if (w.body === null) remove.run(w.collection, w.key);
      else upsert.run(w.seq, w.collection, w.key, w.body);
    }
  });
  const clearAll = db.transaction((keep: ReadonlySet<string>) => {
    db.prepare('DELETE FROM documents').run();
    const drop = db.prepare('DELETE FROM collections WHERE name = ?');
    for (const { name } of db.prepare('SELECT name FROM collections').all() as { name: string }[]) {
      if (!keep.has(name)) drop.run(name);
    }
  });
  return {
    loadCollections: () => (db.prepare('SELECT name FROM collections').all() as { name: string }[]).map((r) => r.name),
    loadDocuments: () =>
      db.prepare('SELECT collection, seq, body FROM documents ORDER BY seq').iterate() as Iterable<StoredDocument>,
    addCollection: (name) => void addCollection.run(name),
    write: (writes) => writeAll(writes),
    clear: (keep) => clearAll(keep),
    close: () => db.close(),
  };
}
