import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineAdminContract } from '../../contracts/admin';
import { DomainError } from '../../kernel/errors';
import { ManualClock } from '../../kernel/time';
import * as z from '../../kernel/zod';
import {
  type AuditRecord,
  defineHttpFunction,
  type HttpEvent,
  type HttpReply,
  MAX_BODY_BYTES,
  type StaffPrincipal,
} from './define-http-function';

const contract = {
  name: 'consoleApi',
  prefix: '/admin-api',
  actions: {
    signIn: defineAdminContract({
      name: 'signIn',
      roles: 'public',
      request: z.object({ account: z.string().min(2, '账号太短') }),
      response: z.object({ hello: z.string() }),
    }),
    opsOnly: defineAdminContract({
      name: 'opsOnly',
      roles: ['ops'],
      request: z.object({ n: z.number().int() }),
      response: z.object({ doubled: z.number().int() }),
    }),
    whoAmI: defineAdminContract({
      name: 'whoAmI',
      roles: ['ops', 'merchant'],
      beforePasswordChange: true,
      request: z.object({}),
      response: z.object({ staffId: z.string() }),
    }),
    write: defineAdminContract({
      name: 'write',
      roles: ['ops'],
      audited: true,
      request: z.object({ audit: z.boolean() }),
      response: z.object({}),
    }),
    upload: defineAdminContract({
      name: 'upload',
      roles: ['ops'],
      upload: { maxBytes: 64, contentTypes: ['image/png', 'image/jpeg'] },
      request: z.object({ folder: z.string().regex(/^[a-z]+$/, '目录名只能是小写字母') }),
      response: z.object({ folder: z.string(), contentType: z.string(), size: z.number(), first: z.number() }),
    }),
  },
} as const;

const ops: StaffPrincipal = {
  staffId: 'st-ops',
  account: 'ops',
  name: '运营',
  role: 'ops',
  mustChangePassword: false,
  sessionId: 'h1',
};
const principals: Record<string, StaffPrincipal> = {
  'token-ops-0000000000000000000000000000000': ops,
  'token-merchant-000000000000000000000000000': {
    ...ops,
    staffId: 'st-m',
    account: 'm1',
    role: 'merchant',
    merchantId: 'm1',
  },
  'token-new-0000000000000000000000000000000': { ...ops, staffId: 'st-new', mustChangePassword: true },
};

const audits: AuditRecord[] = [];
const main = defineHttpFunction(
  contract,
  {
    useCases: {
      signIn: async (input) => ({ hello: input.account }),
      opsOnly: async (input) => {
        if (input.n < 0) throw new DomainError('CONFLICT', 'negative');
        if (input.n === 13) throw new Error('secret stack at /srv/x.ts:1');
        return { doubled: input.n * 2 };
      },
      whoAmI: async (_input, ctx) => ({ staffId: ctx.staff?.staffId ?? '' }),
      write: async (input, ctx) => {
        if (input.audit) await ctx.audit({ target: 'thing/1', before: { a: 1 }, after: { a: 2 } });
        return {};
      },
      upload: async (input, ctx) => ({
        folder: input.folder,
        contentType: ctx.upload?.contentType ?? 'none',
        size: ctx.upload?.size ?? -1,
        first: ctx.upload?.bytes[0] ?? -1,
      }),
    },
    authenticate: async (token) => principals[token],
    writeAudit: async (record) => {
      audits.push(record);
    },
  },
  { clock: new ManualClock(1_000) },
);

const post = (action: string, body: unknown, headers: Record<string, string> = {}): HttpEvent => ({
  path: `/admin-api/${action}`,
  httpMethod: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
  isBase64Encoded: false,
});
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const envelope = (reply: HttpReply) => JSON.parse(reply.body) as { ok: boolean; error?: { code: string } };

