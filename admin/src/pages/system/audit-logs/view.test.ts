import { describe, expect, it } from 'vitest';
import { auditRequest, emptyAuditSearch, formatInstant, summarise } from './view';

describe('audit log view', () => {
  it('shows instants in Shanghai time', () => {
    expect(formatInstant(Date.UTC(2026, 11, 2, 4, 5, 6))).toBe('2026-12-02 12:05:06');
  });

  it('summarises a change as before → after', () => {
    expect(summarise({ a: 1 }, { a: 2 })).toBe('{"a":1} → {"a":2}');
    expect(summarise(undefined, { outcome: 'signed_in' })).toBe('{"outcome":"signed_in"}');
    expect(summarise({ a: 1 }, undefined)).toBe('{"a":1}');
  });

  it('sends only the filters given, with days as an inclusive Shanghai range', () => {
    expect(auditRequest(emptyAuditSearch())).toEqual({});
    expect(
      auditRequest({ account: ' ops-01 ', action: 'runJob', target: '', fromDay: '2026-12-01', toDay: '2026-12-02' }),
    ).toEqual({
      account: 'ops-01',
      action: 'runJob',
      from: Date.parse('2026-11-30T16:00:00Z'),
      to: Date.parse('2026-12-02T16:00:00Z') - 1,
    });
  });
});
