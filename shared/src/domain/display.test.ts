import { describe, expect, it } from 'vitest';
import { ANONYMOUS_NICKNAME, maskNickname, shareTitle, yuanText } from './display';
import { ORDER_STATUS_LABELS, orderStatusSchema } from './order.machine';
import { ORDER_TAB_LABELS, ORDER_TAB_STATUSES, orderTabSchema } from './order-tab';

describe('maskNickname', () => {
  it.each([
    ['张三', '张*'],
    ['张', '张*'],
    ['张小三', '张*三'],
    ['解放碑吃货', '解**货'],
    ['Alice', 'A**e'],
    ['  李四  ', '李*'],
    ['🍊橙子控', '🍊**控'],
  ])('%s → %s', (nickname, masked) => {
    expect(maskNickname(nickname)).toBe(masked);
    expect(Array.from(masked).length).toBeLessThanOrEqual(4);
  });

  it('calls a shopper without a nickname 微信用户', () => {
    expect(maskNickname('')).toBe(ANONYMOUS_NICKNAME);
    expect(maskNickname('   ')).toBe('微信用户');
  });
});

describe('yuanText', () => {
  it.each([
    [2990, '29.9'],
    [3000, '30'],
    [2995, '29.95'],
    [5, '0.05'],
    [50, '0.5'],
    [0, '0'],
    [15800, '158'],
    [100_000_001, '1000000.01'],
  ])('%i fen → %s', (amount, text) => expect(yuanText(amount)).toBe(text));

  it('refuses what is not an amount of fen', () => {
    expect(() => yuanText(29.9)).toThrow(RangeError);
    expect(() => yuanText(-1)).toThrow(RangeError);
  });
});

describe('shareTitle', () => {
  const now = 1_000_000;
  const group = {
    status: 'forming' as const,
    size: 3,
    seatsTaken: 1,
    deadlineAt: now + 1,
    groupPrice: 2990,
    title: '老火锅底料',
  };
  it('says how many are still needed while there is room', () => {
    expect(shareTitle(group, now)).toBe('【还差2人】29.9元拼老火锅底料');
  });
  it('says the group is about to form when every seat is taken', () => {
    expect(shareTitle({ ...group, seatsTaken: 3 }, now)).toBe('【即将成团】29.9元拼老火锅底料');
  });
  it('says succeeded, or ended when it can take nobody', () => {
    expect(shareTitle({ ...group, status: 'succeeded', seatsTaken: 3 }, now)).toBe('【已成团】29.9元拼老火锅底料');
    expect(shareTitle({ ...group, status: 'failed' }, now)).toBe('【已结束】29.9元拼老火锅底料');
    expect(shareTitle({ ...group, status: 'pending' }, now)).toBe('【已结束】29.9元拼老火锅底料');
    expect(shareTitle({ ...group, deadlineAt: now }, now)).toBe('【已结束】29.9元拼老火锅底料');
  });
});

describe('order tabs', () => {
  it('every status but closed has exactly one tab; all lists everything', () => {
    const byTab = orderTabSchema.options.flatMap((tab) => ORDER_TAB_STATUSES[tab] ?? []);
    expect(ORDER_TAB_STATUSES.all).toBeUndefined();
    expect(new Set(byTab).size).toBe(byTab.length);
    expect([...byTab, 'closed'].sort()).toEqual([...orderStatusSchema.options].sort());
  });
  it('single-status tabs are labelled like their status', () => {
    for (const tab of orderTabSchema.options) {
      const statuses = ORDER_TAB_STATUSES[tab];
      if (statuses?.length === 1 && statuses[0]) expect(ORDER_TAB_LABELS[tab]).toBe(ORDER_STATUS_LABELS[statuses[0]]);
    }
  });
});
