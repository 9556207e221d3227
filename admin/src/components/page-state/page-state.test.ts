// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createApp, h, nextTick, reactive } from 'vue';

import PageState from './index.vue';

function mount(props: Record<string, unknown>) {
  const state = reactive({ ...props });
  const retries = { count: 0 };
  const root = document.createElement('div');
  const content = { default: () => h('p', { class: 'content' }, '内容') };
  createApp({ render: () => h(PageState, { ...state, onRetry: () => retries.count++ }, content) }).mount(root);
  return { root, state, retries };
}

describe('the page-state component', () => {
  it('shows loading, then the content', async () => {
    const { root, state } = mount({ loading: true });
    expect(root.querySelector('[data-state="loading"]')?.textContent).toContain('加载中');
    state.loading = false;
    await nextTick();
    expect(root.querySelector('.content')?.textContent).toBe('内容');
  });

  it('shows the envelope’s Chinese message and retries', async () => {
    const { root, retries } = mount({ error: { code: 'FORBIDDEN', message: '没有权限进行此操作' } });
    const error = root.querySelector('[data-state="error"]');
    expect(error?.textContent).toContain('没有权限进行此操作');
    expect(root.querySelector('.content')).toBeNull();
    error?.querySelector('button')?.click();
    await nextTick();
    expect(retries.count).toBe(1);
  });

  it('shows the empty text', () => {
    const { root } = mount({ empty: true, emptyText: '还没有订单' });
    expect(root.querySelector('[data-state="empty"]')?.textContent).toContain('还没有订单');
  });
});
