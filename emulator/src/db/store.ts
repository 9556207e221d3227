import { encodeDoc, decodeObject } from './ejson';
import { CloudBaseError, collectionNotExist, duplicateKey, invalidParam } from './errors';
import type { IndexDeclarations } from './index-file';
import { keyString, Rank, type KeyPart } from './index-keys';
import { CollectionIndexes } from './indexes';
import type { Persistence, StoredWrite } from './persistence';
import { idKey, type Doc } from './values';

/** A committed document, its `_id` key and its insertion sequence (natural order). */
export interface StoredDoc {
  readonly key: string;
  readonly doc: Doc;
  readonly seq: number;
}

/** A write to apply: the document's new state, or null to delete it. */
export interface Change {
  readonly collection: string;
  readonly key: string;
  readonly doc: Doc | null;
}

export class Collection {
  readonly docs = new Map<string, StoredDoc>();
  constructor(
    readonly name: string,
    readonly indexes: CollectionIndexes,
  ) {}
}

const showPart = (part: KeyPart | undefined): string =>
  !part || part[0] === Rank.Null ? 'null' : part[0] === Rank.Other ? String(part[1]) : JSON.stringify(part[1]);

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/**
 * The committed state: every collection's documents in memory (the working set) with their indexes,
 * written through to the persistence before anything in memory changes.
 */
export class Store {
  private readonly collections = new Map<string, Collection>();
  private seq = 0;
  /** Called before a committed change overwrites a document (transactions keep their snapshot this way). */
  onChange: ((collection: string, key: string, previous: StoredDoc | undefined) => void) | undefined;

  constructor(
    private readonly persistence: Persistence,
    private readonly declarations: IndexDeclarations,
  ) {
    for (const name of [...declarations.keys(), ...persistence.loadCollections()]) this.ensure(name);
    for (const row of persistence.loadDocuments()) {
      const doc = decodeObject(row.body, 0, 'stored document') as Doc;
      const collection = this.ensure(row.collection);
      const key = idKey(doc['_id']);
      collection.docs.set(key, { key, doc, seq: row.seq });
      collection.indexes.add(key, doc);
      this.seq = Math.max(this.seq, row.seq);
    }
  }

  private ensure(name: string): Collection {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new Collection(name, new CollectionIndexes(this.declarations.get(name) ?? []));
      this.collections.set(name, collection);
      this.persistence.addCollection(name);
    }
    return collection;
  }

  has(name: string): boolean {
    return this.collections.has(name);
  }

  get(name: string): Collection {
    const collection = this.collections.get(name);
    if (!collection) throw collectionNotExist(name);
    return collection;
  }

  create(name: string): void {
    if (!COLLECTION_NAME.test(name)) throw invalidParam(`invalid collection name: ${name}`);
    if (this.collections.has(name)) {
      throw new CloudBaseError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`);
    }
    this.ensure(name);
  }

  /** Rejects a batch that would give two documents the same key in a unique index. */
  private checkUnique(changes: readonly Change[]): void {
    const changed = new Set(changes.map((c) => `${c.collection}\u0000${c.key}`));
    const claimed = new Map<string, string>();
    for (const change of changes) {
      if (!change.doc) continue;
      const collection = this.get(change.collection);
      for (const index of collection.indexes.sorted) {
        if (!index.spec.unique) continue;
        for (const parts of index.keysOf(change.doc)) {
          const claim = `${change.collection}\u0000${index.spec.name}\u0000${keyString(parts)}`;
          const owner = claimed.get(claim);
          const clash =
            (owner !== undefined && owner !== change.key) ||
            index.lookup(parts).some((id) => id !== change.key && !changed.has(`${change.collection}\u0000${id}`));
          if (clash) {
            const shown = index.fields.map((f, i) => `${f}: ${showPart(parts[i])}`).join(', ');
            throw duplicateKey(change.collection, index.spec.name, shown);
          }
          claimed.set(claim, change.key);
        }
      }
    }
  }

  /** Applies a batch atomically: validated, durably written, then made visible. */
  apply(changes: readonly Change[]): void {
    if (changes.length === 0) return;
    this.checkUnique(changes);
    let seq = this.seq;
    const writes: StoredWrite[] = changes.map((c) => ({
      collection: c.collection,
      key: c.key,
      seq: this.get(c.collection).docs.get(c.key)?.seq ?? ++seq,
      body: c.doc ? encodeDoc(c.doc) : null,
    }));
    this.persistence.write(writes);
    this.seq = seq;
    changes.forEach((change, i) => {
      const collection = this.get(change.collection);
      const previous = collection.docs.get(change.key);
      this.onChange?.(change.collection, change.key, previous);
      if (change.doc) {
        collection.docs.set(change.key, { key: change.key, doc: change.doc, seq: (writes[i] as StoredWrite).seq });
        if (previous) collection.indexes.replace(change.key, previous.doc, change.doc);
        else collection.indexes.add(change.key, change.doc);
      } else if (previous) {
        collection.docs.delete(change.key);
        collection.indexes.remove(change.key, previous.doc);
      }
    });
  }

  /** Deletes all data; declared collections stay (empty), the others go. */
  reset(): void {
    const declared = new Set(this.declarations.keys());
    this.persistence.clear(declared);
    for (const [name, collection] of this.collections) {
      if (!declared.has(name)) this.collections.delete(name);
      collection.docs.clear();
      collection.indexes.clear();
    }
  }

  close(): void {
    this.persistence.close();
  }
}
