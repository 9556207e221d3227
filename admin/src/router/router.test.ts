// @vitest-environment jsdom
/**
 * The router, the session and the API client together: what a page sees when the server ends the
 * session or asks for a new password, and after 退出登录.
 */
import type { Staff } from '@shared/admin-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { callAdmin } from '../api';
import { session } from '../session';
import { createConsoleRouter, ROUTE_NAMES } from '.';
import type { Router } from 'vue-router';

const staff: Staff = { staffId: 's-1', account: 'ops01', name: '王运营', role: 'ops', mustChangePassword: false };
const answers: Array<{ status: number; body: unknown }> = [];
const posted: string[] = [];

beforeEach(() => {
  answers.length = 0;
  posted.length = 0;
  vi.stubGlobal('fetch', async (url: string) => {
    posted.push(new URL(url, 'http://localhost').pathname);
    const answer = answers.shift() ?? { status: 200, body: { ok: true, data: { staff } } };
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  });
  session.signIn({ token: 'tok_'.repeat(11), expiresAt: Date.now() + 3_600_000, staff });
});

afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

/** Waits for the navigation a session change starts (the first visit to a page loads its chunk). */
async function settlesOn(router: Router, name: string) {
  await vi.waitFor(() => expect(router.currentRoute.value.name).toBe(name), { timeout: 20_000, interval: 20 });
}

async function openWorkbench() {
  const router = createConsoleRouter();
  await router.push('/workbench?tab=1');
  expect(router.currentRoute.value.name).toBe(ROUTE_NAMES.workbench);
  return router;
}

describe('the console router', () => {
  it('asks the server once per page load who the stored session belongs to', async () => {
    const router = await openWorkbench();
    await router.push('/account/password');
    expect(posted).toEqual(['/admin-api/staffMe']);
  });

  it('on a 401 signs out and goes to 登录 with the way back and the server’s message', async () => {
    const router = await openWorkbench();
    answers.push({
      status: 401,
      body: { ok: false, error: { code: 'SESSION_INVALID', message: '登录已失效，请重新登录' } },
    });
    const result = await callAdmin('staffMe', {});
    expect(result.ok).toBe(false);
    expect(session.current.value).toBeNull();
    expect(session.notice.value).toBe('登录已失效，请重新登录');
    await settlesOn(router, ROUTE_NAMES.login);
    expect(router.currentRoute.value.query).toEqual({ redirect: '/workbench?tab=1' });
  });

  it('after 退出登录 goes to 登录 without a way back', async () => {
    const router = await openWorkbench();
    session.signOut();
    await settlesOn(router, ROUTE_NAMES.login);
    expect(router.currentRoute.value.query).toEqual({});
  });

  it('goes to 修改密码 when the server asks for a new password', async () => {
    const router = await openWorkbench();
    answers.push({
      status: 403,
      body: { ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '请先修改密码后再继续' } },
    });
    await callAdmin('staffMe', {});
    await settlesOn(router, ROUTE_NAMES.changePassword);
    expect(router.currentRoute.value.query).toEqual({ redirect: '/workbench?tab=1' });
  });
});
