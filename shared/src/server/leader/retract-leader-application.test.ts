/**
 * retractLeaderApplication through the emulator: the applicant takes back a waiting application (sent again, the
 * same answer) and may apply again; someone else's reads as missing; an answered one cannot be taken back.
 */
import { describe, expect, it } from 'vitest';
import { data, refusal } from '../testing/envelopes';
import { applicationBody, applied, applyAs, myApplication } from '../testing/leaders';
import { answer } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

let n = 0;
const shopper = () => `o-lr-${++n}-${Date.now().toString(36)}`;

const retract = (openid: string, applicationId: string) =>
  answer<{ applicationId: string; status: string; actions: string[] }>(platform, 'retractLeaderApplication', openid, {
    applicationId,
  });

describe('retractLeaderApplication', () => {
  it('retracts a waiting application, once however often it is sent; then the shopper applies again', async () => {
    const me = shopper();
    const applicationId = await applied(platform, me);
    const retracted = data(await retract(me, applicationId));
    expect(retracted).toMatchObject({ applicationId, status: 'retracted', statusLabel: '已撤回', actions: [] });
    const stored = await platform.get('leader_applications', applicationId);
    expect(data(await retract(me, applicationId))).toEqual(retracted);
    expect(await platform.get('leader_applications', applicationId)).toEqual(stored);

    const again = data(await applyAs(platform, me, applicationBody()));
    expect(again.applicationId).not.toBe(applicationId);
    expect(data(await myApplication(platform, me)).application?.applicationId).toBe(again.applicationId);
  });

  it("refuses, changing nothing: someone else's, one that does not exist, one ops declined", async () => {
    const me = shopper();
    const applicationId = await applied(platform, me);
    const before = await platform.get('leader_applications', applicationId);
    expect(refusal(await retract(shopper(), applicationId))).toBe('NOT_FOUND');
    expect(refusal(await retract(me, 'LA-nothing'))).toBe('NOT_FOUND');
    expect(await platform.get('leader_applications', applicationId)).toEqual(before);

    await platform.update('leader_applications', { _id: applicationId }, { $set: { status: 'declined' } });
    const declined = await platform.get('leader_applications', applicationId);
    expect(refusal(await retract(me, applicationId))).toBe('LEADER_APPLICATION_NOT_ACTIONABLE');
    expect(await platform.get('leader_applications', applicationId)).toEqual(declined);
  });
});
