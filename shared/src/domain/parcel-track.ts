/**
 * An express parcel's track as the shopper's order page shows it: where the parcel stands, what happened to
 * it (newest first) and when the tracking provider was last asked. The order keeps the last track it was
 * given (`order.track`), so a provider outage shows the last known track rather than an error.
 *
 * The provider is 快递100: its real-time query allows one query per waybill every 30 minutes, and a parcel
 * signed for (签收) or returned to its sender and signed for there (退签) moves no more. `shouldRefreshTrack`
 * is that rule; `mayQueryProvider` keeps concurrent or failing refreshes from asking again at once.
 */
import { MINUTE_MS } from '../kernel/time';
import * as z from '../kernel/zod';
import { instantSchema } from './common.schema';
import type { Delivery } from './delivery.schema';
import { CARRIERS, type CarrierCode, carrierSchema, type ExpressShipment, trackingNoSchema } from './shipment.schema';

export const parcelStateSchema = z.enum([
  /** Shipped, and the carrier has not scanned it yet (快递100 answers 查询无结果). */
  'awaiting_collection',
  'carrier_collected',
  'in_transit',
  'out_for_delivery',
  'delivered',
  /** 疑难: the carrier has a problem with it (address unclear, nobody reachable...). */
  'problem',
  /** 拒签: the receiver refused it; it goes back to the sender next. */
  'receiver_refused',
  /** 退回: on its way back to the sender. */
  'returning',
  /** 退签: back with the sender, who signed for it. */
  'returned',
  /** 转单/转投: handed to another carrier or outlet. */
  'transferred',
]);
export type ParcelState = z.infer<typeof parcelStateSchema>;

/** What the shopper reads for each state. */
export const PARCEL_STATE_LABELS: Record<ParcelState, string> = {
  awaiting_collection: '待揽收',
  carrier_collected: '已揽收',
  in_transit: '运输中',
  out_for_delivery: '派送中',
  delivered: '已签收',
  problem: '物流异常',
  receiver_refused: '已拒收',
  returning: '退回中',
  returned: '已退回',
  transferred: '已转单',
};

/** A parcel in these states moves no more: its track is never asked for again. */
export const FINAL_PARCEL_STATES: readonly ParcelState[] = ['delivered', 'returned'];

export const isFinalParcelState = (state: ParcelState): boolean => FINAL_PARCEL_STATES.includes(state);

/** The state a parcel has before its first scan. */
export const UNSCANNED_PARCEL_STATE: ParcelState = 'awaiting_collection';

/**
 * 快递100's `state` codes (实时查询, `resultv2` 0 or 1): 0 在途, 1 揽收, 2 疑难, 3 签收, 4 退签, 5 派件, 6 退回,
 * 7 转单 (转投), 8 and 10–13 customs (清关), 14 拒签.
 */
export const KUAIDI100_STATES: ReadonlyMap<string, ParcelState> = new Map<string, ParcelState>([
  ['0', 'in_transit'],
  ['1', 'carrier_collected'],
  ['2', 'problem'],
  ['3', 'delivered'],
  ['4', 'returned'],
  ['5', 'out_for_delivery'],
  ['6', 'returning'],
  ['7', 'transferred'],
  ['8', 'in_transit'],
  ['10', 'in_transit'],
  ['11', 'in_transit'],
  ['12', 'in_transit'],
  ['13', 'in_transit'],
  ['14', 'receiver_refused'],
]);

/**
 * Our state for a 快递100 `state` code. A code it may add later reads as in transit: still moving, so the
 * track keeps being refreshed, never taken for final by mistake.
 */
export const parcelStateFromKuaidi100 = (code: string | number): ParcelState =>
  KUAIDI100_STATES.get(String(code).trim()) ?? 'in_transit';

export const MAX_TRACK_EVENT_TEXT = 500;
export const MAX_TRACK_PLACE = 64;
/** A track keeps its newest events up to this many (a parcel rarely has more than 30). */
export const MAX_TRACK_EVENTS = 100;

