/**
 * 团长 applications in the console, through the emulator: ops search and open them, approve (an existing point gets
 * its keeper, a shop becomes a new point, in one transaction with the leader) or decline with a reason; refusals
 * change nothing; the same key again changes nothing; several approvals of one application at once approve it once;
 * two shoppers applying for one point and approved at once: one keeps it, the other is refused.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../testing/envelopes';
import { addPoint, answerApplication, applicationBody, applied, applyAs, SHOP } from '../testing/leaders';
import { staffRefusal } from '../testing/after-sales';
import { answer } from '../testing/shopper';
import { adminCall, addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const PASSWORD = 'Chongqing2026';
let ops: string;
let otherOps: string;
let merchant: string;

let n = 0;
const shopper = () => `o-ld-${++n}-${Date.now().toString(36)}`;

beforeAll(async () => {
  await addStaff(platform, 'ld-ops', PASSWORD);
  await addStaff(platform, 'ld-ops2', PASSWORD);
  await addStaff(platform, 'ld-merchant', PASSWORD, { role: 'merchant', merchantId: 'm-ld' });
  [ops, otherOps, merchant] = await Promise.all([
    signIn(platform, 'ld-ops', PASSWORD),
    signIn(platform, 'ld-ops2', PASSWORD),
    signIn(platform, 'ld-merchant', PASSWORD),
  ]);
});

/** What a refused approval must leave as it was. */
const state = async (applicationId: string, openid: string, pickupPointId?: string) => ({
  application: await platform.get('leader_applications', applicationId),
  leader: await platform.get('leaders', openid),
  point: pickupPointId ? await platform.get('pickup_points', pickupPointId) : null,
  audit: await platform.find('audit_logs', { target: `leader-application/${applicationId}` }),
});

const search = (body: Record<string, unknown>) =>
  adminCall<{ items: { applicationId: string; status: string; createdAt: number }[]; hasMore: boolean }>(
    platform,
    'searchLeaderApplications',
    body,
    ops,
  );

