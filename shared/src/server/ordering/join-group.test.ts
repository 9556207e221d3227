/**
 * joinGroup: every refusal (a typed error, and nothing changed in the database), and shoppers racing for the
 * seats of one group through the emulator with the real SDK (a dozen here, 300 in join-group.slow.test.ts): a
 * group never holds more than N seats.
 */
import { describe, expect, it } from 'vitest';
import { type CatalogOptions, pickupAt, seedCatalog, EXPRESS_DELIVERY } from '../testing/group-buy.fixtures';
import { answer, expectRefusedOn, formingGroup, joinGroupAs, type Placed } from '../testing/shopper';
import { communitySeatRace, SEAT_RACE, seatRace } from '../testing/shopper-races';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
/** The race runs small here; join-group.slow.test.ts runs it at full scale. */
const { small: race } = SEAT_RACE;
const expectRefused = expectRefusedOn(platform);
const call = (fn: string, openid: string | undefined, body: unknown) => answer<Placed>(platform, fn, openid, body);
const catalog = (options: CatalogOptions = {}) => seedCatalog((c, d) => platform.insert(c, d), options);

/** A forming group opened and paid by o-leader, on a fresh activity. */
async function forming(options: CatalogOptions = {}) {
  const fx = await catalog(options);
  return { fx, groupId: await formingGroup(platform, fx, 'o-leader') };
}

describe('joinGroup refuses', () => {
  it('the leader, a second seat, a stranger to the scope', async () => {
    const { fx, groupId } = await forming();
    await expectRefused('joinGroup', 'o-leader', { groupId, quantity: 1, delivery: pickupAt(fx) }, 'OWN_GROUP');
    expect((await call('joinGroup', 'o-twice', { groupId, quantity: 1, delivery: pickupAt(fx) })).ok).toBe(true);
    await expectRefused('joinGroup', 'o-twice', { groupId, quantity: 1, delivery: pickupAt(fx) }, 'ALREADY_JOINED');
    const scoped = await forming({ scope: { kind: 'districts', districts: ['渝中区'] }, groupSize: 5 });
    const elsewhere = {
      kind: 'address',
      name: '王先生',
      phone: '13800000000',
      district: '江北区',
      detail: '观音桥 1 号',
    };
    await expectRefused(
      'joinGroup',
      'o-far',
      { groupId: scoped.groupId, quantity: 1, delivery: elsewhere },
      'OUT_OF_SCOPE',
    );
  });

  it('a 社区团 member delivered by express or to another point, with PICKUP_POINT_ONLY', async () => {
    const { fx, groupId } = await forming({ communityPoint: true, groupSize: 5 });
    const other = await catalog();
    await expectRefused('joinGroup', 'o1', { groupId, quantity: 1, delivery: EXPRESS_DELIVERY }, 'PICKUP_POINT_ONLY');
    await expectRefused('joinGroup', 'o1', { groupId, quantity: 1, delivery: pickupAt(other) }, 'PICKUP_POINT_ONLY');
    expect((await call('joinGroup', 'o1', { groupId, quantity: 1, delivery: pickupAt(fx) })).ok).toBe(true);
  });

  it('a delivery to a pickup point deactivated since the group opened, with PICKUP_POINT_INACTIVE', async () => {
    const { fx, groupId } = await forming();
    await platform.update('pickup_points', { _id: fx.pickupPointId }, { $set: { status: 'inactive' } });
    await expectRefused('joinGroup', 'o1', { groupId, quantity: 1, delivery: pickupAt(fx) }, 'PICKUP_POINT_INACTIVE');
    // The leader's order keeps the point it chose.
    const [leaderOrder] = await platform.find('orders', { groupId, openid: 'o-leader' });
    expect(leaderOrder?.delivery).toMatchObject({
      kind: 'pickup',
      pickupPointId: fx.pickupPointId,
      name: '解放碑便民驿站',
    });
  });

  it('a group that is unknown, pending, past its deadline, or ended', async () => {
    const fx = await catalog();
    await expectRefused('joinGroup', 'o1', { groupId: 'G-missing', quantity: 1, delivery: pickupAt(fx) }, 'NOT_FOUND');
    const pending = await call('openGroup', 'o-unpaid-leader', {
      activityId: fx.activityId,
      quantity: 1,
      delivery: pickupAt(fx),
    });
    if (!pending.ok) throw new Error(pending.error.code);
    await expectRefused(
      'joinGroup',
      'o1',
      { groupId: pending.data.groupId, quantity: 1, delivery: pickupAt(fx) },
      'GROUP_NOT_JOINABLE',
    );
    const late = await forming({ groupSize: 5 });
    await platform.update('groups', { _id: late.groupId }, { $set: { deadlineAt: Date.now() - 1000 } });
    await expectRefused(
      'joinGroup',
      'o1',
      { groupId: late.groupId, quantity: 1, delivery: pickupAt(late.fx) },
      'GROUP_EXPIRED',
    );
    const failed = await forming({ groupSize: 5 });
    await platform.update('groups', { _id: failed.groupId }, { $set: { status: 'failed' } });
    await expectRefused(
      'joinGroup',
      'o1',
      { groupId: failed.groupId, quantity: 1, delivery: pickupAt(failed.fx) },
      'GROUP_EXPIRED',
    );
  });

  it('a group that already succeeded, with GROUP_SUCCEEDED (not GROUP_EXPIRED), even past its deadline', async () => {
    const { fx, groupId } = await forming({ groupSize: 2 });
    await joinGroupAs(platform, fx, groupId, 'o-last-seat');
    expect(await platform.get('groups', groupId)).toMatchObject({ status: 'succeeded' });
    await expectRefused('joinGroup', 'o1', { groupId, quantity: 1, delivery: pickupAt(fx) }, 'GROUP_SUCCEEDED');
    await platform.update('groups', { _id: groupId }, { $set: { deadlineAt: Date.now() - 1000 } });
    await expectRefused('joinGroup', 'o1', { groupId, quantity: 1, delivery: pickupAt(fx) }, 'GROUP_SUCCEEDED');
  });
});

describe('joinGroup refuses when the activity no longer sells', () => {
  it.each([
    ['paused', { status: 'paused' }, 'ACTIVITY_PAUSED'],
    ['ended', { status: 'ended' }, 'ACTIVITY_ENDED'],
    ['past its end', { endAt: Date.now() - 1_000 }, 'ACTIVITY_ENDED'],
  ])('an activity %s: its forming groups take no new members', async (_, change, code) => {
    const { fx, groupId } = await forming({ groupSize: 5 });
    // The group itself still looks joinable: forming, seats left, its deadline ahead.
    await platform.update('groups', { _id: groupId }, { $set: { deadlineAt: Date.now() + 3_600_000 } });
    await platform.update('activities', { _id: fx.activityId }, { $set: change });
    await expectRefused('joinGroup', 'o-late', { groupId, quantity: 1, delivery: pickupAt(fx) }, code);
    expect(await platform.get('groups', groupId)).toMatchObject({ seatsTaken: 1, memberOpenids: ['o-leader'] });
  });
});

describe('races', () => {
  it(`${race.joiners} concurrent joins on a 5-seat group: exactly 4 joiners hold seats`, () =>
    seatRace(platform, race));

  it(`${race.joiners} concurrent joins on a 5-seat 社区团, half elsewhere: 4 at its point hold seats, nothing else changes`, () =>
    communitySeatRace(platform, race));
});
