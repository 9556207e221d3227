/**
 * An express order's current track: the one the order keeps while it is current (final, or checked less than
 * 30 minutes ago), else a fresh one from the tracking provider, stored on the order. Of callers racing on the
 * same order one asks the provider (`claimTrackQuery`); the others, and every caller while the provider fails,
 * get the last known track marked stale. A failing provider is asked again a minute later at the soonest.
 */
import type { Order } from '../../domain/order.schema';
import {
  mayQueryProvider,
  type ParcelTrack,
  shouldRefreshTrack,
  trackFromReading,
  trackingPhoneFor,
  trackOfShipment,
} from '../../domain/parcel-track';
import type { ExpressShipment } from '../../domain/shipment.schema';
import { kuaidi100FromEnv } from '../providers/kuaidi100';
import { isTrackingProviderError, type ParcelTracker } from '../providers/parcel-tracking';
import { claimTrackQuery, saveTrack } from '../repositories/order.repository';
import { describeError, type Logger } from '../runtime/logger';

export interface CurrentTrack {
  /** The last known track of the order's waybill, or none yet. */
  readonly track: ParcelTrack | undefined;
  /** True when the track could not be brought up to date just now. */
  readonly stale: boolean;
}

export async function currentTrack(
  order: Order,
  shipment: ExpressShipment,
  now: number,
  log: Logger,
  tracker: ParcelTracker = kuaidi100FromEnv(),
): Promise<CurrentTrack> {
  const known = trackOfShipment(order.track, shipment);
  if (!shouldRefreshTrack(known, now)) return { track: known, stale: false };
  const last = { track: known, stale: true };
  if (!mayQueryProvider(order.trackQueriedAt, now)) return last;
  if (!(await claimTrackQuery(order._id, order.trackQueriedAt, now))) return last;

  let track: ParcelTrack;
  try {
    const reading = await tracker.track({
      carrier: shipment.carrier,
      trackingNo: shipment.trackingNo,
      phone: trackingPhoneFor(shipment.carrier, order.delivery),
    });
    track = trackFromReading(shipment, reading, now);
  } catch (error) {
    const fields = { orderId: order._id, carrier: shipment.carrier };
    if (!isTrackingProviderError(error)) log.error('tracking adapter failed', { ...fields, ...describeError(error) });
    else {
      const detail = { ...fields, failure: error.failure, code: error.providerCode, detail: error.message };
      // A key, a carrier, a number or a phone a person must fix is an error; the shopper sees the last track either way.
      if (error.transient) log.warn('tracking provider unavailable', detail);
      else log.error('tracking provider refused', detail);
    }
    return last;
  }
  await saveTrack(order._id, track);
  return { track, stale: false };
}
