/** What a page shows while its data loads, when loading failed, when there is nothing, or once ready. */

export type PageState = 'loading' | 'error' | 'empty' | 'ready';

export interface PageStateView {
  readonly errorText: string;
  readonly emptyMessage: string;
}

/** The texts of the error and empty states: the envelope's message and the page's empty text, or plain defaults. */
export function pageStateView(message: string, emptyText: string): PageStateView {
  return { errorText: message || '网络开小差了，请稍后再试', emptyMessage: emptyText || '这里还是空的' };
}
