import type { RequestRecord } from '../../src/index';

/** The SDK's per-request credentials, blank against the emulator and irrelevant to a database call's meaning. */
const VOLATILE = new Set(['wxCloudApiToken', 'wxCloudbaseAccesstoken', 'tcb_sessionToken', 'crossAuthorizationToken']);

export interface Exchange {
  /** What the SDK sent, without its credentials. */
  readonly body: Record<string, unknown>;
  /** What the emulator answered (before the SDK read it). */
  readonly response: Record<string, unknown>;
}

/** Records every `/admin` exchange, for tests that pin what the SDK sends and what it is answered. */
export class WireRecorder {
  private records: RequestRecord[] = [];

  /** Pass as the emulator's `onRequest`. */
  readonly onRequest = (record: RequestRecord): void => {
    this.records.push(record);
  };

  clear(): void {
    this.records = [];
  }

  /** The latest exchange for an action; throws when there was none. */
  last(action: string): Exchange {
    const record = this.records.filter((r) => r.action === action).at(-1);
    if (!record) throw new Error(`no ${action} request was seen`);
    const body = Object.fromEntries(
      Object.entries(record.body as Record<string, unknown>).filter(([key]) => !VOLATILE.has(key)),
    );
    return { body, response: record.response };
  }
}
