/**
 * The simulator's only way into the emulator: its HTTP surface, as any outside tool sees it. Shoppers
 * call functions through the gateway (`/fn/<name>`) and pay in "WeChat" (`/_emulator/pay/<id>/pay`);
 * staff use the console's HTTP API (`POST /admin-api/<action>` with their session token); the simulator
 * sets faults, runs jobs (`/_emulator/timers/<fn>/run`), reads the CloudPay ledger and what WeChat holds of
 * the shipments (`/_emulator/shipping`), and reads, seeds or moves the database through `/admin`, like
 * `testing/platform.ts` does in-process.
 */
import { EJSON } from 'bson';
import { ADMIN_API_PREFIX, bearer } from '../../shared/src/contracts/admin/http';
import type { FaultsInput } from '../../emulator/src/sandbox/faults';
import type { orderView } from '../../emulator/src/sandbox/sandbox-routes';
import type { ShippingUpload } from '../../emulator/src/sandbox/shipping-info';
import type {
  TransferBill,
  TransferFaultsInput,
  TransferSettings,
  TransferSettingsInput,
} from '../../emulator/src/sandbox/transfer-sandbox';

export type Doc = Record<string, unknown>;

export interface Reply<T = unknown> {
  /** HTTP status, or 0 when the request never got an answer (connection refused, timed out). */
  readonly status: number;
  readonly body: T;
  /** Wall time of the round trip. */
  readonly ms: number;
}

/** One prepay in the CloudPay ledger, as `GET /_emulator/pay/orders` lists it. */
export type LedgerEntry = ReturnType<typeof orderView>;

export interface TimerRun {
  readonly durationMs: number;
  readonly coldStart: boolean;
  readonly result: unknown;
}

export interface Health {
  readonly functions: readonly string[];
}

/** Per-action engine timings from `GET /_emulator/stats`. */
export type ActionStats = Record<string, { readonly count: number }>;

const PAGE = 1000;
const TRANSFER = '/_emulator/wechatpay';

export class EmulatorClient {
  /** `/admin` requests made by this client itself, so they can be told apart from the functions' own. */
  adminRequests = 0;

  constructor(
    readonly url: string,
    private readonly timeoutMs = 60_000,
  ) {}

  /** `wx.cloud.callFunction(name, data)` as the shopper `openid`. */
  callFunction<T = unknown>(name: string, openid: string, data: Doc): Promise<Reply<T>> {
    return this.send<T>('POST', `/fn/${encodeURIComponent(name)}`, data, { 'x-wx-openid': openid });
  }

  /** A console action (`POST /admin-api/<action>`) as the signed-in member of staff whose token this is. */
  adminApi<T = unknown>(action: string, body: Doc, token?: string): Promise<Reply<T>> {
    const headers: Record<string, string> = token ? { authorization: bearer(token) } : {};
    return this.send<T>('POST', `${ADMIN_API_PREFIX}/${encodeURIComponent(action)}`, body, headers);
  }

  /** The shopper pays the prepay inside WeChat: 200 paid, 409 closed or already paid, 404 unknown. */
  pay(outTradeNo: string): Promise<Reply> {
    return this.send('POST', `/_emulator/pay/${encodeURIComponent(outTradeNo)}/pay`, {});
  }

  async setFaults(faults: FaultsInput): Promise<void> {
    await this.expectOk(this.send('POST', '/_emulator/faults', faults), 'set faults');
  }

  /** Runs a job now with a timer event, as ops do from the console; 404 when there is no such timer. */
  runTimer(name: string): Promise<Reply<TimerRun>> {
    return this.send<TimerRun>('POST', `/_emulator/timers/${encodeURIComponent(name)}/run`);
  }

  async health(): Promise<Health> {
    return (await this.expectOk(this.send<Health>('GET', '/_emulator/health'), 'health')).body;
  }

  async stats(): Promise<ActionStats> {
    return (await this.expectOk(this.send<ActionStats>('GET', '/_emulator/stats'), 'stats')).body;
  }

  async ledger(): Promise<LedgerEntry[]> {
    return (await this.expectOk(this.send<LedgerEntry[]>('GET', '/_emulator/pay/orders'), 'ledger')).body;
  }

  /** The shipping information WeChat holds (发货信息管理), every upload kept, oldest first. */
  async shippingUploads(): Promise<ShippingUpload[]> {
    const reply = await this.expectOk(
      this.send<{ uploads: ShippingUpload[] }>('GET', '/_emulator/shipping'),
      'shipping',
    );
    return reply.body.uploads;
  }

  /** WeChat Pay 商家转账's bills, as the sandbox keeps them (one per `out_bill_no`). */
  async transferBills(): Promise<TransferBill[]> {
    return (await this.expectOk(this.send<TransferBill[]>('GET', `${TRANSFER}/transfer/bills`), 'transfer bills')).body;
  }

  async setTransferFaults(faults: TransferFaultsInput): Promise<void> {
    await this.expectOk(this.send('POST', `${TRANSFER}/transfer/faults`, faults), 'set transfer faults');
  }

  /** Changes the 商家转账 sandbox's settings given (the merchant's balance, ...); answers them all. */
  async transferSettings(settings: TransferSettingsInput = {}): Promise<TransferSettings> {
    const reply = await this.send<TransferSettings>('POST', `${TRANSFER}/transfer/settings`, settings);
    return (await this.expectOk(Promise.resolve(reply), 'transfer settings')).body;
  }