describe('defineHttpFunction', () => {
  beforeEach(() => {
    for (const level of ['info', 'warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation(() => undefined);
  });
  afterEach(() => {
    delete process.env.ADMIN_CONSOLE_ORIGIN;
  });

  it('serves a public action without a session, with the envelope and an integration response', async () => {
    const reply = await main(post('signIn', { account: 'ops' }));
    expect(reply).toMatchObject({ statusCode: 200, isBase64Encoded: false });
    expect(reply.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, data: { hello: 'ops' } });
  });

  it('reads a base64 body and header names in any case', async () => {
    const reply = await main({
      ...post('opsOnly', ''),
      headers: { AUTHORIZATION: `Bearer token-ops-0000000000000000000000000000000` },
      body: Buffer.from(JSON.stringify({ n: 21 })).toString('base64'),
      isBase64Encoded: true,
    });
    expect(JSON.parse(reply.body)).toEqual({ ok: true, data: { doubled: 42 } });
  });

  it('answers 401 without a session, with a forged or unknown token, and with another scheme', async () => {
    for (const headers of [{}, as('forged'), { Authorization: 'Basic b3BzOm9wcw==' }, as('')]) {
      const reply = await main(post('opsOnly', { n: 1 }, headers));
      expect(reply.statusCode, JSON.stringify(headers)).toBe(401);
      expect(envelope(reply)).toMatchObject({ ok: false, error: { code: 'SESSION_INVALID' } });
    }
  });

  it('answers 403 to a role the action does not allow, and holds all but the account’s own actions until the password changes', async () => {
    const merchant = await main(post('opsOnly', { n: 1 }, as('token-merchant-000000000000000000000000000')));
    expect([merchant.statusCode, envelope(merchant).error?.code]).toEqual([403, 'FORBIDDEN']);
    const held = await main(post('opsOnly', { n: 1 }, as('token-new-0000000000000000000000000000000')));
    expect([held.statusCode, envelope(held).error?.code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    const own = await main(post('whoAmI', {}, as('token-new-0000000000000000000000000000000')));
    expect(JSON.parse(own.body)).toEqual({ ok: true, data: { staffId: 'st-new' } });
  });

  it('answers 404 to an unknown action, another path or another method; 400 to a bad or oversized body', async () => {
    const token = as('token-ops-0000000000000000000000000000000');
    for (const event of [
      post('nope', {}, token),
      post('__proto__', {}, token),
      { ...post('opsOnly', { n: 1 }, token), path: '/other/opsOnly' },
      { ...post('opsOnly', { n: 1 }, token), httpMethod: 'GET' },
    ]) {
      expect((await main(event)).statusCode, JSON.stringify(event)).toBe(404);
    }
    for (const body of ['{not json', JSON.stringify({ n: 'one' }), `{"n":1,"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}`]) {
      const reply = await main(post('opsOnly', body, token));
      expect([reply.statusCode, envelope(reply).error?.code]).toEqual([400, 'INVALID_ARGUMENT']);
    }
    const short = await main(post('signIn', { account: 'x' }));
    expect(JSON.parse(short.body)).toMatchObject({ error: { message: '账号太短' } });
  });

  it('keeps a domain error’s code with its status, and hides anything else as 500', async () => {
    const token = as('token-ops-0000000000000000000000000000000');
    const conflict = await main(post('opsOnly', { n: -1 }, token));
    expect([conflict.statusCode, envelope(conflict).error?.code]).toEqual([409, 'CONFLICT']);
    const crash = await main(post('opsOnly', { n: 13 }, token));
    expect([crash.statusCode, envelope(crash).error?.code]).toEqual([500, 'INTERNAL']);
    expect(crash.body).not.toMatch(/secret|srv|stack/);
  });

  it('audits an audited action with who, role, action, target, before and after; refuses one that forgets', async () => {
    audits.length = 0;
    const token = as('token-ops-0000000000000000000000000000000');
    expect((await main(post('write', { audit: true }, token), { request_id: 'req-1' })).statusCode).toBe(200);
    expect(audits).toEqual([
      {
        action: 'write',
        staffId: 'st-ops',
        account: 'ops',
        role: 'ops',
        target: 'thing/1',
        before: { a: 1 },
        after: { a: 2 },
        requestId: 'req-1',
        at: 1_000,
      },
    ]);
    expect((await main(post('write', { audit: false }, token))).statusCode).toBe(500);
  });

  it('allows only the configured console origin (CORS), preflight included', async () => {
    process.env.ADMIN_CONSOLE_ORIGIN = 'https://console.example.com';
    const allowed = await main(post('signIn', { account: 'ops' }, { Origin: 'https://console.example.com' }));
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example.com');
    const other = await main(post('signIn', { account: 'ops' }, { Origin: 'https://evil.example.com' }));
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await main({
      path: '/admin-api/opsOnly',
      httpMethod: 'OPTIONS',
      headers: { origin: 'https://console.example.com' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
    const refused = await main({ path: '/admin-api/opsOnly', httpMethod: 'OPTIONS', headers: { origin: 'https://x' } });
    expect(refused.statusCode).toBe(403);
  });
});

describe('an upload action', () => {
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  const token = as('token-ops-0000000000000000000000000000000');
  /** The integration request the HTTP access service makes of a binary POST: the body base64-encoded. */
  const upload = (bytes: Buffer, contentType: string, query: Record<string, string> = { folder: 'products' }) => ({
    path: '/admin-api/upload',
    httpMethod: 'POST',
    headers: { 'Content-Type': contentType, ...token },
    queryStringParameters: query,
    body: bytes.toString('base64'),
    isBase64Encoded: true,
  });
  const refusal = async (event: HttpEvent) => {
    const reply = await main(event);
    const body = JSON.parse(reply.body) as { error?: { code: string; message: string } };
    return [reply.statusCode, body.error?.code, body.error?.message];
  };

  beforeEach(() => {
    for (const level of ['info', 'warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation(() => undefined);
  });

  it('hands the use case the bytes, their type by magic number, and the query string parsed', async () => {
    const reply = await main(upload(PNG, 'image/png'));
    expect(JSON.parse(reply.body)).toEqual({
      ok: true,
      data: { folder: 'products', contentType: 'image/png', size: PNG.length, first: 0x89 },
    });
    // A JPEG the browser labelled PNG is taken as what its bytes say.
    const jpeg = await main(upload(JPEG, 'image/png'));
    expect(JSON.parse(jpeg.body)).toMatchObject({ data: { contentType: 'image/jpeg' } });
  });

  it('refuses, before the use case, a body too large, empty, of another type by header or by bytes', async () => {
    expect(await refusal(upload(Buffer.concat([PNG, Buffer.alloc(64)]), 'image/png'))).toEqual([
      400,
      'INVALID_ARGUMENT',
      '图片不能超过 64 字节',
    ]);
    expect(await refusal(upload(Buffer.alloc(0), 'image/png'))).toEqual([400, 'INVALID_ARGUMENT', '文件是空的']);
    const wrongType = [400, 'INVALID_ARGUMENT', '只支持 PNG、JPG 图片'];
    expect(await refusal(upload(PNG, 'image/gif'))).toEqual(wrongType);
    expect(await refusal(upload(PNG, ''))).toEqual(wrongType);
    expect(await refusal(upload(Buffer.from('<svg onload=alert(1)>'), 'image/png'))).toEqual(wrongType);
    expect(await refusal(upload(Buffer.from('GIF89a-------'), 'image/jpeg'))).toEqual(wrongType);
    // A JSON body is not a file.
    expect(await refusal({ ...upload(PNG, 'application/json'), body: '{}', isBase64Encoded: false })).toEqual(
      wrongType,
    );
  });

  it('parses the query string with the contract, and still wants a session and the role', async () => {
    expect(await refusal(upload(PNG, 'image/png', { folder: 'A/../b' }))).toEqual([
      400,
      'INVALID_ARGUMENT',
      '目录名只能是小写字母',
    ]);
    expect(await refusal(upload(PNG, 'image/png', {}))).toEqual([
      400,
      'INVALID_ARGUMENT',
      '请求参数有误，请检查后重试',
    ]);
    const anonymous = { ...upload(PNG, 'image/png'), headers: { 'Content-Type': 'image/png' } };
    expect((await refusal(anonymous))[0]).toBe(401);
    const merchant = {
      ...upload(PNG, 'image/png'),
      headers: { 'Content-Type': 'image/png', ...as('token-merchant-000000000000000000000000000') },
    };
    expect((await refusal(merchant))[0]).toBe(403);
  });
});
