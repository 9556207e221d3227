/**
 * Registered 团长: the application a shopper submits (name, phone, community, and the pickup point they will run:
 * an existing one or their own shop as a new one) and the leader it makes once ops approve it (`leaders`, keyed by
 * the leader's openid). A leader runs exactly one pickup point: the point's `keeperOpenid` names them, and a point
 * with another keeper cannot be chosen. Every decision here is pure; the repositories write what it returns.
 */
import * as z from '../kernel/zod';
import { type PickupPoint, pickupPointSchema } from './catalog.schema';
import {
  districtSchema,
  geoPointSchema,
  idSchema,
  instantSchema,
  openidSchema,
  shownTextSchema,
} from './common.schema';
import {
  LEADER_APPLICATION_OPEN_STATUSES,
  LEADER_APPLICATION_SUBMITTED_STATUS,
  leaderApplicationMachine,
  leaderApplicationStatusSchema,
  type LeaderApplicationStatus,
} from './leader-application.machine';
import { isInChongqing, isPickupPointActive, PICKUP_POINT_OPEN_STATUS } from './pickup-point.machine';

/** A mainland mobile number: 11 digits, 1 then 3–9 (what WeChat's phone number component gives). */
export const CN_MOBILE = /^1[3-9]\d{9}$/;

export const LEADER_TEXT_LIMITS = { name: 20, community: 40, shopName: 40, shopAddress: 120, reason: 200 } as const;

/** The applicant's own shop (a convenience store, a parcel station) offered as a new pickup point. */
export const newShopSchema = z.object({
  name: shownTextSchema(LEADER_TEXT_LIMITS.shopName),
  address: shownTextSchema(LEADER_TEXT_LIMITS.shopAddress),
  district: districtSchema,
  location: geoPointSchema.refine(isInChongqing, '店铺位置须在重庆市内'),
});
export type NewShop = z.infer<typeof newShopSchema>;

/** The point the applicant will run: an existing one, or their own shop as a new one. */
export const leaderPointChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('existing'), pickupPointId: idSchema }),
  z.object({ kind: z.literal('new_shop'), shop: newShopSchema }),
]);
export type LeaderPointChoice = z.infer<typeof leaderPointChoiceSchema>;

export const LEADER_POINT_CHOICE_LABELS: Record<LeaderPointChoice['kind'], string> = {
  existing: '选择已有自提点',
  new_shop: '登记自己的店铺为新自提点',
};

/** What the applicant sends. */
export const leaderApplicationRequestSchema = z.object({
  name: shownTextSchema(LEADER_TEXT_LIMITS.name),
  phone: z.string().regex(CN_MOBILE, '请填写 11 位手机号'),
  community: shownTextSchema(LEADER_TEXT_LIMITS.community),
  point: leaderPointChoiceSchema,
});
export type LeaderApplicationRequest = z.infer<typeof leaderApplicationRequestSchema>;

/** A decline's reason, which the applicant reads. */
export const declineReasonSchema = shownTextSchema(LEADER_TEXT_LIMITS.reason);

