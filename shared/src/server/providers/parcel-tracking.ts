/**
 * The tracking port: what a use case asks about an express parcel. `kuaidi100.ts` is the one adapter
 * (`kuaidi100FromEnv()`); another provider would be another `ParcelTracker`. A provider that cannot answer
 * throws `TrackingProviderError`, which says whether it was down (try again later) or refused us (a person must
 * fix a key, a carrier, a number).
 */
import type { ParcelReading } from '../../domain/parcel-track';
import type { CarrierCode } from '../../domain/shipment.schema';

/** What a parcel is asked by. */
export interface Waybill {
  readonly carrier: CarrierCode;
  readonly trackingNo: string;
  /** The receiver's phone, for the carriers that check one (`trackingPhoneFor`). */
  readonly phone?: string | undefined;
}

export interface ParcelTracker {
  /** The parcel's state and events; throws `TrackingProviderError` when the provider gives neither. */
  track(waybill: Waybill): Promise<ParcelReading>;
}

/**
 * Why a provider gave no track:
 * - `timeout`: no answer in time; `unavailable`: unreachable, an HTTP error, or it said it is busy or broken;
 * - `rejected`: it refused the request (signature, account, carrier, number or phone); `misconfigured`: our
 *   credentials are missing; `bad_answer`: an answer we cannot read.
 * The first two pass; the others need a person.
 */
export type TrackingFailure = 'timeout' | 'unavailable' | 'rejected' | 'misconfigured' | 'bad_answer';

export class TrackingProviderError extends Error {
  constructor(
    readonly failure: TrackingFailure,
    message: string,
    /** The provider's own code, when it gave one (快递100's `returnCode`). */
    readonly providerCode?: string,
  ) {
    super(message);
    this.name = 'TrackingProviderError';
  }

  /** Whether it is the provider's passing trouble rather than something a person must fix. */
  get transient(): boolean {
    return this.failure === 'timeout' || this.failure === 'unavailable';
  }
}

export const isTrackingProviderError = (value: unknown): value is TrackingProviderError =>
  value instanceof TrackingProviderError;
