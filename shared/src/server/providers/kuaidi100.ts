/**
 * 快递100's real-time query (实时快递查询), the tracking provider behind `parcel-tracking.ts`.
 *
 * `POST <KUAIDI100_URL>/poll/query.do`, a form with `customer`, `param` (JSON `{ com, num, phone?, resultv2 }`)
 * and `sign` = upper-case hex MD5 of `param + key + customer`. It answers JSON: the track (`state`, `data[]`
 * of `{ time, ftime, context, areaName? }`, newest first) or `{ result: false, returnCode, message }`.
 * `returnCode` 500 (查询无结果) is a parcel the carrier has not scanned yet, not a failure.
 *
 * Configured by the function's environment: `KUAIDI100_URL` (default https://poll.kuaidi100.com; the emulator
 * points it at its sandbox), `KUAIDI100_CUSTOMER` and `KUAIDI100_KEY` (the account's 授权码 and key, set on
 * the function in the cloud console, never in the repository), `KUAIDI100_TIMEOUT_MS` (default 3000, well
 * under the function's 5 s).
 */
import { createHash } from 'node:crypto';
import {
  MAX_TRACK_EVENT_TEXT,
  MAX_TRACK_PLACE,
  type ParcelReading,
  parcelStateFromKuaidi100,
  type TrackEvent,
  UNSCANNED_PARCEL_STATE,
} from '../../domain/parcel-track';
import { parseBusinessTime } from '../../kernel/time';
import { type ParcelTracker, TrackingProviderError, type Waybill } from './parcel-tracking';

export const KUAIDI100_DEFAULT_URL = 'https://poll.kuaidi100.com';
export const KUAIDI100_QUERY_PATH = '/poll/query.do';
export const KUAIDI100_DEFAULT_TIMEOUT_MS = 3000;

export interface Kuaidi100Config {
  /** Scheme and host (and an optional path prefix), without `/poll/query.do`. */
  readonly url: string;
  readonly customer: string;
  readonly key: string;
  readonly timeoutMs: number;
}

/** 快递100's signature: the upper-case hex MD5 of `param + key + customer`. */
export const kuaidi100Sign = (param: string, key: string, customer: string): string =>
  createHash('md5')
    .update(param + key + customer, 'utf8')
    .digest('hex')
    .toUpperCase();

/**
 * The `param` of a query: the carrier's code, the number, the phone when there is one, and `resultv2: '1'`
 * (resolve each event's place into `areaName`).
 */
export const kuaidi100Param = (waybill: Waybill): string =>
  JSON.stringify({
    com: waybill.carrier,
    num: waybill.trackingNo,
    ...(waybill.phone ? { phone: waybill.phone } : {}),
    resultv2: '1',
  });

/** The form a query posts. */
export function kuaidi100Form(waybill: Waybill, config: Pick<Kuaidi100Config, 'customer' | 'key'>): URLSearchParams {
  const param = kuaidi100Param(waybill);
  return new URLSearchParams({
    customer: config.customer,
    sign: kuaidi100Sign(param, config.key, config.customer),
    param,
  });
}

/** `returnCode`s that mean 快递100 itself is busy or broken: try again later. */
const PROVIDER_TROUBLE = new Set(['501', '502']);
/** `returnCode` 500: 查询无结果, nothing scanned yet. */
const NO_RESULT = '500';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** `重庆,重庆市,渝北区` → `重庆市渝北区`: each level once, the province dropped when the city repeats it. */
export function kuaidi100Place(areaName: unknown): string | undefined {
  const parts = (text(areaName) ?? '')
    .split(/[,，]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const kept = parts.filter((part, i) => !parts.slice(i + 1).some((later) => later.startsWith(part)));
  const place = kept.join('').slice(0, MAX_TRACK_PLACE);
  return place === '' ? undefined : place;
}

function eventOf(item: unknown): TrackEvent | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as Record<string, unknown>;
  const when = text(record.ftime) ?? text(record.time);
  const context = text(record.context);
  if (!when || !context) return undefined;
  let at: number;
  try {
    at = parseBusinessTime(when);
  } catch {
    return undefined;
  }
  const place = kuaidi100Place(record.areaName);
  return { at, ...(place ? { place } : {}), text: context.slice(0, MAX_TRACK_EVENT_TEXT) };
}

/** What an answer says: the parcel's reading, or a `TrackingProviderError`. */
export function readKuaidi100Answer(body: unknown): ParcelReading {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TrackingProviderError('bad_answer', 'the answer is not a JSON object');
  }
  const answer = body as Record<string, unknown>;
  const returnCode = answer.returnCode === undefined ? undefined : String(answer.returnCode);
  const message = text(answer.message) ?? '';
  if (returnCode !== undefined && returnCode !== '200') {
    if (returnCode === NO_RESULT) return { state: UNSCANNED_PARCEL_STATE, events: [] };
    const failure = PROVIDER_TROUBLE.has(returnCode) ? 'unavailable' : 'rejected';
    throw new TrackingProviderError(failure, `快递100 ${returnCode}: ${message}`, returnCode);
  }
  const state = answer.state;
  if ((typeof state !== 'string' && typeof state !== 'number') || !Array.isArray(answer.data)) {
    throw new TrackingProviderError('bad_answer', `an answer without state or data (${message})`);
  }
  const events = answer.data.map(eventOf).filter((event): event is TrackEvent => event !== undefined);
  return { state: parcelStateFromKuaidi100(state), events };
}

type Fetch = typeof fetch;

/** A 快递100 client; `fetchImpl` for tests. */
export function kuaidi100Client(config: Kuaidi100Config, fetchImpl: Fetch = fetch): ParcelTracker {
  const endpoint = `${config.url.replace(/\/+$/, '')}${KUAIDI100_QUERY_PATH}`;
  return {
    async track(waybill) {
      let status: number;
      let body: string;
      try {
        const response = await fetchImpl(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
          body: kuaidi100Form(waybill, config).toString(),
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        status = response.status;
        body = await response.text();
      } catch (error) {
        const name = (error as { name?: unknown }).name;
        if (name === 'TimeoutError' || name === 'AbortError') {
          throw new TrackingProviderError('timeout', `no answer within ${config.timeoutMs} ms`);
        }
        throw new TrackingProviderError('unavailable', `unreachable: ${(error as Error).message}`);
      }
      if (status < 200 || status >= 300) throw new TrackingProviderError('unavailable', `HTTP ${status}`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        throw new TrackingProviderError('bad_answer', `HTTP ${status} with a body that is not JSON`);
      }
      return readKuaidi100Answer(parsed);
    },
  };
}

/** The configuration in an environment; throws `misconfigured` without the account's credentials. */
export function kuaidi100Config(env: Readonly<Record<string, string | undefined>> = process.env): Kuaidi100Config {
  const customer = env.KUAIDI100_CUSTOMER?.trim();
  const key = env.KUAIDI100_KEY?.trim();
  if (!customer || !key) {
    throw new TrackingProviderError('misconfigured', 'KUAIDI100_CUSTOMER and KUAIDI100_KEY must be set');
  }
  const timeoutMs = Number(env.KUAIDI100_TIMEOUT_MS);
  return {
    url: env.KUAIDI100_URL?.trim() || KUAIDI100_DEFAULT_URL,
    customer,
    key,
    timeoutMs: Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : KUAIDI100_DEFAULT_TIMEOUT_MS,
  };
}

/** The client the function's environment configures (read at each query, so a missing key fails that query). */
export const kuaidi100FromEnv = (): ParcelTracker => ({
  track: (waybill) => kuaidi100Client(kuaidi100Config()).track(waybill),
});