export const leaderApplicationSchema = leaderApplicationRequestSchema.extend({
  _id: idSchema,
  openid: openidSchema,
  status: leaderApplicationStatusSchema,
  /** Why ops declined it. */
  declineReason: z.string().max(LEADER_TEXT_LIMITS.reason).optional(),
  /** Who answered it (`staff:<account>`) and when. */
  decidedBy: z.string().optional(),
  decidedAt: instantSchema.optional(),
  /** The point the leader runs, once approved (for a new shop: the point made from it). */
  pickupPointId: idSchema.optional(),
  /** The console's request key of the answer: the same answer sent again changes nothing. */
  decisionKey: z.string().optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type LeaderApplication = z.infer<typeof leaderApplicationSchema>;

/** A registered leader, keyed by openid: made by the approval of their application. */
export const leaderSchema = z.object({
  _id: openidSchema,
  applicationId: idSchema,
  name: z.string().min(1).max(LEADER_TEXT_LIMITS.name),
  phone: z.string().regex(CN_MOBILE),
  community: z.string().min(1).max(LEADER_TEXT_LIMITS.community),
  /** The one pickup point they run. */
  pickupPointId: idSchema,
  approvedBy: z.string(),
  approvedAt: instantSchema,
  /**
   * How many withdrawals the leader asked for: each request rewrites it in its transaction, so a leader's requests
   * are decided one after the other on the balance as the one before left it.
   */
  withdrawalSeq: z.number().int().nonnegative().optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Leader = z.infer<typeof leaderSchema>;

/** A new application, as first stored. */
export function newLeaderApplication(
  request: LeaderApplicationRequest,
  applicant: { readonly id: string; readonly openid: string; readonly now: number },
): LeaderApplication {
  return {
    ...request,
    _id: applicant.id,
    openid: applicant.openid,
    status: LEADER_APPLICATION_SUBMITTED_STATUS,
    createdAt: applicant.now,
    updatedAt: applicant.now,
  };
}

/** Why a shopper may not apply now: they lead a point already, or an application of theirs waits for ops. */
export function applicationRefusal(applicant: {
  readonly leader: Leader | null;
  readonly openApplication: Pick<LeaderApplication, 'status'> | null;
}): 'ALREADY_LEADER' | 'LEADER_APPLICATION_OPEN' | undefined {
  if (applicant.leader) return 'ALREADY_LEADER';
  if (applicant.openApplication && LEADER_APPLICATION_OPEN_STATUSES.includes(applicant.openApplication.status)) {
    return 'LEADER_APPLICATION_OPEN';
  }
  return undefined;
}

/**
 * Why an existing point may not be run by this applicant: it does not exist, it is deactivated, or it has a keeper
 * who is someone else (a point has one leader). Checked when the application is submitted and again on approval.
 */
export function existingPointRefusal(
  point: Pick<PickupPoint, 'status' | 'keeperOpenid'> | null,
  applicantOpenid: string,
): 'NOT_FOUND' | 'PICKUP_POINT_INACTIVE' | 'PICKUP_POINT_TAKEN' | undefined {
  if (!point) return 'NOT_FOUND';
  if (!isPickupPointActive(point)) return 'PICKUP_POINT_INACTIVE';
  if (point.keeperOpenid !== undefined && point.keeperOpenid !== applicantOpenid) return 'PICKUP_POINT_TAKEN';
  return undefined;
}

/** The id of the point made from an application's shop: derived, so a repeated approval makes the same point. */
export const leaderShopPointIdFor = (applicationId: string): string => `PP${applicationId}`;

/** What an approval writes: the application, the new leader, and the point they now keep. */
export interface LeaderApproval {
  readonly applicationPatch: {
    readonly status: LeaderApplicationStatus;
    readonly pickupPointId: string;
    readonly decidedBy: string;
    readonly decidedAt: number;
    readonly updatedAt: number;
  };
  readonly leader: Leader;
  /** An existing point gets its keeper (conditional on having none, or this one); a shop becomes a new point. */
  readonly point:
    | { readonly kind: 'existing'; readonly pickupPointId: string; readonly keeperOpenid: string }
    | { readonly kind: 'created'; readonly point: PickupPoint };
}

export type LeaderApprovalRefusal =
  'LEADER_APPLICATION_NOT_ACTIONABLE' | 'ALREADY_LEADER' | 'NOT_FOUND' | 'PICKUP_POINT_INACTIVE' | 'PICKUP_POINT_TAKEN';

/**
 * Ops approve a pending application. The applicant must not lead a point already, and an existing point must still
 * be free for them (`existingPointRefusal`); a shop becomes a new active point with the applicant as its keeper and
 * contact, under an id derived from the application.
 */
export function decideLeaderApproval(
  application: LeaderApplication,
  context: {
    /** The applicant's leader document, if they already have one. */
    readonly leader: Leader | null;
    /** The chosen existing point as it is now (ignored for a new shop). */
    readonly point: Pick<PickupPoint, 'status' | 'keeperOpenid'> | null;
    readonly by: string;
    readonly now: number;
  },
): LeaderApproval | LeaderApprovalRefusal {
  const status = leaderApplicationMachine.next(application.status, 'approved_by_ops');
  if (!status) return 'LEADER_APPLICATION_NOT_ACTIONABLE';
  if (context.leader) return 'ALREADY_LEADER';
  const { now, by } = context;
  const choice = application.point;
  let point: LeaderApproval['point'];
  if (choice.kind === 'existing') {
    const refusal = existingPointRefusal(context.point, application.openid);
    if (refusal) return refusal;
    point = { kind: 'existing', pickupPointId: choice.pickupPointId, keeperOpenid: application.openid };
  } else {
    point = {
      kind: 'created',
      point: pickupPointSchema.parse({
        _id: leaderShopPointIdFor(application._id),
        name: choice.shop.name,
        district: choice.shop.district,
        address: choice.shop.address,
        location: choice.shop.location,
        keeperOpenid: application.openid,
        contactName: application.name,
        contactPhone: application.phone,
        status: PICKUP_POINT_OPEN_STATUS,
        createdAt: now,
        updatedAt: now,
      }),
    };
  }
  const pickupPointId = point.kind === 'existing' ? point.pickupPointId : point.point._id;
  return {
    applicationPatch: { status, pickupPointId, decidedBy: by, decidedAt: now, updatedAt: now },
    leader: {
      _id: application.openid,
      applicationId: application._id,
      name: application.name,
      phone: application.phone,
      community: application.community,
      pickupPointId,
      approvedBy: by,
      approvedAt: now,
      createdAt: now,
      updatedAt: now,
    },
    point,
  };
}

/** Ops decline a pending application, with the reason the applicant reads. */
export function decideLeaderDecline(
  application: Pick<LeaderApplication, 'status'>,
  decline: { readonly reason: string; readonly by: string; readonly now: number },
):
  | {
      readonly status: LeaderApplicationStatus;
      readonly declineReason: string;
      readonly decidedBy: string;
      readonly decidedAt: number;
      readonly updatedAt: number;
    }
  | 'LEADER_APPLICATION_NOT_ACTIONABLE'
  | 'INVALID_ARGUMENT' {
  const status = leaderApplicationMachine.next(application.status, 'declined_by_ops');
  if (!status) return 'LEADER_APPLICATION_NOT_ACTIONABLE';
  const reason = declineReasonSchema.safeParse(decline.reason);
  if (!reason.success) return 'INVALID_ARGUMENT';
  return {
    status,
    declineReason: reason.data,
    decidedBy: decline.by,
    decidedAt: decline.now,
    updatedAt: decline.now,
  };
}

/** The applicant takes back their own pending application; anyone else's reads as not found. */
export function decideLeaderRetraction(
  application: Pick<LeaderApplication, 'status' | 'openid'>,
  by: { readonly openid: string; readonly now: number },
):
  | { readonly status: LeaderApplicationStatus; readonly updatedAt: number }
  | 'NOT_FOUND'
  | 'LEADER_APPLICATION_NOT_ACTIONABLE' {
  if (application.openid !== by.openid) return 'NOT_FOUND';
  const status = leaderApplicationMachine.next(application.status, 'retracted_by_applicant');
  if (!status) return 'LEADER_APPLICATION_NOT_ACTIONABLE';
  return { status, updatedAt: by.now };
}
