/**
 * verifyPickupAtPoint through the bundled function in the emulator: a 团长 hands an order over at the point they
 * keep with the code the shopper brings, once (a dozen scans at once, some at the console too, collect it once);
 * an order at another point, a wrong code, a caller who keeps no point are refused and change nothing; the
 * commissions of a collected order move when its window closes, as after the console's 核销.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { entriesOf, leaderActivity } from '../testing/commissions';
import { data, refusal } from '../testing/envelopes';
import { act, staffToken } from '../testing/fulfilment';
import { job } from '../testing/ops';
import { arriveAtPoint, keepPoint, keeperWithPoint, stepsOf, verifyAtPoint, waitingAt } from '../testing/pickup-desk';
import { addUser, joinGroupAs, openGroupAs } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const M = 'm-desk-verify';
let merchant = '';
beforeAll(async () => {
  merchant = await staffToken(platform, 'desk-verify-m', M);
});

/** How many scans race for one code here (a dozen: enough to interleave at every round trip). */
const SCANS_AT_ONCE = 12;

const order = async (id: string) => (await platform.get('orders', id)) as Record<string, unknown>;

/** The order holds `code` open at its point, its claim naming it (as an arrival that drew those digits leaves it). */
async function holdCode(pickupPointId: string, orderId: string, code: string): Promise<void> {
  await platform.update('orders', { _id: orderId }, { $set: { pickupCode: code } });
  await platform.insert('pickup_codes', [
    { _id: `${pickupPointId}-${code}`, pickupPointId, code, orderId, claimedAt: Date.now() },
  ]);
}

