/**
 * The 商家转账 adapter against the emulator's sandbox (written apart from it): configured from the environment
 * the emulator gives the functions, it creates, queries and cancels bills signed as WeChat Pay wants, believes
 * only answers the platform signed, reads each failure as its kind, and verifies and decrypts the notifications
 * the sandbox sends, refusing forged, stale or tampered ones. Repeats and races under one bill number pay once.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { usePlatform } from '../testing/use-platform';
import {
  isCancellableTransferBillState,
  isFinalTransferBillState,
  type PayoutGateway,
  PayoutProviderError,
  type PayoutRequest,
  type SignedNotification,
} from './payouts';
import {
  encryptForPlatform,
  wechatpayAuthorization,
  wechatpayTransferClient,
  wechatpayTransferConfig,
  type WechatpayTransferConfig,
  WECHATPAY_DEFAULT_TIMEOUT_MS,
  WECHATPAY_DEFAULT_URL,
} from './wechatpay-transfer';

const platform = usePlatform();
const sandbox = () => platform.emulator.transfer;
const env = () => sandbox().functionEnv(platform.emulator.url);
let config: WechatpayTransferConfig;
let gateway: PayoutGateway;

/** The callback's stand-in: every notification as it arrived. */
const received: SignedNotification[] = [];
let receiver: Server;
let notifyUrl = '';

