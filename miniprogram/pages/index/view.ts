import type { Envelope, ResponseOf, pingContract } from '@shared/client';
import { formatBusinessTime } from '@shared/client';

export interface HomeView {
  readonly state: 'loading' | 'ready' | 'error';
  readonly title: string;
  readonly detail: string;
}

export const loadingView: HomeView = { state: 'loading', title: '正在连接云开发…', detail: '' };

/** What the home page shows for a `ping` answer. */
export function homeView(answer: Envelope<ResponseOf<typeof pingContract>>): HomeView {
  if (!answer.ok) return { state: 'error', title: '连接失败', detail: answer.error.message };
  return {
    state: 'ready',
    title: '云开发已连接',
    detail: `环境 ${answer.data.env || '默认'} · 服务器时间 ${formatBusinessTime(answer.data.now, 'MM-DD HH:mm')}`,
  };
}
