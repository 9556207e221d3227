import { describe, expect, it } from 'vitest';
import {
  actionOrder,
  actionProblem,
  afterSaleSearchRequest,
  emptyAfterSaleSearch,
  historyStatusLabel,
  statusTheme,
} from './view';

describe('after-sales view', () => {
  it('sends only what the search form holds', () => {
    expect(afterSaleSearchRequest(emptyAfterSaleSearch())).toEqual({});
    expect(afterSaleSearchRequest({ status: 'pending_review', type: 'return_refund', orderId: ' O1 ' })).toEqual({
      status: 'pending_review',
      type: 'return_refund',
      orderId: 'O1',
    });
  });

  it('shows the actions the server offers, the refusal last', () => {
    expect(actionOrder(['decline', 'approve'])).toEqual(['approve', 'decline']);
    expect(actionOrder(['confirm_return'])).toEqual(['confirm_return']);
    expect(actionOrder([])).toEqual([]);
  });

  it('asks a refusal for its reason and a replacement for its carrier and waybill', () => {
    const draft = { reason: '', carrier: '' as const, trackingNo: '' };
    expect(actionProblem('approve', draft)).toBeUndefined();
    expect(actionProblem('confirm_return', draft)).toBeUndefined();
    expect(actionProblem('decline', { ...draft, reason: ' 好 ' })).toBe('请填写拒绝原因（至少 2 个字）');
    expect(actionProblem('decline', { ...draft, reason: '已超过售后期' })).toBeUndefined();
    expect(actionProblem('ship_replacement', draft)).toBe('请选择快递公司');
    expect(actionProblem('ship_replacement', { ...draft, carrier: 'ems', trackingNo: '12' })).toBe(
      '运单号为 6–32 位字母或数字',
    );
    expect(
      actionProblem('ship_replacement', { ...draft, carrier: 'ems', trackingNo: 'EM123456789CN' }),
    ).toBeUndefined();
  });

  it('reads statuses in Chinese, the ones waiting for staff as warnings', () => {
    expect(historyStatusLabel('pending_review')).toBe('待商家处理');
    expect(historyStatusLabel('unknown')).toBe('unknown');
    expect(statusTheme('pending_review')).toBe('warning');
    expect(statusTheme('refunded')).toBe('success');
    expect(statusTheme('closed')).toBe('default');
    expect(statusTheme('awaiting_return')).toBe('primary');
  });
});
