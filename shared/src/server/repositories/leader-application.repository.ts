/**
 * 团长 applications (`leader_applications`). Every change is one transaction deciding on what it read, as the
 * domain says (`leader.schema.ts`): applying reads and rewrites the applicant's user document
 * (`leaderApplicationId`, their latest application), so two applications of one shopper are decided one after the
 * other; an approval writes the application, the new leader and the point (its keeper, or the new point) together,
 * so two approvals of one application, or of two applications naming the same point, conflict and the later one
 * decides again on what the earlier wrote.
 */
import { type PickupPoint, pickupPointSchema } from '../../domain/catalog.schema';
import {
  type Leader,
  type LeaderApplication,
  leaderApplicationSchema,
  type LeaderApproval,
  leaderSchema,
} from '../../domain/leader.schema';
import type { LeaderApplicationStatus } from '../../domain/leader-application.machine';
import { userSchema, withLeaderRole } from '../../domain/user.schema';
import { DomainError } from '../../kernel/errors';
import { COLLECTIONS } from '../cloudbase/collections';
import { db, getById, getMany, inTransaction, type Patch, plain, type TransactionRef } from '../cloudbase/db';

const applications = () => db().collection(COLLECTIONS.leaderApplications);

async function readIn<T>(tx: TransactionRef, collection: string, id: string, parse: (d: unknown) => T) {
  const data = plain((await tx.collection(collection).doc(id).get()).data);
  return data ? parse(data) : null;
}

const parseApplication = (d: unknown) => leaderApplicationSchema.parse(d);

export async function getLeaderApplication(id: string): Promise<LeaderApplication | null> {
  const data = await getById(COLLECTIONS.leaderApplications, id);
  return data ? parseApplication(data) : null;
}

/** What an application is decided on: the applicant's leader document, their latest application, the point. */
export interface ApplicantState {
  readonly leader: Leader | null;
  readonly latest: LeaderApplication | null;
  /** The existing point the application names, as it is now (null: none named, or missing). */
  readonly point: PickupPoint | null;
}

export interface SubmittedApplication {
  readonly application: LeaderApplication;
  /** False when an application with this id existed (the same submission again): nothing was written. */
  readonly fresh: boolean;
}

/**
 * Submits an application under `id` (derived from the applicant and their submission key) in one transaction:
 * an application of that id answers itself; otherwise the applicant's user document (which must exist), their
 * latest application, their leader document and the named point are read, `decide` answers the application or
 * throws a refusal, and the application and the user's `leaderApplicationId` are written together.
 */
export async function submitLeaderApplication(
  openid: string,
  id: string,
  pickupPointId: string | undefined,
  decide: (state: ApplicantState) => LeaderApplication,
): Promise<SubmittedApplication> {
  return inTransaction(async (tx) => {
    const made = await readIn(tx, COLLECTIONS.leaderApplications, id, parseApplication);
    if (made) {
      if (made.openid !== openid) throw new DomainError('NOT_FOUND', `leader application ${id}`);
      return { application: made, fresh: false };
    }
    const user = await readIn(tx, COLLECTIONS.users, openid, (d) => userSchema.parse(d));
    if (!user) throw new Error(`user ${openid} missing: applying creates it first`);
    const latest = user.leaderApplicationId
      ? await readIn(tx, COLLECTIONS.leaderApplications, user.leaderApplicationId, parseApplication)
      : null;
    const leader = await readIn(tx, COLLECTIONS.leaders, openid, (d) => leaderSchema.parse(d));
    const point = pickupPointId
      ? await readIn(tx, COLLECTIONS.pickupPoints, pickupPointId, (d) => pickupPointSchema.parse(d))
      : null;
    const application = decide({ leader, latest, point });
    await tx.collection(COLLECTIONS.leaderApplications).add({ data: application });
    await tx
      .collection(COLLECTIONS.users)
      .doc(openid)
      .update({ data: { leaderApplicationId: application._id } });
    return { application, fresh: true };
  });
}

