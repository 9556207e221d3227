import { failure, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import { footerText, pageLoaded } from './paging';

interface Item {
  readonly orderId: string;
  readonly title: string;
}
const order = (orderId: string): Item => ({ orderId, title: '奉节脐橙 5斤装' });
const same = (o: Item) => o;

describe('pageLoaded', () => {
  it('replaces the list with the first page and appends later pages', () => {
    const first = pageLoaded([], success({ items: [order('a'), order('b')], hasMore: true }), 0, same);
    expect(first).toEqual({ state: 'ready', message: '', rows: [order('a'), order('b')], hasMore: true });
    const second = pageLoaded(first.rows, success({ items: [order('c')], hasMore: false }), 2, same);
    expect(second.rows.map((o) => o.orderId)).toEqual(['a', 'b', 'c']);
    expect(second.hasMore).toBe(false);
    const reloaded = pageLoaded(second.rows, success({ items: [order('z')], hasMore: false }), 0, same);
    expect(reloaded.rows.map((o) => o.orderId)).toEqual(['z']);
  });

  it('is empty when the first page has nothing', () => {
    expect(pageLoaded([order('a')], success({ items: [], hasMore: false }), 0, same)).toMatchObject({
      state: 'empty',
      rows: [],
    });
  });

  it("shows the envelope's message when the first page fails", () => {
    expect(pageLoaded([], failure('UNAVAILABLE'), 0, same)).toEqual({
      state: 'error',
      message: '服务暂时不可用，请稍后再试',
      rows: [],
      hasMore: false,
    });
  });

  it('keeps the list when a later page fails, so scrolling down retries', () => {
    expect(pageLoaded([order('a')], failure('INTERNAL'), 1, same)).toEqual({
      state: 'ready',
      message: '系统繁忙，请稍后再试',
      rows: [order('a')],
      hasMore: true,
    });
  });

  it('maps items to rows', () => {
    const titles = pageLoaded([], success({ items: [order('a')], hasMore: false }), 0, (o) => o.title);
    expect(titles.rows).toEqual(['奉节脐橙 5斤装']);
  });
});

describe('footerText', () => {
  it('says whether there is more below', () => {
    expect(footerText(true, false)).toBe('上拉加载更多');
    expect(footerText(true, true)).toBe('加载中…');
    expect(footerText(false, false)).toBe('没有更多了');
  });
});
