import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ERROR_MESSAGES, type Staff } from '@shared/admin-client';
import { describe, expect, it, vi } from 'vitest';

import {
  BAD_RESPONSE_MESSAGE,
  type AdminClientOptions,
  createAdminClient,
  NETWORK_ERROR_MESSAGE,
  preloadContracts,
  TIMEOUT_MESSAGE,
} from './client';

const TOKEN = 'tok_'.repeat(11);
const STAFF: Staff = { staffId: 's-1', account: 'ops01', name: '王运营', role: 'ops', mustChangePassword: false };

interface Sent {
  url: string;
  init: RequestInit;
}

/** A client over a fake fetch that answers `status` with `body` (a string is sent as is). */
function clientAnswering(status: number, body: unknown, options: Partial<AdminClientOptions> = {}) {
  const sent: Sent[] = [];
  const onSessionInvalid = vi.fn();
  const onPasswordChangeRequired = vi.fn();
  const call = createAdminClient({
    apiBase: 'https://api.example.test/admin-api/',
    token: () => TOKEN,
    onSessionInvalid,
    onPasswordChangeRequired,
    fetch: async (url, init) => {
      sent.push({ url: String(url), init: init ?? {} });
      return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
    },
    ...options,
  });
  return { call, sent, onSessionInvalid, onPasswordChangeRequired };
}

const headersOf = (sent: Sent) => new Headers(sent.init.headers);

