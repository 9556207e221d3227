import { GROUP_PAGE } from '@shared/client';
import { describe, expect, it } from 'vitest';
import { activityUrl, checkoutUrl, groupPageUrl, orderDetailUrl } from './routes';

describe('routes', () => {
  it('builds each page address, with the sharer when given', () => {
    expect(groupPageUrl('g 1')).toBe('/packages/group/pages/group/index?groupId=g%201');
    expect(groupPageUrl('G1', 'k3j9x0qa')).toBe(`/${GROUP_PAGE}?groupId=G1&from=k3j9x0qa`);
    expect(activityUrl('a1', 'k3j9x0qa')).toBe('/packages/group/pages/activity/index?activityId=a1&from=k3j9x0qa');
    expect(activityUrl('a1', '')).toBe('/packages/group/pages/activity/index?activityId=a1');
    expect(orderDetailUrl('o1')).toBe('/packages/order/pages/detail/index?orderId=o1');
  });

  it('sends each checkout mode with what it needs', () => {
    expect(checkoutUrl({ mode: 'join', groupId: 'G1' })).toBe(
      '/packages/order/pages/checkout/index?mode=join&groupId=G1',
    );
    expect(checkoutUrl({ mode: 'solo', activityId: 'a1' })).toBe(
      '/packages/order/pages/checkout/index?mode=solo&activityId=a1',
    );
  });
});
