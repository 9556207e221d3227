/**
 * Where the CloudPay sandbox keeps its ledger: prepays, payments, refunds, and whether their notifications were
 * acknowledged. WeChat Pay never forgets a payment, so with a data directory the ledger is written through to
 * `<data>/cloudpay.sqlite` (WAL, synchronous=FULL, like the database) before the sandbox answers, and read back
 * at start: after kill -9 a payment is still known, a prepay comes back the same, a refund finds its trade.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** A trade as stored: the ledger entry with its refunds as a list. */
export type StoredTrade = Readonly<Record<string, unknown>> & { readonly outTradeNo: string };

export interface LedgerStore {
  /** Every trade, oldest first. */
  load(): StoredTrade[];
  /** Inserts or replaces a trade; returns once it is on disk. */
  save(trade: StoredTrade): void;
  clear(): void;
  close(): void;
}

/** `--memory`: nothing is kept. */
export const memoryLedger: LedgerStore = {
  load: () => [],
  save: () => undefined,
  clear: () => undefined,
  close: () => undefined,
};

export const LEDGER_FILE = 'cloudpay.sqlite';

export function sqliteLedger(dataDir: string): LedgerStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, LEDGER_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS trades (out_trade_no TEXT NOT NULL UNIQUE, body TEXT NOT NULL)');
  const upsert = db.prepare(
    'INSERT INTO trades (out_trade_no, body) VALUES (?, ?) ON CONFLICT (out_trade_no) DO UPDATE SET body = excluded.body',
  );
  return {
    load: () =>
      (db.prepare('SELECT body FROM trades ORDER BY rowid').all() as { body: string }[]).map(
        (row) => JSON.parse(row.body) as StoredTrade,
      ),
    save: (trade) => void upsert.run(trade.outTradeNo, JSON.stringify(trade)),
    clear: () => void db.prepare('DELETE FROM trades').run(),
    close: () => db.close(),
  };
}