describe('callAdmin', () => {
  it('posts the parsed request as JSON to <apiBase>/<action> with the Bearer token, and answers the data', async () => {
    const { call, sent } = clientAnswering(200, { ok: true, data: { staff: STAFF } });
    const result = await call('staffMe', {});
    expect(result).toEqual({ ok: true, data: { staff: STAFF } });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('https://api.example.test/admin-api/staffMe');
    expect(sent[0]?.init.method).toBe('POST');
    expect(sent[0]?.init.credentials).toBe('omit');
    expect(headersOf(sent[0]!).get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(headersOf(sent[0]!).get('content-type')).toBe('application/json');
    expect(sent[0]?.init.body).toBe('{}');
  });

  it('uploads a file as the body with its type, the request in the query string; refuses a wrong type or size unsent', async () => {
    const image = { fileId: 'cloud://env.b/products/m1/p1/a.png', url: 'https://cdn.test/a.png' };
    const { call, sent } = clientAnswering(200, { ok: true, data: image });
    const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    expect(await call('uploadProductImage', { productId: 'P1' }, png)).toEqual({ ok: true, data: image });
    expect(sent[0]?.url).toBe('https://api.example.test/admin-api/uploadProductImage?productId=P1');
    expect(headersOf(sent[0]!).get('content-type')).toBe('image/png');
    expect(sent[0]?.init.body).toBe(png);

    const gif = new Blob([new Uint8Array([1])], { type: 'image/gif' });
    expect(await call('uploadProductImage', { productId: 'P1' }, gif)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '只能上传 JPG、PNG 或 WebP 图片' },
    });
    const huge = new Blob([new Uint8Array(4 * 1024 * 1024 + 1)], { type: 'image/png' });
    expect(await call('uploadProductImage', { productId: 'P1' }, huge)).toMatchObject({
      ok: false,
      error: { message: '图片不能超过 4 MB' },
    });
    expect(await call('uploadProductImage', { productId: 'P1' })).toMatchObject({ ok: false });
    expect(sent).toHaveLength(1);
  });

  it('signs in without a token, sending the account trimmed', async () => {
    const data = { token: TOKEN, expiresAt: 1_800_000_000_000, staff: STAFF };
    const { call, sent } = clientAnswering(200, { ok: true, data });
    expect(await call('staffLogin', { account: ' ops01 ', password: 'secret' })).toEqual({ ok: true, data });
    expect(headersOf(sent[0]!).has('authorization')).toBe(false);
    expect(JSON.parse(String(sent[0]?.init.body))).toEqual({ account: 'ops01', password: 'secret' });
  });

  it('answers a failure envelope as it is, with the server’s Chinese message', async () => {
    const body = { ok: false, error: { code: 'FORBIDDEN', message: '没有权限进行此操作' } };
    const { call, onSessionInvalid } = clientAnswering(403, body);
    expect(await call('staffMe', {})).toEqual(body);
    expect(onSessionInvalid).not.toHaveBeenCalled();
  });

  it('refuses a request its contract refuses without sending it, with the contract’s message', async () => {
    const { call, sent } = clientAnswering(200, { ok: true, data: {} });
    const result = await call('changePassword', { oldPassword: 'old-password-1', newPassword: 'short1' });
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '密码至少 10 位' } });
    expect(sent).toHaveLength(0);
  });

  it('on a 401 clears the session with the server’s message', async () => {
    const body = { ok: false, error: { code: 'SESSION_INVALID', message: '登录已失效，请重新登录' } };
    const { call, onSessionInvalid } = clientAnswering(401, body);
    expect(await call('staffMe', {})).toEqual(body);
    expect(onSessionInvalid).toHaveBeenCalledWith('登录已失效，请重新登录');
  });

  it('on a 401 that is not the envelope (a gateway’s own refusal) still signs out', async () => {
    const { call, onSessionInvalid } = clientAnswering(401, '<html>401 Unauthorized</html>');
    const result = await call('staffMe', {});
    expect(result).toEqual({ ok: false, error: { code: 'SESSION_INVALID', message: ERROR_MESSAGES.SESSION_INVALID } });
    expect(onSessionInvalid).toHaveBeenCalledOnce();
  });

  it('does not sign out on a wrong password at sign-in (401 there means bad credentials)', async () => {
    const body = { ok: false, error: { code: 'INVALID_CREDENTIALS', message: '账号或密码错误' } };
    const { call, onSessionInvalid } = clientAnswering(401, body);
    expect(await call('staffLogin', { account: 'ops01', password: 'wrong' })).toEqual(body);
    expect(onSessionInvalid).not.toHaveBeenCalled();
  });

  it('without a token, does not call the server and signs out', async () => {
    const { call, sent, onSessionInvalid } = clientAnswering(200, {}, { token: () => undefined });
    const result = await call('staffMe', {});
    expect(result).toEqual({ ok: false, error: { code: 'SESSION_INVALID', message: ERROR_MESSAGES.SESSION_INVALID } });
    expect(sent).toHaveLength(0);
    expect(onSessionInvalid).toHaveBeenCalledOnce();
  });

  it('reports PASSWORD_CHANGE_REQUIRED so the console can ask for a new password', async () => {
    const body = { ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '请先修改密码后再继续' } };
    const { call, onPasswordChangeRequired, onSessionInvalid } = clientAnswering(403, body);
    expect(await call('staffMe', {})).toEqual(body);
    expect(onPasswordChangeRequired).toHaveBeenCalledOnce();
    expect(onSessionInvalid).not.toHaveBeenCalled();
  });

  it('keeps the message of an error code it does not know yet (a newer server)', async () => {
    const body = { ok: false, error: { code: 'SOMETHING_NEW', message: '新的错误说明' } };
    const { call } = clientAnswering(409, body);
    expect(await call('staffMe', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: '新的错误说明' } });
  });

  it('answers INTERNAL when the data does not match the contract', async () => {
    const { call } = clientAnswering(200, { ok: true, data: { staff: { ...STAFF, role: 'admin' } } });
    expect(await call('staffMe', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: BAD_RESPONSE_MESSAGE },
    });
  });

  it('answers UNAVAILABLE with the status for a body that is not the envelope', async () => {
    const { call } = clientAnswering(502, '<html>Bad Gateway</html>');
    expect(await call('staffMe', {})).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: `${ERROR_MESSAGES.UNAVAILABLE}（HTTP 502）` },
    });
    const limited = clientAnswering(429, 'Too Many Requests');
    expect(await limited.call('staffMe', {})).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: ERROR_MESSAGES.RATE_LIMITED },
    });
  });

  it('answers a Chinese network message when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const call = createAdminClient({
      apiBase: `http://127.0.0.1:${port}/admin-api`,
      token: () => TOKEN,
      onSessionInvalid: () => undefined,
      onPasswordChangeRequired: () => undefined,
    });
    expect(await call('staffMe', {})).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: NETWORK_ERROR_MESSAGE },
    });
  });

  it('gives up after its timeout with a Chinese message', async () => {
    const call = createAdminClient({
      apiBase: '/admin-api',
      token: () => TOKEN,
      onSessionInvalid: () => undefined,
      onPasswordChangeRequired: () => undefined,
      timeoutMs: 20,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    });
    expect(await call('staffMe', {})).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: TIMEOUT_MESSAGE } });
  });

  it('answers a download as the file, named by its content-disposition; a refusal as the envelope', async () => {
    const csv = '订单号,商品\r\nO1,火锅底料\r\n';
    const call = createAdminClient({
      apiBase: '/admin-api',
      token: () => TOKEN,
      onSessionInvalid: vi.fn(),
      onPasswordChangeRequired: vi.fn(),
      fetch: async () =>
        new Response(`\uFEFF${csv}`, {
          status: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent('订单-20261202.csv')}`,
          },
        }),
    });
    expect(await call('exportOrders', {})).toEqual({
      ok: true,
      data: { filename: '订单-20261202.csv', contentType: 'text/csv; charset=utf-8', content: csv },
    });
    const refused = clientAnswering(400, { ok: false, error: { code: 'EXPORT_TOO_LARGE', message: '太多了' } });
    expect(await refused.call('exportOrders', {})).toEqual({
      ok: false,
      error: { code: 'EXPORT_TOO_LARGE', message: '太多了' },
    });
  });

  it('loads each action’s contract on its first call, or all of them at once when preloaded, without calling the server', async () => {
    const { call, sent } = clientAnswering(200, { ok: true, data: { items: [], hasMore: false } });
    expect(await call('listPickupBatches', {})).toEqual({ ok: true, data: { items: [], hasMore: false } });
    expect(JSON.parse(String(sent[0]?.init.body))).toEqual({ limit: 20, offset: 0 });
    await preloadContracts();
    expect(sent).toHaveLength(1);
  });
});
