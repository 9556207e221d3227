import { describe, expect, it } from 'vitest';
import { actorLabel, emptySearch, parseYuan, searchRequest, shanghaiMidnight, yuan } from './view';

describe('orders view', () => {
  it('reads amounts in yuan as fen, exactly', () => {
    expect(parseYuan('12.3')).toEqual({ ok: true, fen: 1230 });
    expect(parseYuan(' 0.01 ')).toEqual({ ok: true, fen: 1 });
    expect(parseYuan('39.90')).toEqual({ ok: true, fen: 3990 });
    expect(parseYuan('0')).toEqual({ ok: false, message: '退款金额至少 0.01 元' });
    for (const bad of ['', '1.234', '-1', 'abc', '1e3']) expect(parseYuan(bad).ok, bad).toBe(false);
    expect([yuan(1230), yuan(5), yuan(100)]).toEqual(['12.30', '0.05', '1.00']);
  });

  it('sends only what the search form holds, with days as Shanghai instants', () => {
    expect(searchRequest(emptySearch())).toEqual({});
    const request = searchRequest({
      ...emptySearch(),
      phoneLast4: ' 5678 ',
      status: 'to_ship',
      fromDay: '2026-12-01',
      toDay: '2026-12-01',
    });
    expect(request).toEqual({
      phoneLast4: '5678',
      status: 'to_ship',
      from: shanghaiMidnight('2026-12-01'),
      to: shanghaiMidnight('2026-12-01') + 86_400_000,
    });
    expect(new Date(shanghaiMidnight('2026-12-01')).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('names who moved an order', () => {
    expect(['shopper', 'cloudpay', 'system', 'staff:ops-a', 'leader:pp-jfb'].map(actorLabel)).toEqual([
      '顾客',
      '微信支付',
      '系统',
      '员工 ops-a',
      '团长（自提点 pp-jfb）',
    ]);
  });
});
