/**
 * applyForLeader through the emulator: an application naming an existing point and one offering a shop, a
 * repeated key (the same application), the refusals (nothing changes), and one shopper's applications sent at
 * once (one waits for ops).
 */
import { describe, expect, it } from 'vitest';
import { data, refusal } from '../testing/envelopes';
import { addPoint, applicationBody, applyAs, SHOP } from '../testing/leaders';
import { answer } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

let n = 0;
const shopper = () => `o-la-${++n}-${Date.now().toString(36)}`;

/** What a refusal must leave as it was. */
const state = async (openid: string, pickupPointId?: string) => ({
  applications: await platform.find('leader_applications', { openid }),
  user: await platform.get('users', openid),
  leader: await platform.get('leaders', openid),
  point: pickupPointId ? await platform.get('pickup_points', pickupPointId) : null,
});

describe('applyForLeader', () => {
  it('applies for an existing point: pending, the user naming it; the same key again answers it', async () => {
    const me = shopper();
    const pointId = await addPoint(platform);
    const body = applicationBody(pointId);
    const { result, trips } = await platform.countingRoundTrips(() => applyAs(platform, me, body));
    console.log(`applyForLeader: ${trips} database round trips`);
    const made = data(result);
    expect(made).toMatchObject({
      status: 'pending',
      statusLabel: '待审核',
      name: '李秀英',
      phone: '13912345678',
      point: { kind: 'existing', pickupPointId: pointId },
      pointLabel: '选择已有自提点',
      actions: ['retract'],
    });
    expect(made.applicationId).toMatch(/^LA[0-9a-f]{24}$/);
    expect(await platform.get('leader_applications', made.applicationId)).toMatchObject({ openid: me });
    expect(await platform.get('users', me)).toMatchObject({ leaderApplicationId: made.applicationId });
    // Nothing is given yet: the point keeps no keeper until ops approve.
    expect((await platform.get('pickup_points', pointId))?.keeperOpenid).toBeUndefined();

    const again = data(await applyAs(platform, me, body));
    expect(again).toEqual(made);
    expect(await platform.find('leader_applications', { openid: me })).toHaveLength(1);
  });

  it('applies with their own shop as a new point', async () => {
    const me = shopper();
    const made = data(await applyAs(platform, me, applicationBody()));
    expect(made).toMatchObject({ status: 'pending', point: { kind: 'new_shop', shop: SHOP } });
    expect(await platform.find('pickup_points', { name: SHOP.name })).toHaveLength(0);
  });

  it('refuses, changing nothing: one open already, a missing, deactivated or kept point, bad fields', async () => {
    const me = shopper();
    // Signed in first, as the mini-program is at launch (a first call makes the user document, refused or not).
    expect(refusal(await answer(platform, 'login', me, {}))).toBe('ok');
    const kept = await addPoint(platform, 'o-someone-else');
    const inactive = await addPoint(platform);
    await platform.update('pickup_points', { _id: inactive }, { $set: { status: 'inactive' } });
    const cases: [string, Record<string, unknown>, string, string?][] = [
      ['a point that does not exist', applicationBody('pp-nowhere'), 'NOT_FOUND'],
      ['a deactivated point', applicationBody(inactive), 'PICKUP_POINT_INACTIVE', inactive],
      ['a point with another keeper', applicationBody(kept), 'PICKUP_POINT_TAKEN', kept],
      ['a bad phone', applicationBody(undefined, { phone: '1234' }), 'INVALID_ARGUMENT'],
      [
        'a shop outside Chongqing',
        applicationBody(undefined, {
          point: { kind: 'new_shop', shop: { ...SHOP, location: { type: 'Point', coordinates: [116.4, 39.9] } } },
        }),
        'INVALID_ARGUMENT',
      ],
      ['a blank name', applicationBody(undefined, { name: '  ' }), 'INVALID_ARGUMENT'],
    ];
    for (const [what, body, code, pointId] of cases) {
      const before = await state(me, pointId);
      expect(refusal(await applyAs(platform, me, body)), what).toBe(code);
      expect(await state(me, pointId), what).toEqual(before);
    }

    const first = data(await applyAs(platform, me, applicationBody()));
    const before = await state(me);
    expect(refusal(await applyAs(platform, me, applicationBody()))).toBe('LEADER_APPLICATION_OPEN');
    expect(await state(me)).toEqual(before);
    expect(before.applications.map((a) => a._id)).toEqual([first.applicationId]);
  });

  it('one shopper sending eight applications at once: one is made, the others are told one is open', async () => {
    const me = shopper();
    const pointId = await addPoint(platform);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => applyAs(platform, me, applicationBody(i % 2 ? pointId : undefined))),
    );
    const codes = answers.map(refusal).sort();
    expect(codes).toEqual([...Array(7).fill('LEADER_APPLICATION_OPEN'), 'ok'].sort());
    const made = await platform.find('leader_applications', { openid: me });
    expect(made).toHaveLength(1);
    expect(await platform.get('users', me)).toMatchObject({ leaderApplicationId: made[0]?._id });
  });
});
