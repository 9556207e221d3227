/**
 * The after-sales side of the platform tests: a paid order to ship or already received (its window open),
 * a photo the shopper uploaded as the mini-program does, and requests made and acted on through the
 * functions and the console. Each helper takes the platform it runs on.
 */
import { randomUUID } from 'node:crypto';
import type { Platform } from '../../../../testing/platform';
import { data, type Envelope } from './envelopes';
import { seedCatalog, pickupAt } from './group-buy.fixtures';
import { answer, payAndSettle, place } from './shopper';
import { adminCall, type AdminAnswer } from './staff';

export const DAY = 24 * 3_600_000;

/** A one-pixel PNG's first bytes: what storage checks an image by. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** Uploads a photo to `after-sales/<openid>/<name>` as the mini-program's upload does; answers its file id. */
export async function uploadPhoto(platform: Platform, openid: string, name = `${randomUUID()}.png`): Promise<string> {
  const { body } = await platform.post<{ data: { url: string; authorization: string; fileId: string } }>('/admin', {
    action: 'storage.getUploadMetadata',
    path: `after-sales/${openid}/${name}`,
    method: 'put',
  });
  const meta = body.data;
  const put = await fetch(meta.url, { method: 'PUT', headers: { authorization: meta.authorization }, body: PNG });
  if (put.status !== 200) throw new Error(`upload ${name}: ${put.status}`);
  return meta.fileId;
}

export interface PaidOrder {
  readonly orderId: string;
  readonly total: number;
  readonly merchantId: string;
}

/** A paid solo order of a fresh merchant's SKU (3 × 39.90 = 119.70), waiting to ship. */
export async function toShipOrder(platform: Platform, openid: string): Promise<PaidOrder> {
  const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 20, soloPrice: 3_990 });
  const { orderId, total } = await place(platform, 'buySolo', openid, {
    skuId: fx.skuId,
    quantity: 3,
    delivery: pickupAt(fx),
  });
  await payAndSettle(platform, orderId);
  const order = await platform.get('orders', orderId);
  return { orderId, total, merchantId: String(order?.merchantId) };
}

/**
 * A paid order the shopper received, its after-sales window open until `endsAt` (7 days from now unless
 * told). Received here by writing what receipt writes: the shipping functions are not these tests' concern.
 */
export async function receivedOrder(
  platform: Platform,
  openid: string,
  endsAt = Date.now() + 7 * DAY,
): Promise<PaidOrder> {
  const paid = await toShipOrder(platform, openid);
  await platform.update(
    'orders',
    { _id: paid.orderId },
    { $set: { status: 'received', receivedAt: Date.now(), afterSaleEndsAt: endsAt } },
  );
  return paid;
}

/** A request's body, with a fresh key unless told. */
export const requestBody = (orderId: string, body: Record<string, unknown> = {}) => ({
  orderId,
  type: 'refund_only',
  reason: 'quality',
  description: '橙子坏了三个',
  requestKey: randomUUID(),
  ...body,
});

export interface AfterSaleAnswer {
  readonly afterSaleId: string;
  readonly status: string;
  readonly amount?: number;
  readonly refundAmount?: number;
  readonly actions: string[];
  readonly photos: string[];
  readonly [field: string]: unknown;
}

/** requestAfterSale as `openid`, answered as it came. */
export const requestAs = (platform: Platform, openid: string, body: Record<string, unknown>) =>
  answer<AfterSaleAnswer>(platform, 'requestAfterSale', openid, body);

/** A request the test expects to be made; answers its id. */
export async function requested(platform: Platform, openid: string, orderId: string, body = {}): Promise<string> {
  return data(await requestAs(platform, openid, requestBody(orderId, body))).afterSaleId;
}

export type ActionAnswer = AdminAnswer<{
  afterSale: { afterSaleId: string; status: string; actions: string[]; refundAmount?: number };
  refund?: { outRefundNo: string; amount: number; status: string };
}>;

/** A console action on a request, with a fresh key unless told. */
export const staffAct = (
  platform: Platform,
  action: string,
  afterSaleId: string,
  token: string,
  body: Record<string, unknown> = {},
): Promise<ActionAnswer> =>
  adminCall(platform, action, { afterSaleId, requestKey: randomUUID(), ...body }, token) as Promise<ActionAnswer>;

/** The code of a console refusal, or 'ok'. */
export const staffRefusal = (answered: AdminAnswer): string => (answered.body.ok ? 'ok' : answered.body.error.code);

/** What a shopper action answered: 'ok' or its code. */
export const code = (envelope: Envelope<unknown>): string => (envelope.ok ? 'ok' : envelope.error.code);

/** The sum of every refund recorded on the order, and the CloudPay ledger's. */
export async function refundedOn(platform: Platform, orderId: string) {
  const refunds = await platform.find('refunds', { orderId });
  const order = platform.emulator.pay.order(orderId);
  return {
    recorded: refunds.reduce((sum, r) => sum + (r.amount as number), 0),
    count: refunds.length,
    ledger: order ? platform.emulator.pay.refundedTotal(order) : 0,
    ledgerCount: order?.refunds.size ?? 0,
  };
}
