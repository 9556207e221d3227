import { failure, parseBusinessTime, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import { homeView } from './view';

describe('home view', () => {
  it('shows the environment and the Shanghai server time', () => {
    const now = parseBusinessTime('2026-11-25 20:05');
    expect(homeView(success({ openid: 'o1', env: 'dev-1', now }))).toEqual({
      state: 'ready',
      title: '云开发已连接',
      detail: '环境 dev-1 · 服务器时间 11-25 20:05',
    });
  });

  it('shows the Chinese message of an error code', () => {
    expect(homeView(failure('UNAVAILABLE'))).toMatchObject({ state: 'error', detail: '服务暂时不可用，请稍后再试' });
  });
});
