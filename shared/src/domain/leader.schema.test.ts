import { describe, expect, it } from 'vitest';
import { pickupPointSchema } from './catalog.schema';
import { geoPoint } from './common.schema';
import {
  applicationRefusal,
  CN_MOBILE,
  decideLeaderApproval,
  decideLeaderDecline,
  decideLeaderRetraction,
  existingPointRefusal,
  type Leader,
  type LeaderApplication,
  leaderApplicationRequestSchema,
  leaderApplicationSchema,
  leaderSchema,
  leaderShopPointIdFor,
  newLeaderApplication,
} from './leader.schema';

const NOW = 1_764_000_000_000;
const shop = {
  name: '王姐便利店',
  address: '南岸区南坪西路 38 号',
  district: '南岸区',
  location: geoPoint(106.5605, 29.5247),
};
const request = (point: unknown = { kind: 'new_shop', shop }) =>
  leaderApplicationRequestSchema.parse({ name: '王芳', phone: '13800138000', community: '南坪东路社区', point });
const application = (point?: unknown, status: LeaderApplication['status'] = 'pending'): LeaderApplication => ({
  ...newLeaderApplication(request(point), { id: 'LA20261202120000abcdefgh', openid: 'o-wang', now: NOW }),
  status,
});
const leader: Leader = {
  _id: 'o-wang',
  applicationId: 'LA1',
  name: '王芳',
  phone: '13800138000',
  community: '南坪东路社区',
  pickupPointId: 'PP1',
  approvedBy: 'staff:ops1',
  approvedAt: NOW,
  createdAt: NOW,
  updatedAt: NOW,
};

describe('a leader application', () => {
  it('takes a name, a mainland mobile, a community, and an existing point or a shop in Chongqing', () => {
    expect(request({ kind: 'existing', pickupPointId: 'PP1' }).point).toEqual({
      kind: 'existing',
      pickupPointId: 'PP1',
    });
    expect(request().point).toEqual({ kind: 'new_shop', shop });
    const bad = (change: Record<string, unknown>) =>
      leaderApplicationRequestSchema.safeParse({
        name: '王芳',
        phone: '13800138000',
        community: '南坪东路社区',
        point: { kind: 'new_shop', shop },
        ...change,
      }).success;
    expect(bad({})).toBe(true);
    for (const phone of ['12800138000', '1380013800', '023-63800001', '+8613800138000'])
      expect(bad({ phone })).toBe(false);
    expect(bad({ name: '  ' })).toBe(false);
    expect(bad({ name: '王\u202E芳' })).toBe(false);
    expect(bad({ community: 'x'.repeat(41) })).toBe(false);
    expect(bad({ point: { kind: 'new_shop', shop: { ...shop, district: '成都市' } } })).toBe(false);
    expect(bad({ point: { kind: 'new_shop', shop: { ...shop, location: geoPoint(29.5247, 106.5605) } } })).toBe(false);
    expect(bad({ point: { kind: 'existing' } })).toBe(false);
    expect(bad({ point: { kind: 'somewhere' } })).toBe(false);
    expect(CN_MOBILE.test('19912345678')).toBe(true);
  });

  it('is stored pending, as the applicant sent it', () => {
    const stored = application();
    expect(leaderApplicationSchema.parse(stored)).toEqual(stored);
    expect(stored).toMatchObject({ status: 'pending', openid: 'o-wang', createdAt: NOW, updatedAt: NOW });
  });

  it('is refused to a leader and to an applicant already waiting', () => {
    expect(applicationRefusal({ leader: null, openApplication: null })).toBeUndefined();
    expect(applicationRefusal({ leader, openApplication: null })).toBe('ALREADY_LEADER');
    expect(applicationRefusal({ leader: null, openApplication: { status: 'pending' } })).toBe(
      'LEADER_APPLICATION_OPEN',
    );
    for (const status of ['approved', 'declined', 'retracted'] as const)
      expect(applicationRefusal({ leader: null, openApplication: { status } })).toBeUndefined();
  });

  it('may name only an active point that has no other keeper', () => {
    expect(existingPointRefusal(null, 'o-wang')).toBe('NOT_FOUND');
    expect(existingPointRefusal({ status: 'inactive' }, 'o-wang')).toBe('PICKUP_POINT_INACTIVE');
    expect(existingPointRefusal({ status: 'active', keeperOpenid: 'o-li' }, 'o-wang')).toBe('PICKUP_POINT_TAKEN');
    expect(existingPointRefusal({ status: 'active', keeperOpenid: 'o-wang' }, 'o-wang')).toBeUndefined();
    expect(existingPointRefusal({ status: 'active' }, 'o-wang')).toBeUndefined();
  });
});

