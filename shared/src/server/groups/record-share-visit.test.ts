/**
 * recordShareVisit through the bundled function in the emulator: a visit counts once per sharer, visitor, target,
 * stage and day, a dozen at once included; the sharer's own visit, an unknown ref or a bad one record nothing.
 */
import { describe, expect, it } from 'vitest';
import { data, refusal } from '../testing/envelopes';
import { seedCatalog } from '../testing/group-buy.fixtures';
import { answer, formingGroup } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

const visit = (openid: string, body: Record<string, unknown>) =>
  answer<{ recorded: boolean }>(platform, 'recordShareVisit', openid, body);

async function sharedGroup(sharer: string) {
  const fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 3 });
  const groupId = await formingGroup(platform, fx, sharer);
  const { ref } = data(await answer<{ ref: string }>(platform, 'login', sharer, {}));
  return { fx, groupId, ref };
}

describe('recordShareVisit', () => {
  it('counts a visit once, however many times and however at once it is reported', async () => {
    const { groupId, ref } = await sharedGroup('o-sv-sharer');
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => visit('o-sv-visitor', { ref, groupId, stage: 'opened' })),
    );
    expect(answers.map((a) => data(a).recorded).filter(Boolean)).toHaveLength(1);
    expect(data(await visit('o-sv-visitor', { ref, groupId, stage: 'opened' })).recorded).toBe(false);

    // The next stage, and another visitor, are visits of their own.
    expect(data(await visit('o-sv-visitor', { ref, groupId, stage: 'viewed' })).recorded).toBe(true);
    expect(data(await visit('o-sv-other', { ref, groupId, stage: 'opened' })).recorded).toBe(true);

    const events = await platform.find('share_events', { ref });
    expect(events).toHaveLength(3);
    expect(events.find((e) => e.visitorOpenid === 'o-sv-visitor' && e.stage === 'opened')).toMatchObject({
      sharerOpenid: 'o-sv-sharer',
      groupId,
      day: expect.stringMatching(/^\d{8}$/),
    });
  });

  it('records an activity card the same way', async () => {
    const { fx, ref } = await sharedGroup('o-sv-act-sharer');
    const body = { ref, activityId: fx.activityId, stage: 'opened' };
    expect(data(await visit('o-sv-act-visitor', body)).recorded).toBe(true);
    expect(data(await visit('o-sv-act-visitor', body)).recorded).toBe(false);
    expect(await platform.find('share_events', { activityId: fx.activityId })).toHaveLength(1);
  });

  it("records nothing for the sharer's own visit or a ref nobody holds, and refuses a bad ref or target", async () => {
    const { groupId, ref } = await sharedGroup('o-sv-self');
    expect(data(await visit('o-sv-self', { ref, groupId, stage: 'opened' })).recorded).toBe(false);
    expect(data(await visit('o-sv-x', { ref: 'zzzzzzzz', groupId, stage: 'opened' })).recorded).toBe(false);
    expect(refusal(await visit('o-sv-x', { ref: 'NOT-A-REF', groupId, stage: 'opened' }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await visit('o-sv-x', { ref, groupId, stage: 'paid' }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await visit('o-sv-x', { ref, stage: 'opened' }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await visit('o-sv-x', { ref, groupId: 'G-nope', stage: 'opened' }))).toBe('NOT_FOUND');
    expect(await platform.find('share_events', { ref })).toEqual([]);
  });
});