describe('leader applications in the console', () => {
  it('finds a waiting application, opens it with its point, approves it: leader, keeper and audit together', async () => {
    const me = shopper();
    const pointId = await addPoint(platform);
    const applicationId = await applied(platform, me, pointId);
    const newer = await applied(platform, shopper());

    const found = await search({ status: 'pending', limit: 100 });
    expect(found.status).toBe(200);
    if (!found.body.ok) throw new Error(found.body.error.code);
    expect(found.body.data.items.map((a) => a.applicationId)).toContain(applicationId);
    expect(found.body.data.items.every((a) => a.status === 'pending')).toBe(true);
    const times = found.body.data.items.map((a) => a.createdAt);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const page = await search({ limit: 1 });
    expect(page.body).toMatchObject({ ok: true, data: { items: [found.body.data.items[0]], hasMore: true } });
    expect(found.body.data.items.map((a) => a.applicationId)).toContain(newer);

    const opened = await adminCall(platform, 'getLeaderApplication', { applicationId }, ops);
    expect(opened.body).toMatchObject({
      ok: true,
      data: {
        application: { applicationId, openid: me, status: 'pending', actions: ['approve', 'decline'] },
        pickupPoint: {
          pickupPointId: pointId,
          status: 'active',
          location: { type: 'Point', coordinates: [106.5608, 29.5234] },
        },
      },
    });

    const key = randomUUID();
    const { result: approved, trips } = await platform.countingRoundTrips(() =>
      answerApplication(platform, 'approveLeaderApplication', applicationId, ops, { requestKey: key }),
    );
    console.log(`approveLeaderApplication: ${trips} database round trips`);
    expect(approved.body).toMatchObject({
      ok: true,
      data: {
        application: {
          status: 'approved',
          pickupPointId: pointId,
          decidedBy: 'staff:ld-ops',
          decidedAt: expect.any(Number),
          actions: [],
        },
      },
    });
    expect(await platform.get('leaders', me)).toMatchObject({
      applicationId,
      pickupPointId: pointId,
      name: '李秀英',
      approvedBy: 'staff:ld-ops',
    });
    expect(await platform.get('pickup_points', pointId)).toMatchObject({ keeperOpenid: me, status: 'active' });
    expect(await platform.get('users', me)).toMatchObject({ roles: ['shopper', 'leader'] });
    expect(await platform.find('audit_logs', { target: `leader-application/${applicationId}` })).toMatchObject([
      { before: { status: 'pending' }, after: { status: 'approved', openid: me, pickupPointId: pointId } },
    ]);

    // The same approval again (a double click, a retry after a timeout): the same answer, nothing written.
    const before = await state(applicationId, me, pointId);
    const again = await answerApplication(platform, 'approveLeaderApplication', applicationId, ops, {
      requestKey: key,
    });
    expect(again.body).toEqual(approved.body);
    const after = await state(applicationId, me, pointId);
    expect({ ...after, audit: after.audit.length }).toEqual({ ...before, audit: 2 });
    expect(after.audit[1]).toMatchObject({ after: { repeat: true } });

    // A leader applies no more.
    expect(refusal(await applyAs(platform, me, applicationBody()))).toBe('ALREADY_LEADER');
  });

  it('approves a shop as a new point, kept by its applicant, with the applicant as its contact', async () => {
    const me = shopper();
    const applicationId = await applied(platform, me);
    const approved = await answerApplication(platform, 'approveLeaderApplication', applicationId, ops);
    expect(approved.status).toBe(200);
    const pointId = `PP${applicationId}`;
    expect(await platform.get('pickup_points', pointId)).toMatchObject({
      name: SHOP.name,
      address: SHOP.address,
      district: SHOP.district,
      location: SHOP.location,
      keeperOpenid: me,
      contactName: '李秀英',
      contactPhone: '13912345678',
      status: 'active',
    });
    expect(await platform.get('leaders', me)).toMatchObject({ pickupPointId: pointId });
    const list = await applyAs(platform, shopper(), applicationBody(pointId));
    expect(refusal(list)).toBe('PICKUP_POINT_TAKEN');
  });

  it('declines with the reason the applicant reads; the same key again changes nothing', async () => {
    const me = shopper();
    const applicationId = await applied(platform, me);
    const key = randomUUID();
    const declined = await answerApplication(platform, 'declineLeaderApplication', applicationId, ops, {
      requestKey: key,
      reason: '店铺位置不在服务范围内',
    });
    expect(declined.body).toMatchObject({
      ok: true,
      data: { application: { status: 'declined', declineReason: '店铺位置不在服务范围内', actions: [] } },
    });
    const stored = await platform.get('leader_applications', applicationId);
    const again = await answerApplication(platform, 'declineLeaderApplication', applicationId, ops, {
      requestKey: key,
      reason: '店铺位置不在服务范围内',
    });
    expect(again.body).toEqual(declined.body);
    expect(await platform.get('leader_applications', applicationId)).toEqual(stored);
    // Declined, the shopper may apply again.
    expect(refusal(await applyAs(platform, me, applicationBody()))).toBe('ok');
  });

  it('refuses, changing nothing: an answered application, a point kept meanwhile, a blank reason, a merchant', async () => {
    const me = shopper();
    const pointId = await addPoint(platform);
    const applicationId = await applied(platform, me, pointId);
    await platform.update('pickup_points', { _id: pointId }, { $set: { keeperOpenid: 'o-came-first' } });
    let before = await state(applicationId, me, pointId);
    const taken = await answerApplication(platform, 'approveLeaderApplication', applicationId, ops);
    expect([taken.status, staffRefusal(taken)]).toEqual([409, 'PICKUP_POINT_TAKEN']);
    expect(await state(applicationId, me, pointId)).toEqual(before);

    await platform.update('pickup_points', { _id: pointId }, { $set: { status: 'inactive' } });
    await platform.update('pickup_points', { _id: pointId }, { $unset: { keeperOpenid: '' } });
    before = await state(applicationId, me, pointId);
    const inactive = await answerApplication(platform, 'approveLeaderApplication', applicationId, ops);
    expect(staffRefusal(inactive)).toBe('PICKUP_POINT_INACTIVE');
    expect(staffRefusal(await answerApplication(platform, 'declineLeaderApplication', applicationId, ops))).toBe(
      'INVALID_ARGUMENT',
    );
    const blank = await answerApplication(platform, 'declineLeaderApplication', applicationId, ops, { reason: ' ' });
    expect(staffRefusal(blank)).toBe('INVALID_ARGUMENT');
    const byMerchant = await answerApplication(platform, 'approveLeaderApplication', applicationId, merchant);
    expect(byMerchant.status).toBe(403);
    expect(await state(applicationId, me, pointId)).toEqual(before);

    const declined = await answerApplication(platform, 'declineLeaderApplication', applicationId, ops, {
      reason: '自提点已停用',
    });
    expect(declined.status).toBe(200);
    before = await state(applicationId, me, pointId);
    const late = await answerApplication(platform, 'approveLeaderApplication', applicationId, ops);
    expect(staffRefusal(late)).toBe('LEADER_APPLICATION_NOT_ACTIONABLE');
    expect(staffRefusal(await answerApplication(platform, 'approveLeaderApplication', 'LA-nothing', ops))).toBe(
      'NOT_FOUND',
    );
    expect(await state(applicationId, me, pointId)).toEqual(before);
  });

  it('several approvals of one application at once, by two ops: approved once, one leader, one audit entry', async () => {
    const me = shopper();
    const pointId = await addPoint(platform);
    const applicationId = await applied(platform, me, pointId);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        answerApplication(platform, 'approveLeaderApplication', applicationId, i % 2 ? ops : otherOps),
      ),
    );
    const codes = answers.map(staffRefusal).sort();
    expect(codes).toEqual([
      'LEADER_APPLICATION_NOT_ACTIONABLE',
      'LEADER_APPLICATION_NOT_ACTIONABLE',
      'LEADER_APPLICATION_NOT_ACTIONABLE',
      'LEADER_APPLICATION_NOT_ACTIONABLE',
      'LEADER_APPLICATION_NOT_ACTIONABLE',
      'ok',
    ]);
    expect(await platform.find('leaders', { applicationId })).toHaveLength(1);
    expect(await platform.get('pickup_points', pointId)).toMatchObject({ keeperOpenid: me });
    expect(await platform.get('users', me)).toMatchObject({ roles: ['shopper', 'leader'] });
    expect(await platform.find('audit_logs', { target: `leader-application/${applicationId}` })).toHaveLength(1);
  });

  it('the applicant retracting while ops approve: one of the two, and the leader and point agree with it', async () => {
    for (let round = 0; round < 3; round++) {
      const me = shopper();
      const pointId = await addPoint(platform);
      const applicationId = await applied(platform, me, pointId);
      const [approved, retracted] = await Promise.all([
        answerApplication(platform, 'approveLeaderApplication', applicationId, ops),
        answer(platform, 'retractLeaderApplication', me, { applicationId }),
      ]);
      const outcome = [staffRefusal(approved), refusal(retracted)];
      const status = (await platform.get('leader_applications', applicationId))?.status;
      if (status === 'approved') {
        expect(outcome).toEqual(['ok', 'LEADER_APPLICATION_NOT_ACTIONABLE']);
        expect(await platform.get('pickup_points', pointId)).toMatchObject({ keeperOpenid: me });
        expect(await platform.get('leaders', me)).toMatchObject({ pickupPointId: pointId });
      } else {
        expect(status).toBe('retracted');
        expect(outcome).toEqual(['LEADER_APPLICATION_NOT_ACTIONABLE', 'ok']);
        expect((await platform.get('pickup_points', pointId))?.keeperOpenid).toBeUndefined();
        expect(await platform.get('leaders', me)).toBeNull();
      }
    }
  });

  it('two shoppers applying for one point, approved at once: one keeps it, the other is refused and unchanged', async () => {
    const pointId = await addPoint(platform);
    const [a, b] = [shopper(), shopper()];
    const [first, second] = await Promise.all([applied(platform, a, pointId), applied(platform, b, pointId)]);
    const answers = await Promise.all([
      answerApplication(platform, 'approveLeaderApplication', first, ops),
      answerApplication(platform, 'approveLeaderApplication', second, otherOps),
    ]);
    expect(answers.map(staffRefusal).sort()).toEqual(['PICKUP_POINT_TAKEN', 'ok']);
    const winner =
      answers[0] && staffRefusal(answers[0]) === 'ok' ? { openid: a, id: first } : { openid: b, id: second };
    const loser = winner.openid === a ? { openid: b, id: second } : { openid: a, id: first };
    expect(await platform.get('pickup_points', pointId)).toMatchObject({ keeperOpenid: winner.openid });
    expect(await platform.find('leaders', { pickupPointId: pointId })).toMatchObject([{ _id: winner.openid }]);
    expect(await platform.get('leaders', loser.openid)).toBeNull();
    expect(await platform.get('leader_applications', loser.id)).toMatchObject({ status: 'pending' });
    expect(await platform.get('leader_applications', loser.id)).not.toHaveProperty('decidedAt');
  });
});
