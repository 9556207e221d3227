// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, renderInside, shows, sleep, textIn } from '../../testing/render-component';
import { pageStateView } from './view';

describe('page-state', () => {
  it("shows the envelope's message and the page's empty text, or plain defaults", () => {
    expect(pageStateView('活动已结束', '还没有订单')).toEqual({ errorText: '活动已结束', emptyMessage: '还没有订单' });
    expect(pageStateView('', '')).toEqual({ errorText: '网络开小差了，请稍后再试', emptyMessage: '这里还是空的' });
  });

  it('shows a spinner while loading', async () => {
    const state = await render('page-state', { state: 'loading' });
    expect(shows(state, '.page-state__spinner')).toBe(true);
    expect(textIn(state, '.page-state')).toBe('加载中…');
  });

  it('shows the error message with a 重试 button that fires retry', async () => {
    const state = await render('page-state', { state: 'error', message: '网络不太好，请重试' });
    expect(textIn(state, '.page-state__text')).toBe('网络不太好，请重试');
    expect(textIn(state, '.page-state__retry')).toBe('重试');
    let retries = 0;
    state.addEventListener('retry', () => retries++);
    state.querySelector('.page-state__retry')?.dispatchEvent('tap');
    await sleep(0);
    expect(retries).toBe(1);
  });

  it('shows the empty text when there is nothing', async () => {
    const state = await render('page-state', { state: 'empty', emptyText: '附近还没有人开团' });
    expect(textIn(state, '.page-state')).toBe('附近还没有人开团');
    expect(shows(state, '.page-state__retry')).toBe(false);
  });

  it("shows the page's own content once ready, and only then", async () => {
    const host = await renderInside(
      'page-state',
      '<page-state state="{{state}}"><view class="content">奉节脐橙</view></page-state>',
    );
    host.setData({ state: 'loading' });
    expect(host.dom.textContent).toBe('加载中…');
    host.setData({ state: 'ready' });
    expect(host.dom.textContent).toBe('奉节脐橙');
  });
});
