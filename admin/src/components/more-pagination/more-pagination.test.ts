// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createApp, h, nextTick, reactive } from 'vue';

import MorePagination from './index.vue';

function mount(props: { page: number; pageSize: number; shown: number; hasMore: boolean }) {
  const state = reactive({ ...props });
  const turned: number[] = [];
  const root = document.createElement('div');
  createApp({ render: () => h(MorePagination, { ...state, onTurn: (to: number) => turned.push(to) }) }).mount(root);
  const pages = () => [...root.querySelectorAll('.t-pagination__number')].map((node) => node.textContent?.trim());
  return { root, state, turned, pages };
}

describe('the more-pagination component', () => {
  it('offers the pages seen and one more while the server has more', async () => {
    const { state, pages } = mount({ page: 1, pageSize: 20, shown: 20, hasMore: true });
    expect(pages()).toEqual(['1', '2']);
    state.page = 2;
    state.hasMore = false;
    state.shown = 5;
    await nextTick();
    expect(pages()).toEqual(['1', '2']);
  });

  it('shows one page when everything fits, and says which page was asked for', async () => {
    const { root, pages, turned } = mount({ page: 2, pageSize: 20, shown: 20, hasMore: true });
    expect(pages()).toEqual(['1', '2', '3']);
    (root.querySelectorAll('.t-pagination__number')[2] as HTMLElement).click();
    await nextTick();
    expect(turned).toEqual([3]);
    const single = mount({ page: 1, pageSize: 20, shown: 3, hasMore: false });
    expect(single.pages()).toEqual(['1']);
  });
});