beforeAll(async () => {
  config = wechatpayTransferConfig(env());
  gateway = wechatpayTransferClient(config);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: flat(req.headers), body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/payout-callback`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  received.length = 0;
});

const flat = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));

let sequence = 0;
const request = (overrides: Partial<PayoutRequest> = {}): PayoutRequest => ({
  outBillNo: `W${Date.now()}${++sequence}`,
  openid: 'o-leader-7',
  amountFen: 2_350,
  remark: '团长佣金提现',
  sceneId: '1005',
  reportInfos: [
    { type: '岗位类型', content: '社区团长' },
    { type: '报酬说明', content: '拼团佣金' },
  ],
  userRecvPerception: '劳务报酬',
  notifyUrl,
  ...overrides,
});

const failureOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof PayoutProviderError)) throw error;
    return {
      failure: error.failure,
      code: error.providerCode,
      transient: error.transient,
      unknown: error.outcomeUnknown,
      person: error.needsPerson,
    };
  }
  return 'answered';
};

const confirmInWechat = async (packageInfo: string, openid: string) => {
  const res = await fetch(`${platform.emulator.url}/_emulator/wechatpay/transfer/confirm`, {
    method: 'POST',
    body: JSON.stringify({ package: packageInfo, openid }),
  });
  return res.status;
};

describe('the configuration', () => {
  it('is what the emulator gives the functions; without a key it is misconfigured', () => {
    expect(config).toMatchObject({
      url: `${platform.emulator.url}/_emulator/wechatpay`,
      mchid: sandbox().mchid,
      appid: sandbox().appid,
      merchantSerial: sandbox().merchantSerial,
      platformPublicKeyId: sandbox().platformKeyId,
      timeoutMs: WECHATPAY_DEFAULT_TIMEOUT_MS,
    });
    expect(WECHATPAY_DEFAULT_URL).toBe('https://api.mch.weixin.qq.com');
    const { WECHATPAY_APIV3_KEY: _, ...withoutKey } = env();
    expect(() => wechatpayTransferConfig(withoutKey)).toThrow('WECHATPAY_APIV3_KEY');
    expect(() => wechatpayTransferConfig({ ...env(), WECHATPAY_APIV3_KEY: 'short' })).toThrow(PayoutProviderError);
    expect(() => wechatpayTransferConfig({ ...env(), WECHATPAY_PUBLIC_KEY: 'not a key' })).toThrow('does not read');
    // A PEM kept on one line with \n escapes, as a cloud console may keep it.
    const oneLine = env().WECHATPAY_MERCHANT_PRIVATE_KEY?.replaceAll('\n', '\\n') ?? '';
    expect(wechatpayTransferConfig({ ...env(), WECHATPAY_MERCHANT_PRIVATE_KEY: oneLine }).mchid).toBe(sandbox().mchid);
  });

  it('signs as documented: the header’s fields, over method, path, time, nonce and body', () => {
    const header = wechatpayAuthorization({
      method: 'GET',
      url: '/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/W1',
      body: '',
      mchid: '1900000100',
      serial: 'ABC',
      privateKey: config.merchantPrivateKey,
      timestamp: '1764640800',
      nonce: 'n0',
    });
    expect(header).toMatch(
      /^WECHATPAY2-SHA256-RSA2048 mchid="1900000100",nonce_str="n0",signature="[A-Za-z0-9+/=]{344}",timestamp="1764640800",serial_no="ABC"$/,
    );
  });
});

describe('against the sandbox', () => {
  it('creates a bill waiting for its user; the same request again answers it; the user confirms; it succeeds', async () => {
    const asked = request();
    const bill = await gateway.create(asked);
    expect(bill).toMatchObject({ outBillNo: asked.outBillNo, state: 'WAIT_USER_CONFIRM' });
    expect(bill.packageInfo).toEqual(expect.any(String));
    expect(isCancellableTransferBillState(bill.state)).toBe(true);
    expect(await gateway.create(asked)).toEqual(bill);
    expect(await gateway.query(asked.outBillNo)).toMatchObject({
      outBillNo: asked.outBillNo,
      transferBillNo: bill.transferBillNo,
      state: 'WAIT_USER_CONFIRM',
      amountFen: 2_350,
      openid: 'o-leader-7',
      createdAt: expect.any(Number),
    });
    expect(await confirmInWechat(bill.packageInfo ?? '', 'o-leader-7')).toBe(200);
    await platform.settle();
    const done = await gateway.query(asked.outBillNo);
    expect(done?.state).toBe('SUCCESS');
    expect(isFinalTransferBillState(done?.state ?? 'ACCEPTED')).toBe(true);
    // The notification, verified and decrypted.
    expect(received).toHaveLength(1);
    const notice = gateway.readNotification(received[0] as SignedNotification);
    expect(notice).toMatchObject({
      eventType: 'MCHTRANSFER.BILL.FINISHED',
      bill: { outBillNo: asked.outBillNo, transferBillNo: bill.transferBillNo, state: 'SUCCESS', amountFen: 2_350 },
    });
  });

  it('sends the user’s name encrypted, and cancels a bill not yet confirmed', async () => {
    const asked = request({ userName: '李四' });
    await gateway.create(asked);
    expect(sandbox().bill(asked.outBillNo)?.userName).toBe('李四');
    expect((await gateway.cancel(asked.outBillNo)).state).toBe('CANCELING');
    await platform.settle();
    expect((await gateway.cancel(asked.outBillNo)).state).toBe('CANCELLED');
    expect(gateway.readNotification(received[0] as SignedNotification).bill.state).toBe('CANCELLED');
  });

  it('reads each failure as its kind', async () => {
    expect(await gateway.query('W404')).toBeUndefined();
    expect(await failureOf(gateway.cancel('W404'))).toMatchObject({ failure: 'not_found' });
    expect(await failureOf(gateway.create(request({ reportInfos: [] })))).toEqual({
      failure: 'rejected',
      code: 'PARAM_ERROR',
      transient: false,
      unknown: false,
      person: true,
    });
    expect(await failureOf(gateway.create(request({ userRecvPerception: '佣金' })))).toMatchObject({
      code: 'INVALID_REQUEST',
    });
    sandbox().configure({ balanceFen: 100 });
    expect(await failureOf(gateway.create(request()))).toMatchObject({
      failure: 'insufficient_funds',
      code: 'NOT_ENOUGH',
      person: true,
    });
    sandbox().configure({ balanceFen: 100_000_000 });
    sandbox().setFaults({ failureRate: 1 });
    expect(await failureOf(gateway.create(request()))).toEqual({
      failure: 'unavailable',
      code: 'SYSTEM_ERROR',
      transient: true,
      unknown: true,
      person: false,
    });
    sandbox().setFaults({ failureRate: 1, failureAnswer: 'FREQUENCY_LIMITED' });
    expect(await failureOf(gateway.query('W1'))).toMatchObject({ failure: 'rate_limited', transient: true });
    sandbox().setFaults({ failureRate: 1, failureAnswer: 'timeout' });
    const impatient = wechatpayTransferClient({ ...config, timeoutMs: 200 });
    expect(await failureOf(impatient.query('W1'))).toMatchObject({ failure: 'timeout', unknown: true });
    sandbox().setFaults({});
    // Signed by another merchant key: WeChat refuses it.
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const impostor = wechatpayTransferClient({ ...config, merchantPrivateKey: stranger.privateKey });
    expect(await failureOf(impostor.query('W1'))).toMatchObject({ failure: 'rejected', code: 'SIGN_ERROR' });
    // Answers not signed by the platform key we know are not believed.
    const misled = wechatpayTransferClient({ ...config, platformPublicKey: stranger.publicKey });
    expect(await failureOf(misled.create(request()))).toMatchObject({ failure: 'bad_answer', unknown: true });
    const nowhere = wechatpayTransferClient({ ...config, url: 'http://127.0.0.1:9' });
    expect(await failureOf(nowhere.query('W1'))).toMatchObject({ failure: 'unavailable' });
  });

  it('a create that failed after WeChat kept it, asked again under the same number, pays once', async () => {
    const asked = request();
    const balance = sandbox().currentSettings().balanceFen;
    sandbox().setFaults({ failureRate: 1, failureMode: 'after' });
    expect(await failureOf(gateway.create(asked))).toMatchObject({ failure: 'unavailable', unknown: true });
    sandbox().setFaults({});
    const bill = await gateway.create(asked);
    expect(bill.state).toBe('WAIT_USER_CONFIRM');
    expect(
      sandbox()
        .list()
        .filter((b) => b.outBillNo === asked.outBillNo),
    ).toHaveLength(1);
    expect(sandbox().currentSettings().balanceFen).toBe(balance - 2_350);
  });

  it('twenty creates at once under one number make one bill', async () => {
    const asked = request();
    const balance = sandbox().currentSettings().balanceFen;
    const bills = await Promise.all(Array.from({ length: 20 }, () => gateway.create(asked)));
    expect(new Set(bills.map((b) => b.transferBillNo)).size).toBe(1);
    expect(
      sandbox()
        .list()
        .filter((b) => b.outBillNo === asked.outBillNo),
    ).toHaveLength(1);
    expect(sandbox().currentSettings().balanceFen).toBe(balance - 2_350);
  });
});

describe('races', () => {
  it('a cancel racing the user’s confirmation: one wins, the bill ends once, its money counted once', async () => {
    const balance = sandbox().currentSettings().balanceFen;
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const bill = await gateway.create(request());
        const [cancelled, confirmed] = await Promise.all([
          failureOf(gateway.cancel(bill.outBillNo)),
          confirmInWechat(bill.packageInfo ?? '', 'o-leader-7'),
        ]);
        return { outBillNo: bill.outBillNo, cancelled, confirmed };
      }),
    );
    await platform.settle();
    let paid = 0;
    for (const { outBillNo, cancelled, confirmed } of outcomes) {
      const final = await gateway.query(outBillNo);
      if (final?.state === 'SUCCESS') {
        expect([cancelled, confirmed]).toEqual([expect.objectContaining({ failure: 'rejected' }), 200]);
        paid += 2_350;
      } else {
        expect(final?.state).toBe('CANCELLED');
        expect([cancelled, confirmed]).toEqual(['answered', 409]);
      }
      const notices = received.map((n) => gateway.readNotification(n)).filter((n) => n.bill.outBillNo === outBillNo);
      expect(notices.map((n) => n.bill.state)).toEqual([final?.state]);
    }
    expect(sandbox().currentSettings().balanceFen).toBe(balance - paid);
  });
});

describe('notifications', () => {
  let notification: SignedNotification;
  /** Both deliveries (the file's beforeEach empties `received`). */
  let both: SignedNotification[] = [];

  beforeAll(async () => {
    received.length = 0;
    const asked = request();
    const bill = await gateway.create(asked);
    sandbox().configure({ userFailures: { 'o-leader-7': 'ACCOUNT_FROZEN' } });
    await confirmInWechat(bill.packageInfo ?? '', 'o-leader-7');
    await platform.settle();
    await fetch(`${platform.emulator.url}/_emulator/wechatpay/transfer/bills/${asked.outBillNo}/notify`, {
      method: 'POST',
    });
    await platform.settle();
    both = [...received];
    notification = both[0] as SignedNotification;
  });

  it('repeat, each verified as the same bill’s final state', () => {
    expect(both).toHaveLength(2);
    const [first, second] = both.map((n) => gateway.readNotification(n));
    expect(first?.bill).toEqual(second?.bill);
    expect(first?.bill).toMatchObject({ state: 'FAIL', failReason: 'ACCOUNT_FROZEN' });
  });

  it('refuses one tampered, stale, signed by another key, or encrypted with another API v3 key', () => {
    const refused = (n: SignedNotification, client = gateway) => {
      try {
        client.readNotification(n);
      } catch (error) {
        return (error as PayoutProviderError).failure;
      }
      return 'read';
    };
    expect(refused(notification)).toBe('read');
    expect(refused({ ...notification, body: notification.body.replace('"id":"EV-', '"id":"EV-X') })).toBe(
      'bad_signature',
    );
    const later = wechatpayTransferClient(config, { now: () => Date.now() + 6 * 60_000 });
    expect(refused(notification, later)).toBe('bad_signature');
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(refused(notification, wechatpayTransferClient({ ...config, platformPublicKey: stranger.publicKey }))).toBe(
      'bad_signature',
    );
    expect(refused(notification, wechatpayTransferClient({ ...config, apiV3Key: 'x'.repeat(32) }))).toBe(
      'bad_signature',
    );
    expect(refused({ ...notification, headers: {} })).toBe('bad_signature');
  });

  it('encrypts a name the platform reads (RSA-OAEP, SHA-1)', () => {
    expect(encryptForPlatform('王五', config.platformPublicKey)).toMatch(/^[A-Za-z0-9+/]{342}==$/);
  });
});