describe('verifyPickupAtPoint', () => {
  it('hands the order over once at the keeper’s point; a second scan says when', async () => {
    const { keeper, pickupPointId } = await keeperWithPoint(platform);
    await addUser(platform, 'o-desk-zhang', '张小三');
    const {
      ids: [id = ''],
      codes: [code = ''],
    } = await waitingAt(platform, merchant, 1, { merchantId: M, openid: 'o-desk-zhang', pickupPointId, quantity: 2 });

    const first = await verifyAtPoint(platform, keeper, code);
    if (!first.ok) throw new Error(first.error.code);
    expect(first.data).toMatchObject({
      outcome: 'collected',
      order: { orderId: id, shopper: '张*三', title: '江津花椒', spec: '250g', quantity: 2 },
    });
    const after = await order(id);
    expect(after).toMatchObject({ status: 'picked_up', receivedAt: first.data.collectedAt });
    expect(after.afterSaleEndsAt).toBe(first.data.collectedAt + 7 * 86_400_000);
    expect(await stepsOf(platform, id, 'picked_up')).toEqual([
      expect.objectContaining({ by: `leader:${pickupPointId}`, status: 'picked_up' }),
    ]);
    expect(JSON.stringify(first.data)).not.toContain('o-desk-zhang');

    const again = await verifyAtPoint(platform, keeper, code);
    expect(again).toMatchObject({
      ok: true,
      data: { outcome: 'already_collected', collectedAt: first.data.collectedAt },
    });
    expect(await stepsOf(platform, id, 'picked_up')).toHaveLength(1);
  });

  it('refuses an order waiting at another point, a wrong code and a bad one, changing nothing', async () => {
    const mine = await keeperWithPoint(platform);
    const theirs = await keeperWithPoint(platform);
    const {
      ids: [myId = ''],
      codes: [myCode = ''],
    } = await waitingAt(platform, merchant, 1, { merchantId: M, pickupPointId: mine.pickupPointId });
    const {
      ids: [theirId = '', twinId = ''],
    } = await waitingAt(platform, merchant, 2, { merchantId: M, pickupPointId: theirs.pickupPointId });
    // Codes are drawn per point: one of theirs holds digits mine does not, the other the very digits of mine.
    const other = myCode === '111111' ? '222222' : '111111';
    await holdCode(theirs.pickupPointId, theirId, other);
    await holdCode(theirs.pickupPointId, twinId, myCode);
    const before = await Promise.all([order(theirId), order(twinId)]);

    expect(refusal(await verifyAtPoint(platform, mine.keeper, other))).toBe('PICKUP_CODE_INVALID');
    const unused = ['000000', '999999'].find((c) => c !== myCode && c !== other) ?? '';
    expect(refusal(await verifyAtPoint(platform, mine.keeper, unused))).toBe('PICKUP_CODE_INVALID');
    expect(refusal(await verifyAtPoint(platform, mine.keeper, '12345'))).toBe('INVALID_ARGUMENT');
    expect(refusal(await verifyAtPoint(platform, mine.keeper, `${myCode} `))).toBe('INVALID_ARGUMENT');
    expect(await Promise.all([order(theirId), order(twinId)])).toEqual(before);
    expect((await order(myId)).status).toBe('at_pickup_point');

    // The digits both points hold hand over the order at the scanner's own point only.
    expect(await verifyAtPoint(platform, mine.keeper, myCode)).toMatchObject({
      ok: true,
      data: { order: { orderId: myId } },
    });
    expect(await order(twinId)).toEqual(before[1]);
    expect(await verifyAtPoint(platform, theirs.keeper, myCode)).toMatchObject({
      ok: true,
      data: { outcome: 'collected', order: { orderId: twinId } },
    });
  });

  it('refuses a shopper who keeps no point, and a leader whose point names another keeper', async () => {
    const { keeper, pickupPointId } = await keeperWithPoint(platform);
    const {
      ids: [id = ''],
      codes: [code = ''],
    } = await waitingAt(platform, merchant, 1, { merchantId: M, pickupPointId });
    expect(refusal(await verifyAtPoint(platform, 'o-desk-nobody', code))).toBe('FORBIDDEN');
    await keepPoint(platform, pickupPointId, 'o-desk-successor');
    expect(refusal(await verifyAtPoint(platform, keeper, code))).toBe('FORBIDDEN');
    expect((await order(id)).status).toBe('at_pickup_point');
    expect(await stepsOf(platform, id, 'picked_up')).toEqual([]);
  });

  it(`collects once when ${SCANS_AT_ONCE} scans of one code and two at the console come at once`, async () => {
    const { keeper, pickupPointId } = await keeperWithPoint(platform);
    const ops = await staffToken(platform, 'desk-verify-ops');
    const {
      ids: [id = ''],
      codes: [code = ''],
    } = await waitingAt(platform, merchant, 1, { merchantId: M, pickupPointId });
    type Outcome = { outcome: string; collectedAt: number };
    const atConsole = () => act<Outcome>(platform, 'verifyPickup', { pickupPointId, code }, ops);
    const atDesk = () => verifyAtPoint(platform, keeper, code).then(data<Outcome>);
    const outcomes = await Promise.all([...Array.from({ length: SCANS_AT_ONCE }, atDesk), atConsole(), atConsole()]);
    expect(outcomes.filter((o) => o.outcome === 'collected')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'already_collected')).toHaveLength(SCANS_AT_ONCE + 1);
    const collectedAt = (await order(id)).receivedAt;
    expect(new Set(outcomes.map((o) => o.collectedAt))).toEqual(new Set([collectedAt]));
    expect(await stepsOf(platform, id, 'picked_up')).toHaveLength(1);
  });

  // A group paid through CloudPay, its commissions, a batch, the 核销 and completeOrders: about 13 s alone, twice
  // that with the other core busy, so it declares its own budget (§7).
  it(
    'leaves the commissions earned at collection; they become withdrawable when the window closes',
    { timeout: 90_000 },
    async () => {
      const { fx, opener, keeper } = await leaderActivity(platform, { groupSize: 2 });
      await keepPoint(platform, fx.pickupPointId, keeper);
      const { groupId, orderId } = await openGroupAs(platform, fx, opener);
      await joinGroupAs(platform, fx, groupId, `o-dm1-${groupId}`);
      const earned = { group_opener: ['earned', 299], pickup_point: ['earned', 299] };
      expect(await entriesOf(platform, orderId)).toEqual(earned);
      const { merchantId } = (await platform.get('activities', fx.activityId)) as { merchantId: string };
      const merchantOfFx = await staffToken(platform, `desk-${fx.activityId}`, merchantId);
      const [code = ''] = await arriveAtPoint(platform, merchantOfFx, fx.pickupPointId, [orderId]);

      expect(await verifyAtPoint(platform, keeper, code)).toMatchObject({ ok: true, data: { outcome: 'collected' } });
      expect(await entriesOf(platform, orderId)).toEqual(earned);
      // The window closes (time passes): completeOrders completes the order and its entries become withdrawable.
      await platform.update('orders', { _id: orderId }, { $set: { afterSaleEndsAt: Date.now() - 1_000 } });
      await job(platform, 'completeOrders');
      expect((await order(orderId)).status).toBe('completed');
      expect(await entriesOf(platform, orderId)).toEqual({
        group_opener: ['withdrawable', 299],
        pickup_point: ['withdrawable', 299],
      });
    },
  );
});
