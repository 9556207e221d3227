/**
 * getMyLeaderApplication through the emulator: nothing before applying, the waiting application after, and once
 * ops approve, the leader and the point they run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { data } from '../testing/envelopes';
import { addPoint, answerApplication, applied, myApplication } from '../testing/leaders';
import { addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const PASSWORD = 'Chongqing2026';
let token: string;

beforeAll(async () => {
  await addStaff(platform, 'lm-ops', PASSWORD);
  token = await signIn(platform, 'lm-ops', PASSWORD);
});

describe('getMyLeaderApplication', () => {
  it('answers nothing, then the waiting application, then the leader and their point', async () => {
    const me = `o-lm-${Date.now().toString(36)}`;
    expect(data(await myApplication(platform, me))).toEqual({ application: null, leader: null });

    const pointId = await addPoint(platform);
    const applicationId = await applied(platform, me, pointId);
    expect(data(await myApplication(platform, me))).toMatchObject({
      application: { applicationId, status: 'pending', actions: ['retract'] },
      leader: null,
    });

    const approved = await answerApplication(platform, 'approveLeaderApplication', applicationId, token);
    expect(approved.status).toBe(200);
    const { result, trips } = await platform.countingRoundTrips(() => myApplication(platform, me));
    console.log(`getMyLeaderApplication (a leader): ${trips} database round trips`);
    expect(data(result)).toEqual({
      application: expect.objectContaining({ applicationId, status: 'approved', pickupPointId: pointId, actions: [] }),
      leader: {
        name: '李秀英',
        phone: '13912345678',
        community: '杨家坪西郊路社区',
        approvedAt: expect.any(Number),
        pickupPoint: {
          pickupPointId: pointId,
          name: '南坪便民驿站',
          address: '南岸区南坪正街 12 号',
          district: '南岸区',
        },
      },
    });
  });
});
