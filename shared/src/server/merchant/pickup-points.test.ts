/**
 * Pickup points in the console, through the emulator: ops create one (checkout offers it at once), edit
 * it (orders already there keep the name and place they were placed with), deactivate it (checkout stops
 * offering it, new orders there are PICKUP_POINT_INACTIVE, orders already there keep it) and reactivate it;
 * the form's refusals come back in its words, and every change is in the audit log.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../testing/group-buy.fixtures';
import { answer } from '../testing/shopper';
import { adminCall, addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const PASSWORD = 'Chongqing2026';
let token: string;

interface Point {
  pickupPointId: string;
  name: string;
  status: string;
  longitude: number;
  latitude: number;
}

const call = <T>(action: string, body: unknown) => adminCall<T>(platform, action, body, token);
const data = <T>(answer: { body: { ok: true; data: T } | { ok: false; error: { code: string } } }): T => {
  if (!answer.body.ok) throw new Error(answer.body.error.code);
  return answer.body.data;
};

const fields = {
  name: '观音桥驿站',
  district: '江北区',
  address: '江北区观音桥步行街 8 号',
  longitude: 106.5313,
  latitude: 29.5755,
  openHours: '09:00-21:00',
  contactName: '李姐',
  contactPhone: '13800138000',
};

const offered = async (pointId: string) => {
  const list = await answer<{ items: { pickupPointId: string }[] }>(platform, 'listPickupPoints', 'o-look', {
    district: '江北区',
  });
  return list.ok && list.data.items.some((p) => p.pickupPointId === pointId);
};

beforeAll(async () => {
  await addStaff(platform, 'ops-pp', PASSWORD);
  token = await signIn(platform, 'ops-pp', PASSWORD);
});

describe('pickup points in the console', () => {
  it('creates, edits, deactivates and reactivates a point, as checkout and orders meet it', async () => {
    const created = data(await call<Point>('createPickupPoint', fields));
    expect(created).toMatchObject({ ...fields, status: 'active' });
    const id = created.pickupPointId;
    expect(await offered(id)).toBe(true);
    const found = data(await call<{ items: Point[] }>('searchPickupPoints', { name: '观音桥', district: '江北区' }));
    expect(found.items.map((p) => p.pickupPointId)).toEqual([id]);

    // An order there, then the point is edited and deactivated: the order keeps what it was placed with.
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 20 });
    const delivery = { kind: 'pickup', pickupPointId: id };
    const placed = await answer<{ orderId: string }>(platform, 'buySolo', 'o-pp-1', {
      skuId: fx.skuId,
      quantity: 1,
      delivery,
    });
    if (!placed.ok) throw new Error(placed.error.code);
    const edited = data(await call<Point>('updatePickupPoint', { ...fields, pickupPointId: id, name: '观音桥新驿站' }));
    expect(edited).toMatchObject({ name: '观音桥新驿站', status: 'active' });

    expect(data(await call<Point>('deactivatePickupPoint', { pickupPointId: id })).status).toBe('inactive');
    expect(await offered(id)).toBe(false);
    const refused = await answer(platform, 'buySolo', 'o-pp-2', { skuId: fx.skuId, quantity: 1, delivery });
    expect(refused.ok || refused.error.code).toBe('PICKUP_POINT_INACTIVE');
    const order = await platform.get('orders', placed.data.orderId);
    expect(order?.delivery).toMatchObject({ kind: 'pickup', pickupPointId: id, name: '观音桥驿站' });

    // Deactivating again changes nothing; reactivating offers it again.
    expect(data(await call<Point>('deactivatePickupPoint', { pickupPointId: id })).status).toBe('inactive');
    expect(data(await call<Point>('reactivatePickupPoint', { pickupPointId: id })).status).toBe('active');
    expect(await offered(id)).toBe(true);

    const audit = await platform.find('audit_logs', { target: `pickup-point/${id}` });
    expect(audit.map((e) => e.action)).toEqual([
      'createPickupPoint',
      'updatePickupPoint',
      'deactivatePickupPoint',
      'deactivatePickupPoint',
      'reactivatePickupPoint',
    ]);
    expect(audit[3]?.after).toMatchObject({ changed: false });
  });

  it('answers the same save sent several times at once, each time (identical writes in one millisecond)', async () => {
    const id = data(await call<Point>('createPickupPoint', { ...fields, requestKey: randomUUID() })).pickupPointId;
    const save = { ...fields, pickupPointId: id, name: '观音桥同时保存' };
    for (let round = 0; round < 4; round += 1) {
      const answers = await Promise.all([1, 2, 3].map(() => call<Point>('updatePickupPoint', save)));
      for (const saved of answers) expect(data(saved).name).toBe('观音桥同时保存');
    }
  });

  it('creates one point per request key, however often it is sent', async () => {
    const requestKey = randomUUID();
    const body = { ...fields, name: '重复驿站', requestKey };
    const answers = await Promise.all([1, 2, 3].map(() => call<Point>('createPickupPoint', body)));
    const ids = new Set(answers.map((a) => data(a).pickupPointId));
    expect(ids.size).toBe(1);
    expect(await platform.find('pickup_points', { name: '重复驿站' })).toHaveLength(1);
  });

  it('refuses what the form refuses, in its words, and an unknown point as not found', async () => {
    const message = async (body: unknown) => {
      const refused = await call('createPickupPoint', body);
      return refused.body.ok ? 'ok' : refused.body.error.message;
    };
    expect(await message({ ...fields, longitude: 116.4 })).toBe('经度须在 105.2–110.2 之间（重庆）');
    expect(await message({ ...fields, name: '  ' })).toBe('请输入名称');
    expect(await message({ ...fields, contactPhone: '12345' })).toBe('请输入手机号或带区号的座机号');
    const missing = await call('deactivatePickupPoint', { pickupPointId: 'pp-none' });
    expect([missing.status, missing.body.ok || missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const missingEdit = await call('updatePickupPoint', { ...fields, pickupPointId: 'pp-none' });
    expect([missingEdit.status, missingEdit.body.ok || missingEdit.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
