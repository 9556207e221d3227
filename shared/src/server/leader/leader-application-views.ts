/**
 * What the 团长 area's functions and actions share: an application's id (derived from its applicant and their
 * submission key, so the same submission is the same application), and an application as its applicant and as ops
 * read it.
 */
import { createHash } from 'node:crypto';
import type { ConsoleLeaderApplication, LeaderPointView } from '../../contracts/admin';
import type { LeaderApplicationView, LeaderView } from '../../contracts/leader-application-view.schema';
import type { PickupPoint } from '../../domain/catalog.schema';
import type { Leader, LeaderApplication } from '../../domain/leader.schema';
import { LEADER_POINT_CHOICE_LABELS } from '../../domain/leader.schema';
import { LEADER_APPLICATION_STATUS_LABELS, leaderApplicationMachine } from '../../domain/leader-application.machine';

/** `LA` and 24 hex digits of the SHA-256 of the applicant and their key: the same submission, the same id. */
export const leaderApplicationIdFor = (openid: string, requestKey: string): string =>
  `LA${createHash('sha256').update(`leader-application:${openid}:${requestKey}`).digest('hex').slice(0, 24)}`;

const common = (application: LeaderApplication) => ({
  applicationId: application._id,
  status: application.status,
  statusLabel: LEADER_APPLICATION_STATUS_LABELS[application.status],
  name: application.name,
  phone: application.phone,
  community: application.community,
  point: application.point,
  pointLabel: LEADER_POINT_CHOICE_LABELS[application.point.kind],
  ...(application.declineReason !== undefined ? { declineReason: application.declineReason } : {}),
  ...(application.pickupPointId !== undefined ? { pickupPointId: application.pickupPointId } : {}),
  createdAt: application.createdAt,
  ...(application.decidedAt !== undefined ? { decidedAt: application.decidedAt } : {}),
});

export const shopperLeaderApplication = (application: LeaderApplication): LeaderApplicationView => ({
  ...common(application),
  actions: leaderApplicationMachine.next(application.status, 'retracted_by_applicant') ? ['retract'] : [],
});

export const consoleLeaderApplication = (application: LeaderApplication): ConsoleLeaderApplication => ({
  ...common(application),
  openid: application.openid,
  ...(application.decidedBy !== undefined ? { decidedBy: application.decidedBy } : {}),
  updatedAt: application.updatedAt,
  actions: [
    ...(leaderApplicationMachine.next(application.status, 'approved_by_ops') ? (['approve'] as const) : []),
    ...(leaderApplicationMachine.next(application.status, 'declined_by_ops') ? (['decline'] as const) : []),
  ],
});

export const leaderPointView = (point: PickupPoint): LeaderPointView => ({
  pickupPointId: point._id,
  name: point.name,
  district: point.district,
  address: point.address,
  location: point.location,
  status: point.status,
  ...(point.keeperOpenid !== undefined ? { keeperOpenid: point.keeperOpenid } : {}),
});

export const leaderView = (leader: Leader, point: PickupPoint): LeaderView => ({
  name: leader.name,
  phone: leader.phone,
  community: leader.community,
  approvedAt: leader.approvedAt,
  pickupPoint: { pickupPointId: point._id, name: point.name, address: point.address, district: point.district },
});
