/**
 * The fulfilment tests' object mothers: paid orders waiting to ship (written straight into the emulator, as
 * a paid solo order is stored), staff of a merchant or ops signed in, and console calls that answer their
 * data or fail the test with the refusal's code.
 */
import type { Platform } from '../../../../testing/platform';
import { addStaff, adminCall, signIn } from './staff';

let sequence = 0;

export const DAY = 86_400_000;

/** A pickup point as an order keeps it. */
export const pointDelivery = (pickupPointId: string, name = `自提点${pickupPointId}`) => ({
  kind: 'pickup' as const,
  pickupPointId,
  name,
  address: '渝中区民权路 28 号',
  district: '渝中区' as const,
  location: { type: 'Point' as const, coordinates: [106.5775, 29.5577] as [number, number] },
});

export const addressDelivery = {
  kind: 'address' as const,
  name: '陈老板',
  phone: '13812345678',
  district: '渝中区' as const,
  detail: '解放碑 1 号',
};

export interface OrderOptions {
  readonly merchantId: string;
  readonly openid?: string;
  readonly activityId?: string;
  readonly skuId?: string;
  readonly title?: string;
  readonly spec?: string;
  /** A pickup order for this point; an express order (to an address) when absent. */
  readonly pickupPointId?: string;
  readonly quantity?: number;
  readonly status?: string;
  /** Any other field, as a later step left it (shipment, receivedAt, openAfterSaleId...). */
  readonly extra?: Record<string, unknown>;
}

/** A paid solo order waiting to ship, as buySolo and its payment leave it (override what differs). */
export function orderDoc(options: OrderOptions): Record<string, unknown> & { _id: string } {
  const n = ++sequence;
  const now = Date.now();
  const quantity = options.quantity ?? 1;
  const skuId = options.skuId ?? `s-ful-${options.merchantId}`;
  return {
    _id: `O-ful-${n}-${now.toString(36)}`,
    openid: options.openid ?? `o-ful-${n}`,
    role: 'solo',
    status: options.status ?? 'to_ship',
    ...(options.activityId ? { activityId: options.activityId } : {}),
    skuId,
    productId: `p-${skuId}`,
    merchantId: options.merchantId,
    title: options.title ?? '江津花椒',
    spec: options.spec ?? '250g',
    quantity,
    unitPrice: 1990,
    total: 1990 * quantity,
    stockMode: 'shared',
    stock: { kind: 'sku', id: skuId },
    delivery: options.pickupPointId ? pointDelivery(options.pickupPointId) : addressDelivery,
    ...(options.pickupPointId ? {} : { phoneLast4: '5678' }),
    payDeadlineAt: now + 15 * 60_000,
    transactionId: `4200${now}${n}`,
    paidAt: now - 1_000 + n,
    history: [
      { at: now - 2_000, event: 'placed', status: 'pending_payment', by: 'shopper' },
      { at: now - 1_000, event: 'paid_solo', status: 'to_ship', by: 'cloudpay' },
    ],
    createdAt: now - 2_000,
    updatedAt: now - 1_000,
    ...options.extra,
  };
}

/** `count` orders waiting to ship, written at once; answers their ids in order. */
export async function ordersToShip(platform: Platform, count: number, options: OrderOptions): Promise<string[]> {
  const docs = Array.from({ length: count }, () => orderDoc(options));
  await platform.insert('orders', docs);
  return docs.map((d) => d._id);
}

export const STAFF_PASSWORD = 'Shipping2026';

/** A member of staff signed in: ops, or a merchant's. Answers the session token. */
export async function staffToken(platform: Platform, account: string, merchantId?: string): Promise<string> {
  await addStaff(platform, account, STAFF_PASSWORD, merchantId ? { role: 'merchant', merchantId } : { role: 'ops' });
  return signIn(platform, account, STAFF_PASSWORD);
}

/** A console action's data; a refusal fails the test with its code. */
export async function act<T>(platform: Platform, action: string, body: unknown, token: string): Promise<T> {
  const answer = await adminCall<T>(platform, action, body, token);
  if (!answer.body.ok) throw new Error(`${action}: ${answer.body.error.code}`);
  return answer.body.data;
}

/** A console action's refusal code (and HTTP status); an answer fails the test. */
export async function refusedWith(platform: Platform, action: string, body: unknown, token: string) {
  const answer = await adminCall(platform, action, body, token);
  if (answer.body.ok) throw new Error(`${action} answered instead of refusing`);
  return { status: answer.status, code: answer.body.error.code };
}
