/**
 * 团长 applications in platform tests: pickup points to name, an application's body, the shopper's calls and the
 * console's answers.
 */
import { randomUUID } from 'node:crypto';
import type { Platform } from '../../../../testing/platform';
import type { Envelope } from './envelopes';
import { answer } from './shopper';
import { adminCall, type AdminAnswer } from './staff';

let points = 0;

/** An active pickup point (with a keeper if told); answers its id. */
export async function addPoint(platform: Platform, keeperOpenid?: string): Promise<string> {
  const pickupPointId = `pp-lead-${++points}-${Date.now().toString(36)}`;
  const now = Date.now();
  await platform.insert('pickup_points', [
    {
      _id: pickupPointId,
      name: '南坪便民驿站',
      district: '南岸区',
      address: '南岸区南坪正街 12 号',
      location: { type: 'Point', coordinates: [106.5608, 29.5234] },
      openHours: '09:00-21:00',
      contactName: '',
      contactPhone: '',
      status: 'active',
      ...(keeperOpenid ? { keeperOpenid } : {}),
      createdAt: now,
      updatedAt: now,
    },
  ]);
  return pickupPointId;
}

/** The applicant's own shop, as a new point. */
export const SHOP = {
  name: '李姐便利店',
  address: '九龙坡区杨家坪步行街 3 号',
  district: '九龙坡区',
  location: { type: 'Point', coordinates: [106.5115, 29.5036] },
} as const;

/** An application's body: an existing point when `pickupPointId` is given, else the shop; a fresh key unless told. */
export const applicationBody = (pickupPointId?: string, body: Record<string, unknown> = {}) => ({
  name: '李秀英',
  phone: '13912345678',
  community: '杨家坪西郊路社区',
  point: pickupPointId ? { kind: 'existing', pickupPointId } : { kind: 'new_shop', shop: SHOP },
  requestKey: randomUUID(),
  ...body,
});

export interface ApplicationAnswer {
  readonly applicationId: string;
  readonly status: string;
  readonly actions: string[];
  readonly [field: string]: unknown;
}

export const applyAs = (platform: Platform, openid: string, body: Record<string, unknown>) =>
  answer<ApplicationAnswer>(platform, 'applyForLeader', openid, body);

export const myApplication = (platform: Platform, openid: string) =>
  answer<{ application: ApplicationAnswer | null; leader: Record<string, unknown> | null }>(
    platform,
    'getMyLeaderApplication',
    openid,
    {},
  );

/** An application the test expects to be made; answers its id. */
export async function applied(platform: Platform, openid: string, pickupPointId?: string): Promise<string> {
  const made: Envelope<ApplicationAnswer> = await applyAs(platform, openid, applicationBody(pickupPointId));
  if (!made.ok) throw new Error(`applyForLeader ${openid}: ${made.error.code}`);
  return made.data.applicationId;
}

export type ConsoleApplicationAnswer = AdminAnswer<{
  application: { applicationId: string; status: string; actions: string[]; [field: string]: unknown };
}>;

/** approveLeaderApplication or declineLeaderApplication, with a fresh key unless told. */
export const answerApplication = (
  platform: Platform,
  action: 'approveLeaderApplication' | 'declineLeaderApplication',
  applicationId: string,
  token: string,
  body: Record<string, unknown> = {},
): Promise<ConsoleApplicationAnswer> =>
  adminCall(
    platform,
    action,
    { applicationId, requestKey: randomUUID(), ...body },
    token,
  ) as Promise<ConsoleApplicationAnswer>;
