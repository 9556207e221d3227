import { plan } from './planner';
import type { Collection, Store, StoredDoc } from './store';
import type { Doc } from './values';

/** A consistent picture of the database to evaluate a request against: committed state or a transaction's snapshot. */
export interface DocView {
  readonly store: Store;
  collection(name: string): Collection;
  get(collection: string, key: string): StoredDoc | undefined;
  /** A superset of the documents that can match `query`, in natural (insertion) order. */
  candidates(collection: string, query: Doc | undefined): StoredDoc[];
}

const bySeq = (a: StoredDoc, b: StoredDoc): number => a.seq - b.seq;

/** The committed state, as plain (non-transactional) requests see it. */
export function committedView(store: Store): DocView {
  return {
    store,
    collection: (name) => store.get(name),
    get: (collection, key) => store.get(collection).docs.get(key),
    candidates(name, query) {
      const collection = store.get(name);
      const ids = plan(collection, query);
      if (ids === null) return [...collection.docs.values()];
      const rows: StoredDoc[] = [];
      for (const id of new Set(ids)) {
        const row = collection.docs.get(id);
        if (row) rows.push(row);
      }
      return rows.sort(bySeq);
    },
  };
}

/**
 * A view where some documents differ from the committed state (a transaction's own writes and the
 * before-images of documents committed after its snapshot). `overlay` returns undefined for "not overridden"
 * and null for "absent in this view".
 */
export function overlayView(
  store: Store,
  overlay: (collection: string, key: string) => Doc | null | undefined,
  overriddenKeys: (collection: string) => Iterable<string>,
): DocView {
  const get = (collection: string, key: string): StoredDoc | undefined => {
    const own = overlay(collection, key);
    const row = store.get(collection).docs.get(key);
    if (own === undefined) return row;
    return own === null ? undefined : { key, doc: own, seq: row?.seq ?? Number.MAX_SAFE_INTEGER };
  };
  return {
    store,
    collection: (name) => store.get(name),
    get,
    candidates(name, query) {
      const collection = store.get(name);
      const ids = plan(collection, query) ?? collection.docs.keys();
      const rows: StoredDoc[] = [];
      for (const key of new Set([...ids, ...overriddenKeys(name)])) {
        const row = get(name, key);
        if (row) rows.push(row);
      }
      return rows.sort(bySeq);
    },
  };
}
