/**
 * Running work in a database transaction: what changes two documents together (an activity's dedicated
 * pool and its SKU's stock) so that no unit is ever lost or counted twice, whatever crashes or races.
 *
 * CloudBase transactions read a snapshot and lock each document they write; a write to a document that
 * changed after the snapshot (a shopper's stock hold, another console write) fails at once with a
 * conflict, and the transaction is gone. `inTransaction` then starts over with a fresh snapshot, so the
 * work always decides on what the database holds when it commits. `wx-server-sdk`'s own `runTransaction`
 * is not used: it retries only conflicts at commit, and turns an error thrown by the work into an opaque one
 * (a DomainError would lose its code).
 */
import { DomainError, isDomainError } from '../../kernel/errors';
import { db, type TransactionRef } from './db';

/** How many snapshots a transaction is tried on before it answers CONFLICT. */
export const TRANSACTION_ATTEMPTS = 20;

/** Whether an SDK error is a transaction conflict (`[ResourceUnavailable.TransactionConflict]`). */
export function isTransactionConflict(error: unknown): boolean {
  if (isDomainError(error)) return false;
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const text = [record.code, record.errMsg, record.message, error instanceof Error ? error.message : '']
    .filter((part) => typeof part === 'string')
    .join(' ');
  return /TransactionConflict|DATABASE_TRANSACTION_CONFLICT/.test(text);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in a transaction and commits it. A conflict starts over on a fresh snapshot (up to
 * TRANSACTION_ATTEMPTS times, then CONFLICT); anything else `work` throws rolls the transaction back and is
 * thrown as it is, so a refusal keeps its code and changes nothing.
 */
export async function inTransaction<T>(work: (tx: TransactionRef) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const tx = await db().startTransaction();
    try {
      const result = await work(tx);
      await tx.commit();
      return result;
    } catch (error) {
      // After a conflict the transaction is already gone: its rollback fails, harmlessly.
      await tx.rollback().catch(() => undefined);
      if (!isTransactionConflict(error)) throw error;
      if (attempt >= TRANSACTION_ATTEMPTS) throw new DomainError('CONFLICT', 'transaction kept conflicting');
      await pause(Math.random() * 10 * attempt);
    }
  }
}
