/**
 * The 商家转账 sandbox over HTTP, driven by requests this file signs itself (node:crypto, the documented
 * formulas): what it refuses as WeChat Pay does, the bill's states on its clock, idempotency by out_bill_no,
 * the signed and encrypted notifications with their retries and repeats, the faults, and the kept ledger.
 */
import {
  constants,
  createDecipheriv,
  createSign,
  createVerify,
  generateKeyPairSync,
  type KeyObject,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sqliteTransferLedger } from './transfer-ledger';
import {
  CONFIRM_WINDOW_MS,
  SANDBOX_APPID,
  SANDBOX_MCHID,
  TRANSFER_BILLS_PATH,
  TRANSFER_SANDBOX_PATH,
  TransferSandbox,
  type TransferSandboxOptions,
} from './transfer-sandbox';
import { readKeysFile, sandboxKeys, type WechatpayKeys, writeKeysFile } from './wechatpay-wire';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 11, 2, 2, 0, 0); // 10:00 in Chongqing
let now = START;
let keys: WechatpayKeys;
let sandbox: TransferSandbox;
let server: Server;
let base = '';
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** The notification receiver: what reached it, and how it answers (default 204). */
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let receiverAnswer: (n: number) => number = () => 204;
let receiver: Server;
let notifyUrl = '';

const root = mkdtempSync(join(tmpdir(), 'transfer-ledger-'));

function sandboxWith(options: Partial<TransferSandboxOptions> = {}) {
  return new TransferSandbox({
    keys,
    now: () => now,
    settleMs: 5,
    hangMs: 1000,
    delivery: { retryDelaysMs: [5, 10], maxAttempts: 6 },
    ...options,
  });
}

