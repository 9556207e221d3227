import { describe, expect, it } from 'vitest';
import { afterFailedAttemptOf, retryDelayMs } from './retry';
import {
  afterUpload,
  ALREADY_HELD_ERRCODES,
  describeUploadError,
  MAX_SHIPPING_REPORT_ATTEMPTS,
  REFUSED_ERRCODES,
  SHIPPING_INFO_ERRCODES,
  SHIPPING_REPORT_DUE_STATUSES,
  SHIPPING_REPORT_RECORDED_STATUS,
  shippingReportEventSchema,
  shippingReportMachine,
  type ShippingReportStatus,
  shippingReportStatusSchema,
} from './shipping-report.machine';

const allowed: Record<string, ShippingReportStatus> = {
  'pending+claimed': 'uploading',
  'uploading+claimed': 'uploading',
  'uploading+accepted': 'reported',
  'uploading+request_failed': 'failed',
  'uploading+gave_up': 'flagged',
  'failed+claimed': 'uploading',
  'flagged+retried_by_staff': 'pending',
};

const NOW = 1_800_000_000_000;

describe('shipping report machine', () => {
  it('allows exactly the listed transitions, for every (state, event) pair', () => {
    for (const state of shippingReportStatusSchema.options) {
      for (const event of shippingReportEventSchema.options) {
        expect(shippingReportMachine.next(state, event), `${state}+${event}`).toBe(allowed[`${state}+${event}`]);
      }
    }
  });

  it('only a claimed report is settled, and reported is final: a late failure never undoes it', () => {
    for (const event of ['accepted', 'request_failed', 'gave_up'] as const) {
      expect(shippingReportMachine.sourcesOf(event)).toEqual(['uploading']);
    }
    expect(shippingReportStatusSchema.options.filter((s) => shippingReportMachine.isFinal(s))).toEqual(['reported']);
    expect(shippingReportMachine.reachableFrom(SHIPPING_REPORT_RECORDED_STATUS).sort()).toEqual(
      [...shippingReportStatusSchema.options].sort(),
    );
  });

  it('is claimed when new, failed, or held by a run whose lease ended; never when flagged or reported', () => {
    expect(SHIPPING_REPORT_RECORDED_STATUS).toBe('pending');
    expect(SHIPPING_REPORT_DUE_STATUSES).toEqual(['pending', 'uploading', 'failed']);
  });
});

describe('after an upload', () => {
  it('is reported when WeChat accepts it, or already holds the shipment', () => {
    expect(afterUpload(0, 1, NOW)).toEqual({ event: 'accepted', alreadyHeld: false });
    for (const errcode of [10060023, 10060002, 10060003]) {
      expect(afterUpload(errcode, 3, NOW)).toEqual({ event: 'accepted', alreadyHeld: true });
    }
  });

  it('is flagged at once when WeChat refuses the payload or the payment, whatever the attempt', () => {
    for (const errcode of REFUSED_ERRCODES) {
      expect(afterUpload(errcode, 1, NOW), String(errcode)).toEqual({ event: 'gave_up', refused: true });
    }
  });

  it('is asked again after 1, 2, 4... minutes when WeChat is busy or does not know the payment yet', () => {
    for (const errcode of [-1, 10060001, 10060012, 10060019, -501001, 40001]) {
      expect(afterUpload(errcode, 1, NOW), String(errcode)).toEqual({
        event: 'request_failed',
        nextAttemptAt: NOW + 60_000,
      });
    }
    expect(afterUpload(-1, 3, NOW)).toEqual({ event: 'request_failed', nextAttemptAt: NOW + 4 * 60_000 });
  });

  it(`is flagged after ${MAX_SHIPPING_REPORT_ATTEMPTS} failed attempts, about two hours of them`, () => {
    for (let attempts = 1; attempts < MAX_SHIPPING_REPORT_ATTEMPTS; attempts++) {
      expect(afterUpload(-1, attempts, NOW).event).toBe('request_failed');
    }
    expect(afterUpload(-1, MAX_SHIPPING_REPORT_ATTEMPTS, NOW)).toEqual({ event: 'gave_up', refused: false });
    const waited = Array.from({ length: MAX_SHIPPING_REPORT_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1));
    expect(waited.reduce((a, b) => a + b, 0)).toBe((1 + 2 + 4 + 8 + 16 + 32 + 60) * 60_000);
  });

  it('knows every errcode it classifies, and none is both held and refused', () => {
    for (const errcode of [...ALREADY_HELD_ERRCODES, ...REFUSED_ERRCODES]) {
      expect(SHIPPING_INFO_ERRCODES[errcode], String(errcode)).toBeDefined();
    }
    expect(ALREADY_HELD_ERRCODES.filter((c) => REFUSED_ERRCODES.includes(c))).toEqual([]);
  });

  it('describes a failure with the errcode, its documented meaning and WeChat’s message', () => {
    expect(describeUploadError(10060009, 'item_desc too long rid: 1')).toBe(
      '10060009 商品描述 item_desc 字段太长: item_desc too long rid: 1',
    );
    expect(describeUploadError(-501001, '')).toBe('-501001');
    expect(describeUploadError(-1, 'x'.repeat(400))).toHaveLength(300);
  });
});

describe('the retry rule shared with refunds', () => {
  it('asks again later until the last allowed attempt', () => {
    expect(afterFailedAttemptOf(1, NOW, 3)).toEqual({ event: 'request_failed', nextAttemptAt: NOW + 60_000 });
    expect(afterFailedAttemptOf(2, NOW, 3)).toEqual({ event: 'request_failed', nextAttemptAt: NOW + 120_000 });
    expect(afterFailedAttemptOf(3, NOW, 3)).toEqual({ event: 'gave_up' });
  });
});
