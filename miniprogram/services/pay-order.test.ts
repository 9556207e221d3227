import { failure, money, success } from '@shared/client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callFunction } from './cloud';
import { askForMessages, pay } from './payment';
import { payPendingOrder } from './pay-order';

vi.mock('./cloud', () => ({ callFunction: vi.fn() }));
vi.mock('./payment', () => ({ askForMessages: vi.fn(), pay: vi.fn() }));

const payment = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=p', signType: 'RSA', paySign: 's' };

describe('payPendingOrder', () => {
  beforeEach(() => {
    vi.mocked(askForMessages).mockReset().mockResolvedValue([]);
    vi.mocked(pay).mockReset().mockResolvedValue('paid');
    vi.mocked(callFunction)
      .mockReset()
      .mockResolvedValue(success({ orderId: 'o1', total: money.fen(2990), payment }));
  });

  it('asks for messages within the tap, before anything else', () => {
    void payPendingOrder('o1');
    expect(askForMessages).toHaveBeenCalledTimes(1);
    expect(callFunction).not.toHaveBeenCalled();
  });

  it("pays with payOrder's params and says how it went", async () => {
    expect(await payPendingOrder('o1')).toBe('支付成功');
    expect(callFunction).toHaveBeenCalledWith('payOrder', { orderId: 'o1' });
    expect(pay).toHaveBeenCalledWith('o1', payment);
    vi.mocked(pay).mockResolvedValue('cancelled');
    expect(await payPendingOrder('o1')).toBe('已取消支付');
    vi.mocked(pay).mockResolvedValue('failed');
    expect(await payPendingOrder('o1')).toBe('支付没有成功，请重试');
  });

  it("shows payOrder's message when the order can no longer be paid", async () => {
    vi.mocked(callFunction).mockResolvedValue(failure('ORDER_NOT_PAYABLE'));
    expect(await payPendingOrder('o1')).toBe('订单已关闭或已支付');
    expect(pay).not.toHaveBeenCalled();
  });
});
