/**
 * Registered 团长 (`leaders`, keyed by openid; one per pickup point: a unique index on `pickupPointId`). A leader
 * is written only by the approval of their application, in its transaction (leader-application.repository.ts).
 */
import { type Leader, leaderSchema } from '../../domain/leader.schema';
import { COLLECTIONS } from '../cloudbase/collections';
import { db, getById, getMany } from '../cloudbase/db';

export async function getLeader(openid: string): Promise<Leader | null> {
  const data = await getById(COLLECTIONS.leaders, openid);
  return data ? leaderSchema.parse(data) : null;
}

/** The registered leader who runs this pickup point (one at most: a unique index on `pickupPointId`). */
export async function getLeaderOfPoint(pickupPointId: string): Promise<Leader | null> {
  const [data] = await getMany(db().collection(COLLECTIONS.leaders).where({ pickupPointId }).limit(1));
  return data ? leaderSchema.parse(data) : null;
}

export interface LeaderFilter {
  /** Any part of the name. */
  readonly name?: string | undefined;
  /** The start of the mobile number. */
  readonly phone?: string | undefined;
  readonly pickupPointId?: string | undefined;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A page of leaders, newest approval first. */
export async function findLeaders(
  filter: LeaderFilter,
  page: { readonly offset: number; readonly limit: number },
): Promise<Leader[]> {
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.leaders)
      .where({
        ...(filter.name ? { name: new RegExp(escaped(filter.name), 'i') } : {}),
        ...(filter.phone ? { phone: new RegExp(`^${escaped(filter.phone)}`) } : {}),
        ...(filter.pickupPointId ? { pickupPointId: filter.pickupPointId } : {}),
      })
      .orderBy('approvedAt', 'desc')
      .orderBy('_id', 'asc')
      .skip(page.offset)
      .limit(page.limit),
  );
  return docs.map((d) => leaderSchema.parse(d));
}