/** What a decision on an application answers: the patch to write (none: nothing to do) and the caller's result. */
export interface ApplicationChange<T> {
  readonly patch?: Patch | undefined;
  readonly result: T;
}

/** Changes one application in a transaction: `decide` answers the patch on what was read (or throws a refusal). */
export async function changeLeaderApplication<T>(
  id: string,
  decide: (application: LeaderApplication) => ApplicationChange<T>,
): Promise<T> {
  return inTransaction(async (tx) => {
    const application = await readIn(tx, COLLECTIONS.leaderApplications, id, parseApplication);
    if (!application) throw new DomainError('NOT_FOUND', `leader application ${id}`);
    const { patch, result } = decide(application);
    if (patch) {
      await tx.collection(COLLECTIONS.leaderApplications).doc(id).update({ data: patch });
    }
    return result;
  });
}

/** What an approval is decided on, beyond the application: the applicant's leader document and the named point. */
export interface ApprovalState {
  readonly leader: Leader | null;
  readonly point: PickupPoint | null;
}

/**
 * Approves an application in one transaction: it, the applicant's leader document and the existing point it names
 * are read; `decide` answers the approval, null (nothing to write: a repeat) or throws a refusal; the application's
 * patch (with `decisionKey`), the leader, the point (its keeper, or the new point) and the applicant's `leader` role
 * are written together.
 * Answers the application as it then is, and whether this call approved it.
 */
export async function approveLeaderApplication(
  id: string,
  decisionKey: string,
  decide: (application: LeaderApplication, state: ApprovalState) => LeaderApproval | null,
): Promise<{ before: LeaderApplication; application: LeaderApplication; changed: boolean }> {
  return inTransaction(async (tx) => {
    const before = await readIn(tx, COLLECTIONS.leaderApplications, id, parseApplication);
    if (!before) throw new DomainError('NOT_FOUND', `leader application ${id}`);
    const leader = await readIn(tx, COLLECTIONS.leaders, before.openid, (d) => leaderSchema.parse(d));
    const point =
      before.point.kind === 'existing'
        ? await readIn(tx, COLLECTIONS.pickupPoints, before.point.pickupPointId, (d) => pickupPointSchema.parse(d))
        : null;
    const approval = decide(before, { leader, point });
    if (!approval) return { before, application: before, changed: false };
    const user = await readIn(tx, COLLECTIONS.users, before.openid, (d) => userSchema.parse(d));
    const patch = { ...approval.applicationPatch, decisionKey };
    await tx.collection(COLLECTIONS.leaderApplications).doc(id).update({ data: patch });
    await tx.collection(COLLECTIONS.leaders).add({ data: approval.leader });
    const roles = user ? withLeaderRole(user.roles) : [];
    if (user && roles.length > user.roles.length) {
      await tx.collection(COLLECTIONS.users).doc(before.openid).update({ data: { roles } });
    }
    if (approval.point.kind === 'existing') {
      await tx
        .collection(COLLECTIONS.pickupPoints)
        .doc(approval.point.pickupPointId)
        .update({ data: { keeperOpenid: approval.point.keeperOpenid, updatedAt: approval.leader.approvedAt } });
    } else {
      await tx.collection(COLLECTIONS.pickupPoints).add({ data: { ...approval.point.point } });
    }
    return { before, application: parseApplication({ ...before, ...patch }), changed: true };
  });
}

/** Applications the console searches for, of one status or all, newest first, one page (`status_createdAt`). */
export async function searchLeaderApplications(
  search: { readonly status?: LeaderApplicationStatus | undefined },
  page: { readonly offset: number; readonly limit: number },
): Promise<LeaderApplication[]> {
  const where = search.status ? { status: search.status } : {};
  const data = await getMany(
    applications().where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(page.offset).limit(page.limit),
  );
  return data.map(parseApplication);
}