  /**
   * The leader confirms a bill in WeChat (`wx.requestMerchantTransfer` with its package): 200, or 409 when it
   * waits no more; with `failReason`, the confirmed transfer fails (an account that cannot receive).
   */
  confirmTransfer(packageInfo: string, failReason?: string): Promise<Reply> {
    return this.send('POST', `${TRANSFER}/transfer/confirm`, {
      package: packageInfo,
      ...(failReason ? { failReason } : {}),
    });
  }

  /** WeChat sends a finished bill's notification again. */
  renotifyTransfer(outBillNo: string): Promise<Reply> {
    return this.send('POST', `${TRANSFER}/transfer/bills/${encodeURIComponent(outBillNo)}/notify`, {});
  }

  /** Every document matching a MongoDB-style query, EJSON-decoded, read page by page. */
  async find<T = Doc>(collection: string, query: Doc = {}): Promise<T[]> {
    const docs: T[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const data = await this.admin<{ list: string[] }>(`find ${collection}`, {
        action: 'database.getDocument',
        collectionName: collection,
        queryType: 'WHERE',
        query: EJSON.stringify(query, { relaxed: false }),
        offset,
        limit: PAGE,
      });
      docs.push(...data.list.map((d) => EJSON.parse(d, { relaxed: true }) as T));
      if (data.list.length < PAGE) return docs;
    }
  }

  async count(collection: string, query: Doc = {}): Promise<number> {
    const data = await this.admin<{ total: number }>(`count ${collection}`, {
      action: 'database.calculateDocument',
      collectionName: collection,
      query: EJSON.stringify(query, { relaxed: false }),
    });
    return data.total;
  }

  async insert(collection: string, docs: readonly Doc[]): Promise<void> {
    if (docs.length === 0) return;
    await this.admin(`insert into ${collection}`, {
      action: 'database.insertDocument',
      collectionName: collection,
      data: docs.map((doc) => EJSON.stringify(doc, { relaxed: false })),
    });
  }

  /**
   * Sets fields on every document matching `query` (`$set` semantics), as time passing would: the
   * simulator moves a deadline instead of waiting days for it. Answers how many documents changed.
   */
  async update(collection: string, query: Doc, fields: Doc): Promise<number> {
    const data = await this.admin<{ updated: number }>(`update ${collection}`, {
      action: 'database.modifyDocument',
      collectionName: collection,
      queryType: 'WHERE',
      query: EJSON.stringify(query, { relaxed: false }),
      data: EJSON.stringify({ $set: fields }, { relaxed: false }),
      multi: true,
      merge: true,
      upsert: false,
    });
    return data.updated;
  }

  private async admin<T>(what: string, body: Doc): Promise<T> {
    this.adminRequests++;
    const reply = await this.expectOk(
      this.send<{ data?: T; code?: string; message?: string }>('POST', '/admin', body),
      what,
    );
    const { data, code, message } = reply.body;
    if (code || !data) throw new Error(`${what}: ${code ?? 'no data'} ${message ?? ''}`);
    return data;
  }

  private async expectOk<T>(pending: Promise<Reply<T>>, what: string): Promise<Reply<T>> {
    const reply = await pending;
    if (reply.status !== 200) throw new Error(`${what}: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply;
  }

  private async send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const started = performance.now();
    try {
      const res = await fetch(`${this.url}${path}`, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.text();
      return { status: res.status, body: parseJson(text) as T, ms: performance.now() - started };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { status: 0, body: { transportError: message } as T, ms: performance.now() - started };
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
}

/** A function's answer: its envelope's data, or why it refused (a domain code) or gave none. */
export type Outcome<T> =
  { readonly ok: true; readonly data: T } | { readonly ok: false; readonly code: string; readonly domain: boolean };

/** The function's envelope, or why there is none. */
export function readEnvelope<T>(status: number, body: unknown): Outcome<T> {
  const envelope = body as { ok?: unknown; data?: unknown; error?: { code?: unknown }; code?: unknown };
  if (status === 200 && envelope?.ok === true) return { ok: true, data: envelope.data as T };
  if (status === 200 && envelope?.ok === false && typeof envelope.error?.code === 'string') {
    // INTERNAL is a function that failed, not a refusal.
    return { ok: false, code: envelope.error.code, domain: envelope.error.code !== 'INTERNAL' };
  }
  const code = typeof envelope?.code === 'string' ? envelope.code : status === 0 ? 'no answer' : 'no envelope';
  return { ok: false, code: `HTTP ${status} ${code}`, domain: false };
}

/**
 * A console action's envelope, or why there is none. The console's refusals come with a 4xx status (409
 * for most domain codes); a session refused (401, 403) or a function that failed (5xx) is no refusal.
 */
export function readAdminEnvelope<T>(status: number, body: unknown): Outcome<T> {
  const envelope = body as { ok?: unknown; data?: unknown; error?: { code?: unknown } };
  if (status === 200 && envelope?.ok === true) return { ok: true, data: envelope.data as T };
  const code = typeof envelope?.error?.code === 'string' ? envelope.error.code : undefined;
  if (code !== undefined && status >= 400 && status < 500 && status !== 401 && status !== 403) {
    return { ok: false, code, domain: true };
  }
  return readEnvelope<T>(status === 200 ? 500 : status, code ? { code } : body);
}
