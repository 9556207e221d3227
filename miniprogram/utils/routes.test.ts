import { readFileSync } from 'node:fs';
import { GROUP_PAGE, groupPagePath, PAGES } from '@shared/client';
import { describe, expect, it } from 'vitest';
import {
  activityUrl,
  afterSaleApplyUrl,
  afterSaleDetailUrl,
  checkoutUrl,
  groupPageUrl,
  homeUrl,
  myAfterSalesUrl,
  orderDetailUrl,
} from './routes';

/** Every page app.json declares, as paths from the mini-program root. */
function declaredPages(): string[] {
  const app = JSON.parse(readFileSync(new URL('../app.json', import.meta.url), 'utf8')) as {
    pages: string[];
    subPackages: { root: string; pages: string[] }[];
  };
  return [...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
}

describe('routes', () => {
  it('names only pages app.json declares, and every page it declares', () => {
    expect(Object.values(PAGES).sort()).toEqual(declaredPages().sort());
  });

  it('builds each page address, with the sharer when given', () => {
    expect(groupPageUrl('g 1')).toBe('/packages/group/pages/group/index?groupId=g%201');
    expect(groupPageUrl('G1', 'k3j9x0qa')).toBe(`/${GROUP_PAGE}?groupId=G1&from=k3j9x0qa`);
    expect(activityUrl('a1', 'k3j9x0qa')).toBe('/packages/group/pages/activity/index?activityId=a1&from=k3j9x0qa');
    expect(activityUrl('a1', '')).toBe('/packages/group/pages/activity/index?activityId=a1');
    expect(orderDetailUrl('o1')).toBe('/packages/order/pages/detail/index?orderId=o1');
    expect(homeUrl('k3j9x0qa')).toBe('/pages/home/index?from=k3j9x0qa');
    expect(homeUrl('')).toBe('/pages/home/index');
    expect(afterSaleApplyUrl('o1')).toBe('/packages/after-sale/pages/apply/index?orderId=o1');
    expect(afterSaleDetailUrl('ASo1-1')).toBe('/packages/after-sale/pages/detail/index?afterSaleId=ASo1-1');
    expect(myAfterSalesUrl()).toBe('/packages/after-sale/pages/list/index');
    expect(myAfterSalesUrl('o1')).toBe('/packages/after-sale/pages/list/index?orderId=o1');
  });

  it('gives messages and codes the same page without the leading slash', () => {
    expect(groupPagePath('G1')).toBe('packages/group/pages/group/index?groupId=G1');
    expect(declaredPages()).toContain(groupPagePath('G1').split('?')[0]);
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
