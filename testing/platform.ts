/**
 * A test platform: an in-memory emulator running the repo's bundled cloud functions (build them first:
 * vitest's global setup does), with a client that calls them the way the mini-program does, plays the
 * shopper paying inside WeChat, and reads and writes the database behind the functions' backs.
 */
import { Agent, request } from 'node:http';
import { EJSON } from 'bson';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/src/index';

export interface CallResult<T = unknown> {
  readonly status: number;
  readonly body: T;
}

export interface Platform {
  readonly emulator: Emulator;
  /** `POST <path>` to the emulator with a JSON body; answers the status and the parsed JSON answer. */
  post<T = unknown>(path: string, body: unknown, headers?: Record<string, string>): Promise<CallResult<T>>;
  /** `wx.cloud.callFunction` as `openid` (or as nobody). */
  call<T = unknown>(name: string, openid: string | undefined, data?: unknown): Promise<CallResult<T>>;
  /** The shopper pays the prepay in WeChat; resolves when CloudPay accepted it (the callback follows). */
  pay(outTradeNo: string): Promise<CallResult>;
  /** Waits until every callback delivery, refund settlement and transfer started so far has finished. */
  settle(): Promise<void>;
  /** Documents matching a query (EJSON-decoded), read directly from the database. */
  find(collection: string, query?: Record<string, unknown>): Promise<Record<string, unknown>[]>;
  /** One document by id, or null. */
  get(collection: string, id: string): Promise<Record<string, unknown> | null>;
  insert(collection: string, docs: readonly Record<string, unknown>[]): Promise<void>;
  /** Applies a `$`-update to the documents matching a query, behind the functions' backs. */
  update(collection: string, query: Record<string, unknown>, update: Record<string, unknown>): Promise<number>;
  stop(): Promise<void>;
}

export async function startPlatform(options: EmulatorOptions = {}): Promise<Platform> {
  const emulator = await startEmulator({
    port: 0,
    memory: true,
    callbackDelivery: { retryDelaysMs: [20, 50, 100], maxAttempts: 8 },
    // A test runs each burst once: instances start only while calls wait for one, not for the next burst.
    scaleOut: 'on-demand',
    ...options,
  });

  // Node's http client on kept-alive connections: a request through it costs a third of the CPU of one through
  // fetch, and the tests send thousands. With a timeout set, the agent drops an idle connection a second before
  // the server's keep-alive hint (5 s) says the server will: never a request on a connection the server is closing.
  const agent = new Agent({ keepAlive: true, timeout: 60_000 });
  const post = <T>(path: string, body: unknown, headers: Record<string, string> = {}) => {
    const payload = Buffer.from(JSON.stringify(body));
    return new Promise<CallResult<T>>((resolve, reject) => {
      const sent = request(
        `${emulator.url}${path}`,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            try {
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) as T });
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        },
      );
      sent.on('error', reject);
      sent.end(payload);
    });
  };

  const find = async (collection: string, query: Record<string, unknown> = {}) => {
    const docs: Record<string, unknown>[] = [];
    for (let offset = 0; ; offset += 1000) {
      const { body } = await post('/admin', {
        action: 'database.getDocument',
        collectionName: collection,
        queryType: 'WHERE',
        query: EJSON.stringify(query, { relaxed: false }),
        offset,
        limit: 1000,
      });
      const { data, code, message } = body as { data?: { list: string[] }; code?: string; message?: string };
      if (code || !data) throw new Error(`find ${collection}: ${code ?? ''} ${message ?? ''}`);
      docs.push(...data.list.map((d) => EJSON.parse(d, { relaxed: true }) as Record<string, unknown>));
      if (data.list.length < 1000) return docs;
    }
  };

  return {
    emulator,
    post,
    call: <T>(name: string, openid: string | undefined, data: unknown = {}) =>
      post<T>(`/fn/${name}`, data, openid ? { 'x-wx-openid': openid } : {}),
    pay: (outTradeNo) => post(`/_emulator/pay/${encodeURIComponent(outTradeNo)}/pay`, {}),
    // A refund settles a moment after it is requested and then notifies: the sandbox waits for both. So do
    // transfers and cancels in the 商家转账 sandbox.
    settle: async () => {
      await Promise.all([emulator.pay.settle(), emulator.transfer.settle()]);
    },
    find,
    async get(collection, id) {
      return (await find(collection, { _id: id }))[0] ?? null;
    },
    async insert(collection, docs) {
      await emulator.insert(collection, docs);
    },
    async update(collection, query, update) {
      const { body } = await post('/admin', {
        action: 'database.modifyDocument',
        collectionName: collection,
        queryType: 'WHERE',
        query: EJSON.stringify(query, { relaxed: false }),
        data: EJSON.stringify(update, { relaxed: false }),
        multi: true,
        merge: true,
        upsert: false,
      });
      const { data, code, message } = body as { data?: { updated: number }; code?: string; message?: string };
      if (code || !data) throw new Error(`update ${collection}: ${code ?? ''} ${message ?? ''}`);
      return data.updated;
    },
    async stop() {
      agent.destroy();
      await emulator.stop();
    },
  };
}
