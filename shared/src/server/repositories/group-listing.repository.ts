/**
 * Groups as shoppers browse them: an activity's forming groups that still have seats (凑团), forming
 * groups near a place, in a district or opened by one leader (discovery), and a shopper's own groups.
 */
import type { District, GeoPoint } from '../../domain/common.schema';
import { GROUP_OPEN_STATUSES, GROUP_OPENED_STATUS, GROUP_PUBLIC_STATUSES } from '../../domain/group.machine';
import { type Group, groupSchema } from '../../domain/group.schema';
import type * as z from '../../kernel/zod';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getMany } from '../cloudbase/db';

/**
 * Up to `limit` forming groups of the activity with a free seat and a deadline after `now`, fewest
 * seats left first, then the soonest deadline. Groups of one activity share its group size, so the
 * database orders them by seats taken; the seat filter and the final order are checked again here
 * in case a group opened with another size.
 */
export async function listOpenGroups(
  activityId: string,
  groupSize: number,
  now: number,
  limit: number,
): Promise<Group[]> {
  const _ = cmd();
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.groups)
      .where({ activityId, status: _.in([...GROUP_OPEN_STATUSES]), deadlineAt: _.gt(now), seatsTaken: _.lt(groupSize) })
      .orderBy('seatsTaken', 'desc')
      .orderBy('deadlineAt', 'asc')
      .limit(limit),
  );
  const left = (g: Group) => g.size - g.seatsTaken;
  return docs
    .map((d) => groupSchema.parse(d))
    .filter((g) => left(g) > 0)
    .sort((a, b) => left(a) - left(b) || a.deadlineAt - b.deadlineAt);
}

/** What a group card or a 我的团 row shows: the group without its member lists' history or outbox. */
export const groupListingSchema = groupSchema.pick({
  _id: true,
  activityId: true,
  title: true,
  status: true,
  size: true,
  leaderOpenid: true,
  memberOpenids: true,
  seatsTaken: true,
  seatsPaid: true,
  groupPrice: true,
  soloPrice: true,
  spec: true,
  image: true,
  district: true,
  location: true,
  pickupPoint: true,
  openedAt: true,
  deadlineAt: true,
});
export type GroupListing = z.infer<typeof groupListingSchema>;

const LISTING_FIELDS = Object.fromEntries(
  Object.keys(groupListingSchema.shape)
    .filter((key) => key !== '_id')
    .map((key) => [key, true]),
);

const parseListings = (docs: unknown[]) => docs.map((d) => groupListingSchema.parse(d));

/**
 * Forming groups before their deadline, as discovery lists them. The database cannot compare two fields
 * of a document in a plain query (`seatsTaken < size`), so callers over-fetch and drop the full ones.
 */
const forming = (now: number) => ({ status: cmd().in([...GROUP_OPEN_STATUSES]), deadlineAt: cmd().gt(now) });

/**
 * Up to `limit` forming groups whose place (a 社区团's pickup point, else where the leader collects) is within
 * `radiusMeters` of a point, nearest first.
 */
export async function listFormingGroupsNear(
  center: GeoPoint,
  radiusMeters: number,
  now: number,
  limit: number,
): Promise<GroupListing[]> {
  const [longitude, latitude] = center.coordinates;
  const near = cmd().geoNear({ geometry: db().Geo.Point(longitude, latitude), maxDistance: radiusMeters });
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.groups)
      .where({ ...forming(now), location: near })
      .field(LISTING_FIELDS)
      .limit(limit),
  );
  return parseListings(docs);
}

/** Up to `limit` forming groups in a district, soonest deadline first (index `district_status_deadlineAt`). */
export async function listFormingGroupsIn(district: District, now: number, limit: number): Promise<GroupListing[]> {
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.groups)
      .where({ district, ...forming(now) })
      .orderBy('deadlineAt', 'asc')
      .field(LISTING_FIELDS)
      .limit(limit),
  );
  return parseListings(docs);
}

/** Up to `limit` forming groups a leader opened, soonest deadline first (index `leaderOpenid_status_deadlineAt`). */
export async function listFormingGroupsLedBy(
  leaderOpenid: string,
  now: number,
  limit: number,
): Promise<GroupListing[]> {
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.groups)
      .where({ leaderOpenid, ...forming(now) })
      .orderBy('deadlineAt', 'asc')
      .field(LISTING_FIELDS)
      .limit(limit),
  );
  return parseListings(docs);
}

/**
 * One page of the groups `openid` is in, newest first (indexes `memberOpenids_openedAt` and
 * `leaderOpenid_status_deadlineAt`): the ones they hold a seat in once the group opened (forming,
 * succeeded, failed), and the pending ones they lead (their opening payment is still due). A pending
 * group only ever holds its leader's seat anyway (seats are taken in forming groups only), but the rule
 * is written out so it does not rest on that. Abandoned groups (the leader never paid) never opened and
 * are not listed: the closed order stays in 我的订单.
 */
export async function listGroupsOf(
  openid: string,
  page: { readonly offset: number; readonly limit: number },
): Promise<GroupListing[]> {
  const _ = cmd();
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.groups)
      .where(
        _.or([
          { memberOpenids: openid, status: _.in([...GROUP_PUBLIC_STATUSES]) },
          { leaderOpenid: openid, status: GROUP_OPENED_STATUS },
        ]) as never,
      )
      .orderBy('openedAt', 'desc')
      .field(LISTING_FIELDS)
      .skip(page.offset)
      .limit(page.limit),
  );
  return parseListings(docs);
}

/** The groups a leader ever opened (pending until they pay, then public), never an abandoned one. */
const OPENED_BY_LEADER = [GROUP_OPENED_STATUS, ...GROUP_PUBLIC_STATUSES];

/** One page of the groups `leaderOpenid` opened, newest first (index `leaderOpenid_openedAt`), in full. */
export async function listGroupsOpenedBy(
  leaderOpenid: string,
  page: { readonly offset: number; readonly limit: number },
): Promise<Group[]> {
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.groups)
      .where({ leaderOpenid, status: cmd().in(OPENED_BY_LEADER) })
      .orderBy('openedAt', 'desc')
      .orderBy('_id', 'desc')
      .skip(page.offset)
      .limit(page.limit),
  );
  return docs.map((d) => groupSchema.parse(d));
}
