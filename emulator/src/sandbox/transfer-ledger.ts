/**
 * Where the 商家转账 sandbox keeps its bills. Like the CloudPay ledger (pay-ledger.ts), with a data directory
 * every change is written through to `<data>/wechatpay-transfers.sqlite` (WAL, synchronous=FULL) before the
 * sandbox answers, and read back at start: after kill -9 a bill is still known by its `out_bill_no`, its
 * money is still out of the merchant's balance, and a notification nobody acknowledged goes out again.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** A bill as stored (JSON), keyed by its `out_bill_no`. */
export type StoredBill = Readonly<Record<string, unknown>> & { readonly outBillNo: string };

export interface TransferLedgerStore {
  /** Every bill, oldest first. */
  load(): StoredBill[];
  /** Inserts or replaces a bill; returns once it is on disk. */
  save(bill: StoredBill): void;
  clear(): void;
  close(): void;
}

/** `--memory`: nothing is kept. */
export const memoryTransferLedger: TransferLedgerStore = {
  load: () => [],
  save: () => undefined,
  clear: () => undefined,
  close: () => undefined,
};

export const TRANSFER_LEDGER_FILE = 'wechatpay-transfers.sqlite';

export function sqliteTransferLedger(dataDir: string): TransferLedgerStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, TRANSFER_LEDGER_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS bills (out_bill_no TEXT NOT NULL UNIQUE, body TEXT NOT NULL)');
  const upsert = db.prepare(
    'INSERT INTO bills (out_bill_no, body) VALUES (?, ?) ON CONFLICT (out_bill_no) DO UPDATE SET body = excluded.body',
  );
  return {
    load: () =>
      (db.prepare('SELECT body FROM bills ORDER BY rowid').all() as { body: string }[]).map(
        (row) => JSON.parse(row.body) as StoredBill,
      ),
    save: (bill) => void upsert.run(bill.outBillNo, JSON.stringify(bill)),
    clear: () => void db.prepare('DELETE FROM bills').run(),
    close: () => db.close(),
  };
}
