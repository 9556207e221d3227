/**
 * `<page-state state="{{state}}" message="{{message}}" empty-text="还没有订单" bind:retry="load">…</page-state>`:
 * a spinner while loading, the error's message with a 重试 button (fires `retry`), the empty text, or,
 * once `ready`, the page's own content (the default slot).
 */
import { pageStateView } from './view';

Component({
  properties: {
    state: { type: String, value: 'loading' },
    message: { type: String, value: '' },
    emptyText: { type: String, value: '' },
  },
  data: pageStateView('', ''),
  observers: {
    'message, emptyText'(message: string, emptyText: string) {
      this.setData(pageStateView(message, emptyText));
    },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