beforeAll(async () => {
  keys = await sandboxKeys();
  sandbox = sandboxWith();
  server = createServer((req, res) => {
    void sandbox.route(req, res).then((served) => {
      if (!served) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${TRANSFER_SANDBOX_PATH}`;
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(receiverAnswer(received.length)).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/payout-callback`;
});
afterAll(async () => {
  sandbox.close();
  for (const s of [server, receiver]) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  rmSync(root, { recursive: true, force: true });
});
beforeEach(async () => {
  await sandbox.settle();
  now = START;
  sandbox.reset();
  sandbox.setFaults({});
  received.length = 0;
  receiverAnswer = () => 204;
});

const merchantSerial = () => sandbox.merchantSerial;

interface Signing {
  readonly key?: KeyObject;
  readonly mchid?: string;
  readonly serial?: string;
  readonly timestamp?: number;
  /** Signs this body but sends `body`. */
  readonly signedBody?: string;
  readonly authorization?: string | null;
}

/** A v3 call signed as the documentation says, answered with its status, body and headers. */
async function api(method: 'GET' | 'POST', path: string, payload?: unknown, signing: Signing = {}, timeoutMs = 5000) {
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const timestamp = String(signing.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const message = `${method}\n${path}\n${timestamp}\n${nonce}\n${signing.signedBody ?? body}\n`;
  const signature = createSign('RSA-SHA256')
    .update(message)
    .sign(signing.key ?? keys.merchant.privateKey, 'base64');
  const authorization =
    signing.authorization === undefined
      ? `WECHATPAY2-SHA256-RSA2048 mchid="${signing.mchid ?? SANDBOX_MCHID}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${signing.serial ?? merchantSerial()}"`
      : signing.authorization;
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'wechatpay-serial': sandbox.platformKeyId,
      ...(authorization === null ? {} : { authorization }),
    },
    ...(payload === undefined ? {} : { body }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown>, text, headers: res.headers };
}

const control = async (path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const bill = (outBillNo: string, overrides: Record<string, unknown> = {}) => ({
  appid: SANDBOX_APPID,
  out_bill_no: outBillNo,
  transfer_scene_id: '1005',
  openid: 'o-leader-1',
  transfer_amount: 1288,
  transfer_remark: '团长佣金提现',
  notify_url: notifyUrl,
  user_recv_perception: '劳务报酬',
  transfer_scene_report_infos: [
    { info_type: '岗位类型', info_content: '社区团长' },
    { info_type: '报酬说明', info_content: '11月拼团佣金' },
  ],
  ...overrides,
});
const create = (outBillNo: string, overrides: Record<string, unknown> = {}, signing: Signing = {}) =>
  api('POST', TRANSFER_BILLS_PATH, bill(outBillNo, overrides), signing);
const query = (outBillNo: string) => api('GET', `${TRANSFER_BILLS_PATH}/out-bill-no/${outBillNo}`);
const cancel = (outBillNo: string) => api('POST', `${TRANSFER_BILLS_PATH}/out-bill-no/${outBillNo}/cancel`);

/** Whether an answer or notification carries the platform's valid signature. */
function platformSigned(headers: { get(name: string): string | null }, body: string): boolean {
  const message = `${headers.get('wechatpay-timestamp')}\n${headers.get('wechatpay-nonce')}\n${body}\n`;
  return (
    headers.get('wechatpay-serial') === sandbox.platformKeyId &&
    createVerify('RSA-SHA256')
      .update(message)
      .verify(keys.platform.publicKey, headers.get('wechatpay-signature') ?? '', 'base64')
  );
}

/** A received notification: verified, then its resource decrypted with the API v3 key. */
function openNotification(n: { headers: IncomingHttpHeaders; body: string }) {
  const get = (name: string) => {
    const value = n.headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  expect(platformSigned({ get }, n.body)).toBe(true);
  const event = JSON.parse(n.body) as {
    id: string;
    event_type: string;
    resource: { ciphertext: string; nonce: string; associated_data: string; algorithm: string };
  };
  const bytes = Buffer.from(event.resource.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(keys.apiV3Key), Buffer.from(event.resource.nonce));
  decipher.setAuthTag(bytes.subarray(-16));
  decipher.setAAD(Buffer.from(event.resource.associated_data));
  const plain = Buffer.concat([decipher.update(bytes.subarray(0, -16)), decipher.final()]).toString('utf8');
  return { event, resource: JSON.parse(plain) as Record<string, unknown> };
}

describe('signatures', () => {
  it('refuses a request unsigned, signed by another key, mchid or serial, stale, or whose body changed', async () => {
    const refused = { code: 'SIGN_ERROR' };
    for (const signing of [
      { authorization: null },
      { authorization: 'Bearer abc' },
      { authorization: 'WECHATPAY2-SHA256-RSA2048 mchid="1900000100"' },
      { key: stranger.privateKey },
      { mchid: '1900000999' },
      { serial: '0123456789ABCDEF0123456789ABCDEF01234567' },
      { timestamp: Math.floor(Date.now() / 1000) - 301 },
      { signedBody: JSON.stringify(bill('T1', { transfer_amount: 1 })) },
    ] satisfies Signing[]) {
      const answer = await create('T1', {}, signing);
      expect(answer.status, JSON.stringify(signing)).toBe(401);
      expect(answer.body).toMatchObject(refused);
    }
    expect(sandbox.list()).toEqual([]);
    expect((await create('T1')).status).toBe(200);
  });

  it('signs every answer with the platform key, refusals too', async () => {
    const ok = await create('T2');
    expect(ok.status).toBe(200);
    expect(platformSigned(ok.headers, ok.text)).toBe(true);
    expect(ok.headers.get('request-id')).toMatch(/^[0-9A-F]{32}$/);
    const refused = await create('T2', {}, { key: stranger.privateKey });
    expect(platformSigned(refused.headers, refused.text)).toBe(true);
    // The signature covers the body: another body does not verify.
    expect(platformSigned(ok.headers, `${ok.text} `)).toBe(false);
  });
});

describe('what a new bill must be', () => {
  it('refuses what WeChat refuses, with its codes and messages, and records nothing', async () => {
    const cases: [Record<string, unknown>, number, string, string?][] = [
      [{ transfer_scene_report_infos: [] }, 400, 'PARAM_ERROR', '需传入转账场景报备信息,请检查'],
      [
        { transfer_scene_report_infos: [{ info_type: '岗位类型', info_content: '团长' }] },
        400,
        'PARAM_ERROR',
        '未传入完整且对应的转账场景报备信息,请根据接口文档检查',
      ],
      [{ user_recv_perception: '佣金报酬' }, 400, 'INVALID_REQUEST', '暂不支持展示当前传入的用户收款感知'],
      [{ transfer_scene_id: '1099' }, 400, 'INVALID_REQUEST'],
      [{ appid: 'wx1111111111111111' }, 400, 'PARAM_ERROR'],
      [{ openid: '' }, 400, 'PARAM_ERROR'],
      [{ transfer_amount: 12.5 }, 400, 'PARAM_ERROR'],
      [{ transfer_amount: 9 }, 400, 'INVALID_REQUEST'],
      [{ transfer_amount: 500_001 }, 400, 'INVALID_REQUEST'],
      [{ transfer_remark: '长'.repeat(33) }, 400, 'PARAM_ERROR'],
      [{ notify_url: `${notifyUrl}?a=1` }, 400, 'PARAM_ERROR'],
      [{ notify_url: 'ftp://example.com/x' }, 400, 'PARAM_ERROR'],
      [{ user_name: 'not-encrypted' }, 400, 'PARAM_ERROR'],
    ];
    for (const [overrides, status, code, message] of cases) {
      const answer = await create('T3', overrides);
      expect([answer.status, answer.body.code], JSON.stringify(overrides)).toEqual([status, code]);
      if (message) expect(answer.body.message).toBe(message);
    }
    expect((await create('bad-no')).body.code).toBe('PARAM_ERROR');
    expect((await create('A'.repeat(33))).body.code).toBe('PARAM_ERROR');
    expect(sandbox.list()).toEqual([]);
  });

  it('wants the user’s real name from ¥2,000, encrypted with the platform key', async () => {
    sandbox.configure({ maxAmountFen: 1_000_000 });
    expect((await create('T4', { transfer_amount: 200_000 })).body.code).toBe('PARAM_ERROR');
    const userName = publicEncrypt(
      { key: keys.platform.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      Buffer.from('张三'),
    ).toString('base64');
    const answer = await create('T4', { transfer_amount: 200_000, user_name: userName });
    expect(answer.status).toBe(200);
    expect(sandbox.bill('T4')?.userName).toBe('张三');
  });

  it('answers 403 NOT_ENOUGH when the balance is short, and takes the money when it is not', async () => {
    sandbox.configure({ balanceFen: 1000 });
    const short = await create('T5');
    expect(short).toMatchObject({ status: 403, body: { code: 'NOT_ENOUGH' } });
    expect(sandbox.list()).toEqual([]);
    sandbox.configure({ balanceFen: 5000 });
    expect((await create('T5')).status).toBe(200);
    expect(sandbox.currentSettings().balanceFen).toBe(5000 - 1288);
  });
});

describe('a bill’s life', () => {
  it('waits for its user with package_info; the same request again answers the same bill, another is refused', async () => {
    const first = await create('T10');
    expect(first.body).toMatchObject({ out_bill_no: 'T10', state: 'WAIT_USER_CONFIRM' });
    expect(first.body.package_info).toEqual(expect.any(String));
    expect(first.body.create_time).toBe('2026-12-02T10:00:00+08:00');
    const again = await create('T10');
    expect(again.body).toEqual(first.body);
    const other = await create('T10', { transfer_amount: 1289 });
    expect(other).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    expect(sandbox.list()).toHaveLength(1);
    expect(sandbox.currentSettings().balanceFen).toBe(100_000_000 - 1288);
    expect((await query('T10')).body).toMatchObject({
      mch_id: SANDBOX_MCHID,
      out_bill_no: 'T10',
      transfer_bill_no: first.body.transfer_bill_no,
      appid: SANDBOX_APPID,
      state: 'WAIT_USER_CONFIRM',
      transfer_amount: 1288,
      transfer_remark: '团长佣金提现',
      openid: 'o-leader-1',
      create_time: '2026-12-02T10:00:00+08:00',
    });
    expect(await query('T404')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('runs when its user confirms, ends SUCCESS and notifies once, signed and encrypted', async () => {
    const created = await create('T11');
    const pkg = created.body.package_info as string;
    expect((await control('/transfer/confirm', { package: pkg, openid: 'o-someone-else' })).status).toBe(409);
    const confirmed = await control('/transfer/confirm', { package: pkg, openid: 'o-leader-1' });
    expect(confirmed.body).toMatchObject({ state: 'TRANSFERING' });
    await sandbox.settle();
    expect((await query('T11')).body.state).toBe('SUCCESS');
    // Confirmed (TRANSFERING, then SUCCESS): too late to cancel.
    expect((await cancel('T11')).body.code).toBe('INVALID_REQUEST');
    expect(received).toHaveLength(1);
    const { event, resource } = openNotification(received[0] as (typeof received)[number]);
    expect(event).toMatchObject({
      event_type: 'MCHTRANSFER.BILL.FINISHED',
      resource_type: 'encrypt-resource',
      resource: { algorithm: 'AEAD_AES_256_GCM', original_type: 'mch_payment', associated_data: 'mch_payment' },
    });
    expect(resource).toMatchObject({
      out_bill_no: 'T11',
      transfer_bill_no: created.body.transfer_bill_no,
      state: 'SUCCESS',
      mch_id: SANDBOX_MCHID,
      transfer_amount: 1288,
      openid: 'o-leader-1',
    });
    expect(sandbox.bill('T11')?.notified).toBe(true);
    expect((await control('/transfer/confirm', { package: pkg })).status).toBe(409);
    expect(sandbox.currentSettings().balanceFen).toBe(100_000_000 - 1288);
  });

  it('fails for a user whose account cannot receive, and the money comes back', async () => {
    sandbox.configure({ userFailures: { 'o-leader-1': 'ACCOUNT_FROZEN' } });
    await create('T12');
    sandbox.confirm({ outBillNo: 'T12' });
    await sandbox.settle();
    expect((await query('T12')).body).toMatchObject({ state: 'FAIL', fail_reason: 'ACCOUNT_FROZEN' });
    expect(openNotification(received[0] as (typeof received)[number]).resource).toMatchObject({
      state: 'FAIL',
      fail_reason: 'ACCOUNT_FROZEN',
    });
    expect(sandbox.currentSettings().balanceFen).toBe(100_000_000);
  });

  it('cancels before its user confirms: CANCELING, then CANCELLED with a notification; a repeat answers the same', async () => {
    await create('T13');
    expect((await cancel('T13')).body).toMatchObject({ out_bill_no: 'T13', state: 'CANCELING' });
    await sandbox.settle();
    expect((await cancel('T13')).body).toMatchObject({ state: 'CANCELLED' });
    expect((await query('T13')).body.state).toBe('CANCELLED');
    expect(openNotification(received[0] as (typeof received)[number]).resource.state).toBe('CANCELLED');
    expect(received).toHaveLength(1);
    expect(() => sandbox.confirm({ outBillNo: 'T13' })).toThrow('CANCELLED');
    expect(await cancel('T404')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(sandbox.currentSettings().balanceFen).toBe(100_000_000);
  });

  it('fails OVERDUE_CLOSE when unconfirmed for 24 hours of its clock, and is not found after 30 days', async () => {
    await create('T14');
    now += CONFIRM_WINDOW_MS - 1000;
    expect((await query('T14')).body.state).toBe('WAIT_USER_CONFIRM');
    now += 1000;
    expect((await query('T14')).body).toMatchObject({
      state: 'FAIL',
      fail_reason: 'OVERDUE_CLOSE',
      update_time: '2026-12-03T10:00:00+08:00',
    });
    await sandbox.settle();
    expect(openNotification(received[0] as (typeof received)[number]).resource.state).toBe('FAIL');
    expect(sandbox.currentSettings().balanceFen).toBe(100_000_000);
    now += 30 * 24 * HOUR;
    expect((await query('T14')).status).toBe(404);
  });

  it('confirms by itself for simulations, and can stay ACCEPTED a while first', async () => {
    sandbox.configure({ autoConfirm: true, acceptMs: 20 });
    const created = await create('T15');
    expect(created.body.state).toBe('ACCEPTED');
    expect(created.body.package_info).toBeUndefined();
    await sandbox.settle();
    expect((await query('T15')).body.state).toBe('SUCCESS');
    expect(received).toHaveLength(1);
  });

  it('sends nothing for a bill without notify_url', async () => {
    await create('T16', { notify_url: undefined });
    sandbox.confirm({ outBillNo: 'T16' });
    await sandbox.settle();
    expect(sandbox.bill('T16')).toMatchObject({ state: 'SUCCESS', notifications: 0 });
    expect(received).toEqual([]);
  });
});

describe('notifications', () => {
  it('are sent again until a 2xx answers, signed afresh each time, the same event', async () => {
    receiverAnswer = (n) => (n < 3 ? 500 : 200);
    await create('T20');
    sandbox.confirm({ outBillNo: 'T20' });
    await sandbox.settle();
    expect(received).toHaveLength(3);
    const opened = received.map(openNotification);
    expect(new Set(opened.map((o) => o.event.id)).size).toBe(1);
    expect(new Set(received.map((r) => r.headers['wechatpay-nonce'])).size).toBe(3);
    expect(
      sandbox
        .deliveries()
        .filter((d) => d.key === 'T20')
        .map((d) => d.outcome),
    ).toEqual(['rejected', 'rejected', 'acknowledged']);
    expect(sandbox.bill('T20')?.notified).toBe(true);
  });

  it('repeat on purpose, and as the faults duplicate and crash them', async () => {
    await create('T21');
    sandbox.confirm({ outBillNo: 'T21' });
    await sandbox.settle();
    expect((await control('/transfer/bills/T21/notify', {})).status).toBe(200);
    await sandbox.settle();
    expect(received.map((r) => openNotification(r).resource.out_bill_no)).toEqual(['T21', 'T21']);
    expect((await control('/transfer/bills/T404/notify', {})).status).toBe(404);
    await create('T22');
    expect((await control('/transfer/bills/T22/notify', {})).status).toBe(409);

    received.length = 0;
    sandbox.setFaults({ duplicateCallbacks: 2, crashDeliveries: 1, crashMode: 'before' });
    sandbox.confirm({ outBillNo: 'T22' });
    await sandbox.settle();
    // Three copies; the first delivery of one of them never reached the receiver.
    expect(received).toHaveLength(3);
    expect(sandbox.deliveries().filter((d) => d.key === 'T22' && d.outcome === 'crashed')).toHaveLength(1);
  });
});

describe('faults', () => {
  it('fail a call before its effect, or after it with the answer lost; the same request then answers the bill', async () => {
    sandbox.setFaults({ failureRate: 1, failureMode: 'before' });
    expect(await create('T30')).toMatchObject({ status: 500, body: { code: 'SYSTEM_ERROR' } });
    expect(sandbox.list()).toEqual([]);
    sandbox.setFaults({ failureRate: 1, failureMode: 'after', failureAnswer: 'FREQUENCY_LIMITED' });
    expect(await create('T30')).toMatchObject({ status: 429, body: { code: 'FREQUENCY_LIMITED' } });
    expect(sandbox.list()).toHaveLength(1);
    sandbox.setFaults({});
    const again = await create('T30');
    expect(again.body.transfer_bill_no).toBe(sandbox.bill('T30')?.transferBillNo);
    expect(sandbox.currentSettings().balanceFen).toBe(100_000_000 - 1288);
  });

  it('fail only the APIs named; hang without an answer; delay every answer', async () => {
    await create('T31');
    sandbox.setFaults({ failureRate: 1, failureApis: ['cancel'], failureMode: 'after', failureAnswer: 'timeout' });
    expect((await query('T31')).status).toBe(200);
    await expect(
      api('POST', `${TRANSFER_BILLS_PATH}/out-bill-no/T31/cancel`, undefined, {}, 200),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sandbox.bill('T31')?.state).toMatch(/^CANCEL/);
    sandbox.setFaults({ delayMs: 60 });
    const started = Date.now();
    expect((await query('T31')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('answer 429 past the rate limit', async () => {
    sandbox.configure({ rateLimitPerSecond: 3 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => query('T404')));
    expect(answers.map((a) => a.status).sort()).toEqual([404, 404, 404, 429, 429]);
  });
});

describe('a ledger kept in the data directory', () => {
  it('keeps the keys too: the same merchant serial and platform key id after a restart', () => {
    const file = join(root, 'keys.json');
    expect(readKeysFile(file)).toBeUndefined();
    writeKeysFile(file, keys);
    const kept = readKeysFile(file);
    if (!kept) throw new Error('the keys were not kept');
    const again = sandboxWith({ keys: kept });
    try {
      expect([again.merchantSerial, again.platformKeyId]).toEqual([sandbox.merchantSerial, sandbox.platformKeyId]);
      expect(again.functionEnv('http://x')).toEqual(sandbox.functionEnv('http://x'));
    } finally {
      again.close();
    }
  });

  it('after a restart knows its bills and their money, and sends the notifications nobody acknowledged', async () => {
    const dir = join(root, 'restart');
    receiverAnswer = () => 500;
    const before = sandboxWith({ store: sqliteTransferLedger(dir), delivery: { retryDelaysMs: [5], maxAttempts: 2 } });
    // The same keys and merchant: only the address changes.
    const kept = createServer((req, res) => void before.route(req, res));
    await new Promise<void>((resolve) => kept.listen(0, '127.0.0.1', resolve));
    const shared = base;
    base = `http://127.0.0.1:${(kept.address() as AddressInfo).port}${TRANSFER_SANDBOX_PATH}`;
    try {
      expect((await create('T40')).status).toBe(200);
      expect((await create('T41')).status).toBe(200);
    } finally {
      base = shared;
      kept.closeAllConnections();
      await new Promise((resolve) => kept.close(resolve));
    }
    before.confirm({ outBillNo: 'T40' });
    await before.settle();
    expect(before.bill('T40')?.state).toBe('SUCCESS');
    expect(before.bill('T40')?.notified).toBeUndefined();
    before.stop(); // killed: nothing flushed or closed on the way out

    received.length = 0;
    receiverAnswer = () => 204;
    const after = sandboxWith({ store: sqliteTransferLedger(dir) });
    try {
      expect(after.list().map((b) => [b.outBillNo, b.state])).toEqual([
        ['T40', 'SUCCESS'],
        ['T41', 'WAIT_USER_CONFIRM'],
      ]);
      expect(after.currentSettings().balanceFen).toBe(100_000_000 - 2 * 1288);
      after.resume();
      await after.settle();
      expect(received).toHaveLength(1);
      expect(after.bill('T40')?.notified).toBe(true);
    } finally {
      after.close();
      before.close();
    }
  });
});
