import { randomBytes } from 'node:crypto';
import type { WritePlan } from './engine';
import { invalidParam, transactionConflict } from './errors';
import type { Change, Store, StoredDoc } from './store';
import type { Doc } from './values';
import { overlayView, type DocView } from './view';

export interface TransactionOptions {
  /** A transaction still open after this long is aborted (CloudBase-like 10 s by default). */
  readonly timeoutMs: number;
  /** How long a plain write waits for a document locked by a transaction. */
  readonly lockWaitMs: number;
}

type Keyed<T> = Map<string, Map<string, T>>;

interface Transaction {
  readonly id: string;
  readonly writes: Keyed<Doc | null>;
  /** Committed versions as of the snapshot, for documents committed since (null: did not exist). */
  readonly before: Keyed<Doc | null>;
  readonly view: DocView;
  readonly timer: NodeJS.Timeout;
}

const ENDED_KEPT = 10_000;
const lockKey = (collection: string, key: string): string => `${collection}\u0000${key}`;

function keyed<T>(map: Keyed<T>, collection: string): Map<string, T> {
  let inner = map.get(collection);
  if (!inner) map.set(collection, (inner = new Map()));
  return inner;
}

/**
 * Snapshot isolation with pessimistic write locks, as CloudBase documents it: reads see the snapshot taken
 * at start; a write locks its document; a write by another transaction to a locked (or since-changed) document
 * fails at once with DATABASE_TRANSACTION_CONFLICT and aborts that transaction; plain writes wait for locks.
 */
export class Transactions {
  private readonly active = new Map<string, Transaction>();
  private readonly ended = new Map<string, string>();
  private readonly locks = new Map<string, string>();
  private waiters: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly options: TransactionOptions,
  ) {
    store.onChange = (collection, key, previous) => this.keepBeforeImage(collection, key, previous);
  }

  private keepBeforeImage(collection: string, key: string, previous: StoredDoc | undefined): void {
    for (const tx of this.active.values()) {
      const before = keyed(tx.before, collection);
      if (!before.has(key)) before.set(key, previous?.doc ?? null);
    }
  }

  begin(): string {
    const id = randomBytes(16).toString('hex');
    const writes: Keyed<Doc | null> = new Map();
    const before: Keyed<Doc | null> = new Map();
    const view = overlayView(
      this.store,
      (collection, key) => {
        const own = writes.get(collection);
        if (own?.has(key)) return own.get(key);
        return before.get(collection)?.get(key);
      },
      (collection) => [...(writes.get(collection)?.keys() ?? []), ...(before.get(collection)?.keys() ?? [])],
    );
    const timer = setTimeout(() => this.end(id, 'aborted: transaction timed out'), this.options.timeoutMs);
    timer.unref();
    this.active.set(id, { id, writes, before, view, timer });
    return id;
  }

  private get(id: string): Transaction {
    const tx = this.active.get(id);
    if (tx) return tx;
    const outcome = this.ended.get(id);
    if (outcome) throw transactionConflict(`transaction ${id} is no longer active (${outcome})`);
    throw invalidParam(`unknown transaction ${id}`);
  }

  view(id: string): DocView {
    return this.get(id).view;
  }

  /** Records a transactional write after taking its locks; a conflict aborts the transaction. */
  stage<T>(id: string, plan: WritePlan<T>): T {
    const tx = this.get(id);
    for (const { collection, key } of plan.touched) {
      const owner = this.locks.get(lockKey(collection, key));
      const changedSinceSnapshot = tx.before.get(collection)?.has(key) ?? false;
      if ((owner !== undefined && owner !== id) || changedSinceSnapshot) {
        this.end(id, 'aborted: write conflict');
        throw transactionConflict(
          `document ${key} in ${collection} is ${changedSinceSnapshot ? 'changed since the transaction started' : 'locked by another transaction'}`,
        );
      }
    }
    for (const { collection, key } of plan.touched) this.locks.set(lockKey(collection, key), id);
    for (const change of plan.changes) keyed(tx.writes, change.collection).set(change.key, change.doc);
    return plan.result;
  }

  /** Applies every write of the transaction atomically (one durable batch). */
  commit(id: string): void {
    if (this.ended.get(id) === 'committed') return;
    const tx = this.get(id);
    const changes: Change[] = [];
    for (const [collection, docs] of tx.writes) {
      for (const [key, doc] of docs) changes.push({ collection, key, doc });
    }
    this.active.delete(id); // its own commit must not record before-images into it
    try {
      this.store.apply(changes);
    } catch (error) {
      this.finish(tx, 'aborted: commit failed');
      throw error;
    }
    this.finish(tx, 'committed');
  }

  abort(id: string): void {
    if (this.ended.has(id)) return;
    this.end(id, 'aborted: rolled back');
  }

  private end(id: string, outcome: string): void {
    const tx = this.get(id);
    this.finish(tx, outcome);
  }

  private finish(tx: Transaction, outcome: string): void {
    clearTimeout(tx.timer);
    this.active.delete(tx.id);
    this.ended.set(tx.id, outcome);
    if (this.ended.size > ENDED_KEPT) this.ended.delete(this.ended.keys().next().value as string);
    let released = false;
    for (const [key, owner] of this.locks) {
      if (owner === tx.id) {
        this.locks.delete(key);
        released = true;
      }
    }
    if (released) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Runs a plain write, waiting (bounded) while any document it touches is locked by a transaction. */
  async runPlain<T>(compute: () => WritePlan<T>): Promise<T> {
    const deadline = Date.now() + this.options.lockWaitMs;
    for (;;) {
      const plan = compute();
      if (!plan.touched.some(({ collection, key }) => this.locks.has(lockKey(collection, key)))) {
        this.store.apply(plan.changes);
        return plan.result;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw transactionConflict('timed out waiting for a document locked by a transaction');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Aborts every open transaction (used by reset and stop). */
  abortAll(): void {
    for (const tx of [...this.active.values()]) this.finish(tx, 'aborted: emulator reset');
  }
}