describe('approving an application', () => {
  const context = { leader: null, point: null, by: 'staff:ops1', now: NOW + 1 };

  it('makes a leader of an existing point, and that point’s keeper', () => {
    const decision = decideLeaderApproval(application({ kind: 'existing', pickupPointId: 'PP7' }), {
      ...context,
      point: { status: 'active' },
    });
    if (typeof decision === 'string') throw new Error(decision);
    expect(decision.point).toEqual({ kind: 'existing', pickupPointId: 'PP7', keeperOpenid: 'o-wang' });
    expect(decision.applicationPatch).toEqual({
      status: 'approved',
      pickupPointId: 'PP7',
      decidedBy: 'staff:ops1',
      decidedAt: NOW + 1,
      updatedAt: NOW + 1,
    });
    expect(leaderSchema.parse(decision.leader)).toEqual({
      _id: 'o-wang',
      applicationId: 'LA20261202120000abcdefgh',
      name: '王芳',
      phone: '13800138000',
      community: '南坪东路社区',
      pickupPointId: 'PP7',
      approvedBy: 'staff:ops1',
      approvedAt: NOW + 1,
      createdAt: NOW + 1,
      updatedAt: NOW + 1,
    });
  });

  it('makes a shop a new active point the leader keeps, under an id a repeat finds again', () => {
    const first = decideLeaderApproval(application(), context);
    const again = decideLeaderApproval(application(), context);
    if (typeof first === 'string' || first.point.kind !== 'created') throw new Error('expected a new point');
    expect(again).toEqual(first);
    expect(pickupPointSchema.parse(first.point.point)).toEqual({
      _id: 'PPLA20261202120000abcdefgh',
      name: '王姐便利店',
      district: '南岸区',
      address: '南岸区南坪西路 38 号',
      location: shop.location,
      keeperOpenid: 'o-wang',
      openHours: '',
      contactName: '王芳',
      contactPhone: '13800138000',
      status: 'active',
      createdAt: NOW + 1,
      updatedAt: NOW + 1,
    });
    expect(first.leader.pickupPointId).toBe(leaderShopPointIdFor('LA20261202120000abcdefgh'));
    expect(first.applicationPatch.pickupPointId).toBe(first.point.point._id);
  });

  it('is refused for an application already answered, an applicant who leads a point, or a point no longer free', () => {
    for (const status of ['approved', 'declined', 'retracted'] as const)
      expect(decideLeaderApproval(application(undefined, status), context)).toBe('LEADER_APPLICATION_NOT_ACTIONABLE');
    expect(decideLeaderApproval(application(), { ...context, leader })).toBe('ALREADY_LEADER');
    const existing = application({ kind: 'existing', pickupPointId: 'PP7' });
    expect(decideLeaderApproval(existing, context)).toBe('NOT_FOUND');
    expect(decideLeaderApproval(existing, { ...context, point: { status: 'inactive' } })).toBe('PICKUP_POINT_INACTIVE');
    expect(decideLeaderApproval(existing, { ...context, point: { status: 'active', keeperOpenid: 'o-li' } })).toBe(
      'PICKUP_POINT_TAKEN',
    );
  });
});

describe('declining and retracting an application', () => {
  it('declines a pending application with the reason the applicant reads', () => {
    expect(
      decideLeaderDecline({ status: 'pending' }, { reason: ' 店铺地址不在服务范围 ', by: 'staff:ops1', now: NOW }),
    ).toEqual({
      status: 'declined',
      declineReason: '店铺地址不在服务范围',
      decidedBy: 'staff:ops1',
      decidedAt: NOW,
      updatedAt: NOW,
    });
    expect(decideLeaderDecline({ status: 'pending' }, { reason: '   ', by: 'staff:ops1', now: NOW })).toBe(
      'INVALID_ARGUMENT',
    );
    expect(decideLeaderDecline({ status: 'approved' }, { reason: '重复', by: 'staff:ops1', now: NOW })).toBe(
      'LEADER_APPLICATION_NOT_ACTIONABLE',
    );
  });

  it('lets only the applicant retract, and only while it is pending', () => {
    expect(decideLeaderRetraction({ status: 'pending', openid: 'o-wang' }, { openid: 'o-wang', now: NOW })).toEqual({
      status: 'retracted',
      updatedAt: NOW,
    });
    expect(decideLeaderRetraction({ status: 'pending', openid: 'o-wang' }, { openid: 'o-li', now: NOW })).toBe(
      'NOT_FOUND',
    );
    expect(decideLeaderRetraction({ status: 'declined', openid: 'o-wang' }, { openid: 'o-wang', now: NOW })).toBe(
      'LEADER_APPLICATION_NOT_ACTIONABLE',
    );
  });
});
