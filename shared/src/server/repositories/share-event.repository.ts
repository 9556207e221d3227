/**
 * Share visits (`share_events`): a card or poster opened, then its detail viewed (`domain/share-funnel.ts`). A
 * visit is inserted under an id derived from what makes it the same visit (`shareVisitKey`: sharer, visitor,
 * target, stage, Shanghai day), so a repeat the same day, or a dozen at once, is a duplicate key and counts once.
 */
import { createHash } from 'node:crypto';
import { type ShareEvent, type ShareTarget, type ShareVisitStage, shareVisitKey } from '../../domain/share-funnel';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, isDuplicateKey, plain } from '../cloudbase/db';
import type { PeriodBounds, PeriodBucket } from './leader-dashboard.repository';

const events = () => db().collection(COLLECTIONS.shareEvents);

/** The id a visit is stored under: `SV` and 40 hex characters of the key's SHA-256. */
export const shareEventId = (key: string): string => `SV${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;

export interface ShareVisit {
  readonly ref: string;
  readonly sharerOpenid: string;
  readonly visitorOpenid: string;
  readonly target: ShareTarget;
  readonly stage: ShareVisitStage;
  readonly at: number;
  readonly day: string;
}

/** Records the visit. False when it was recorded already (a repeat, or another call first). */
export async function insertShareVisit(visit: ShareVisit): Promise<boolean> {
  const { target, ...fields } = visit;
  const event: ShareEvent = { _id: shareEventId(shareVisitKey(visit)), ...fields, ...target };
  try {
    await events().add({ data: event });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

export interface VisitRow {
  readonly _id: PeriodBucket & { readonly s: ShareVisitStage };
  readonly n: number;
}

/** A sharer's visits since the 30-day period began, counted by stage and by the periods they fall in. */
export async function countShareVisits(sharerOpenid: string, bounds: PeriodBounds): Promise<VisitRow[]> {
  const { list } = await events()
    .aggregate()
    .match({ sharerOpenid, at: cmd().gte(bounds.days30) })
    .group({
      _id: { s: '$stage', t: { $gte: ['$at', bounds.today] }, w: { $gte: ['$at', bounds.days7] } },
      n: { $sum: 1 },
    })
    .limit(20)
    .end();
  return list.map(plain) as VisitRow[];
}