/** One step of a parcel's journey, as its carrier reported it. */
export const trackEventSchema = z.object({
  at: instantSchema,
  /** The city or district, when the provider resolved one. */
  place: z.string().min(1).max(MAX_TRACK_PLACE).optional(),
  text: z.string().min(1).max(MAX_TRACK_EVENT_TEXT),
});
export type TrackEvent = z.infer<typeof trackEventSchema>;

export const parcelTrackSchema = z.object({
  /** The waybill this track is of: a track of an earlier waybill (the order was shipped again) is not shown. */
  carrier: carrierSchema,
  trackingNo: trackingNoSchema,
  state: parcelStateSchema,
  /** Newest first. */
  events: z.array(trackEventSchema).max(MAX_TRACK_EVENTS),
  /** When the provider answered with this track. */
  checkedAt: instantSchema,
});
export type ParcelTrack = z.infer<typeof parcelTrackSchema>;

/** The provider allows one query per waybill this often; a track younger than this is served as it is. */
export const TRACK_REFRESH_INTERVAL_MS = 30 * MINUTE_MS;
/** After a query began (answered or not), no other starts for this long: a failing provider is not hammered. */
export const TRACK_QUERY_HOLD_MS = MINUTE_MS;

/** The order's track if it is of the waybill the order was shipped with, else none. */
export function trackOfShipment(
  track: ParcelTrack | undefined,
  shipment: Pick<ExpressShipment, 'carrier' | 'trackingNo'>,
): ParcelTrack | undefined {
  return track && track.carrier === shipment.carrier && track.trackingNo === shipment.trackingNo ? track : undefined;
}

/**
 * Whether to ask the provider again: there is no track yet, or it was checked 30 minutes ago or more and
 * the parcel still moves. A track checked "in the future" (a clock set back) counts as just checked.
 */
export function shouldRefreshTrack(track: ParcelTrack | undefined, now: number): boolean {
  if (!track) return true;
  if (isFinalParcelState(track.state)) return false;
  return now - track.checkedAt >= TRACK_REFRESH_INTERVAL_MS;
}

/** Whether a track is current: the parcel's final one, or checked less than 30 minutes ago. */
export const isTrackCurrent = (track: ParcelTrack | undefined, now: number): boolean =>
  track !== undefined && !shouldRefreshTrack(track, now);

/**
 * Whether a refresh may start now, given when the last query began: none began, or the last one began at
 * least `TRACK_QUERY_HOLD_MS` ago (or "in the future", a clock set back: a hold never lasts forever).
 */
export function mayQueryProvider(lastQueryAt: number | undefined, now: number): boolean {
  return lastQueryAt === undefined || lastQueryAt > now || now - lastQueryAt >= TRACK_QUERY_HOLD_MS;
}

/**
 * The phone to send with a query: the receiver's, for the carriers that check one (`phoneRequired`: 顺丰, 中通),
 * and only for them (the provider needs no more of the shopper's data than that). None when the order has no
 * delivery address.
 */
export function trackingPhoneFor(carrier: CarrierCode, delivery: Delivery): string | undefined {
  if (!CARRIERS[carrier].phoneRequired || delivery.kind !== 'address') return undefined;
  return delivery.phone;
}

/** What the provider said about a parcel: its state and events, in any order. */
export interface ParcelReading {
  readonly state: ParcelState;
  readonly events: readonly TrackEvent[];
}

/**
 * The track to keep from a reading: events newest first (the provider's order kept among equal times),
 * the newest `MAX_TRACK_EVENTS` of them, checked at `now`.
 */
export function trackFromReading(
  shipment: Pick<ExpressShipment, 'carrier' | 'trackingNo'>,
  reading: ParcelReading,
  now: number,
): ParcelTrack {
  const events = reading.events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => b.event.at - a.event.at || a.index - b.index)
    .slice(0, MAX_TRACK_EVENTS)
    .map(({ event }) => event);
  return { carrier: shipment.carrier, trackingNo: shipment.trackingNo, state: reading.state, events, checkedAt: now };
}
