/**
 * 确认订单 of a 社区团 through the real page in local mode: the shopper shares a location next to another point,
 * yet the checkout opens on the activity's own point, offers neither another point nor 快递到家, and opens the group
 * there; a neighbour joining from the group's card is held to the same point whatever they tap.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PLACES, seedCatalog } from '../../../../../shared/src/server/testing/group-buy.fixtures';
import { usePlatform } from '../../../../../shared/src/server/testing/use-platform';
import { eventWith } from '../../../../testing/page-runner';
import { shopperPhone } from '../../../../testing/phone';

const platform = usePlatform();
const phone = shopperPhone(() => platform);
const { open, tap, lastNavigation, payAtCheckout } = phone;
afterAll(() => phone.putDown());

/** The page walks several functions end to end, cold at first: like the other page journeys, 90 s. */
const JOURNEY_BUDGET_MS = 90_000;

describe('确认订单 of a 社区团, through the page', { timeout: JOURNEY_BUDGET_MS }, () => {
  it('opens on the activity’s point, not the nearest, offers nothing else, and orders there', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 100, groupSize: 3, communityPoint: true });
    // The 社区团's point is at 观音桥; another activity's point stays at 解放碑, next to the phone.
    await platform.update(
      'pickup_points',
      { _id: fx.pickupPointId },
      { $set: { name: '观音桥驿站', address: '江北区建新北路 1 号', ...PLACES.guanyinqiao } },
    );
    const nearby = await seedCatalog((c, d) => platform.insert(c, d));

    phone.handTo(`o-cp-lead-${fx.activityId}`, { allowsLocation: true });
    const checkout = await open(`/packages/order/pages/checkout/index?mode=open&activityId=${fx.activityId}`);
    expect(checkout.data).toMatchObject({
      state: 'ready',
      pickupOnly: true,
      pickupOnlyText: '社区团 · 仅限到该自提点取货',
      pickupChoices: [{ value: fx.pickupPointId, label: '观音桥驿站' }],
      pickupPointId: fx.pickupPointId,
      deliveryText: '自提：观音桥驿站（江北区建新北路 1 号）',
      reason: '',
      pay: { disabled: false },
    });
    expect(JSON.stringify(checkout.data)).not.toContain(nearby.pickupPointId);
    await payAtCheckout(checkout);
    const groupId = /groupId=([^&]+)/.exec(lastNavigation())?.[1] ?? '';
    expect(await platform.get('groups', groupId)).toMatchObject({
      status: 'forming',
      pickupPoint: { pickupPointId: fx.pickupPointId, name: '观音桥驿站' },
    });

    // A neighbour joins from the group's card: another point tapped, then 快递到家, and still the group's point.
    phone.handTo(`o-cp-member-${fx.activityId}`, { allowsLocation: true });
    const joining = await open(`/packages/order/pages/checkout/index?mode=join&groupId=${groupId}`);
    await tap(joining, 'onPickupPoint', eventWith({ value: nearby.pickupPointId }));
    await tap(joining, 'onDeliveryKind', eventWith({ value: 'address' }));
    expect(joining.data).toMatchObject({ pickupOnly: true, deliveryKind: 'pickup', pickupPointId: fx.pickupPointId });
    await payAtCheckout(joining);
    expect(lastNavigation()).toBe(`/packages/group/pages/group/index?groupId=${groupId}`);
    const orders = (await platform.find('orders', { groupId })) as { status: string; delivery: unknown }[];
    expect(orders).toHaveLength(2);
    for (const order of orders) {
      expect(order).toMatchObject({
        status: 'awaiting_group',
        delivery: { kind: 'pickup', pickupPointId: fx.pickupPointId },
      });
    }
  });
});
