import { randomBytes } from 'node:crypto';
import type { WritePlan } from './engine';
import { transactionConflict, transactionNotExist } from './errors';
import type { Change, Store, StoredDoc } from './store';
import type { Doc } from './values';
import { overlayView, type DocView } from './view';

/** How long CloudBase keeps a transaction: "transaction must be commit or abort in 30 seconds". */
export const TRANSACTION_LIFETIME_MS = 30_000;

export interface TransactionOptions {
  /** A transaction still open after this long is aborted (default: CloudBase's 30 s). */
  readonly timeoutMs?: number | undefined;
  /** How long a plain write waits for a document locked by a transaction (default: the transaction lifetime). */
  readonly lockWaitMs?: number | undefined;
}

type Keyed<T> = Map<string, Map<string, T>>;

interface Transaction {
  readonly id: string;
  readonly writes: Keyed<Doc | null>;
  /** Committed versions as of the snapshot, for documents committed since (null: did not exist). */
  readonly before: Keyed<Doc | null>;
  readonly view: DocView;
  readonly timer: NodeJS.Timeout;
  /** Whether the snapshot is taken; as in MongoDB, that happens at the transaction's first read or write. */
  snapshot: boolean;
}

const lockKey = (collection: string, key: string): string => `${collection}\u0000${key}`;

function keyed<T>(map: Keyed<T>, collection: string): Map<string, T> {
  let inner = map.get(collection);
  if (!inner) map.set(collection, (inner = new Map()));
  return inner;
}

/**
 * Snapshot isolation with pessimistic write locks, as CloudBase documents it: reads see the snapshot taken
 * at the transaction's first read or write; a write locks its document; a write by another transaction to a
 * locked (or since-changed) document fails at once with DATABASE_TRANSACTION_CONFLICT and aborts that
 * transaction; plain writes wait for locks. A transaction that ended (committed, aborted, timed out) is gone:
 * any further use answers DATABASE_TRANSACTION_FAIL, as CloudBase does.
 */
export class Transactions {
  private readonly active = new Map<string, Transaction>();
  private readonly locks = new Map<string, string>();
  private waiters: (() => void)[] = [];
  private readonly timeoutMs: number;
  private readonly lockWaitMs: number;

  constructor(
    private readonly store: Store,
    options: TransactionOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? TRANSACTION_LIFETIME_MS;
    this.lockWaitMs = options.lockWaitMs ?? this.timeoutMs;
    store.onChange = (collection, key, previous) => this.keepBeforeImage(collection, key, previous);
  }

  private keepBeforeImage(collection: string, key: string, previous: StoredDoc | undefined): void {
    for (const tx of this.active.values()) {
      if (!tx.snapshot) continue;
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
    const timer = setTimeout(() => {
      const tx = this.active.get(id);
      if (tx) this.finish(tx);
    }, this.timeoutMs);
    timer.unref();
    this.active.set(id, { id, writes, before, view, timer, snapshot: false });
    return id;
  }

  /** An open transaction; an ended or unknown one is, as on CloudBase, one that does not exist. */
  private get(id: string): Transaction {
    const tx = this.active.get(id);
    if (!tx) throw transactionNotExist();
    return tx;
  }

  /** The transaction's view of the database; its first use takes the snapshot. */
  view(id: string): DocView {
    const tx = this.get(id);
    tx.snapshot = true;
    return tx.view;
  }

  /** Records a transactional write after taking its locks; a conflict aborts the transaction. */
  stage<T>(id: string, plan: WritePlan<T>): T {
    const tx = this.get(id);
    for (const { collection, key } of plan.touched) {
      const owner = this.locks.get(lockKey(collection, key));
      const changedSinceSnapshot = tx.before.get(collection)?.has(key) ?? false;
      if ((owner !== undefined && owner !== id) || changedSinceSnapshot) {
        this.finish(tx);
        throw transactionConflict();
      }
    }
    for (const { collection, key } of plan.touched) this.locks.set(lockKey(collection, key), id);
    for (const change of plan.changes) keyed(tx.writes, change.collection).set(change.key, change.doc);
    return plan.result;
  }

  /** Applies every write of the transaction atomically (one durable batch). */
  commit(id: string): void {
    const tx = this.get(id);
    const changes: Change[] = [];
    for (const [collection, docs] of tx.writes) {
      for (const [key, doc] of docs) changes.push({ collection, key, doc });
    }
    this.active.delete(id); // its own commit must not record before-images into it
    try {
      this.store.apply(changes);
    } finally {
      this.finish(tx);
    }
  }

  abort(id: string): void {
    this.finish(this.get(id));
  }

  private finish(tx: Transaction): void {
    clearTimeout(tx.timer);
    this.active.delete(tx.id);
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
    const deadline = Date.now() + this.lockWaitMs;
    for (;;) {
      const plan = compute();
      if (!plan.touched.some(({ collection, key }) => this.locks.has(lockKey(collection, key)))) {
        this.store.apply(plan.changes);
        return plan.result;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw transactionConflict();
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
    for (const tx of [...this.active.values()]) this.finish(tx);
  }
}
