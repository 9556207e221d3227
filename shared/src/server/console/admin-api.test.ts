/**
 * adminApi through the emulator and the real SDK, as the HTTP access service calls it: every action
 * without a token, with an expired, revoked or forged one, with the wrong role; the password rules
 * (same answer for an unknown account, lockout after 5 failures, a reset password must change first);
 * and the audit log. Every refusal answers its HTTP status and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { adminContracts } from '../../contracts/admin';
import { LOCK_MS, MAX_FAILED_SIGN_INS, SESSION_IDLE_MS } from '../../domain/staff.schema';
import { hashToken } from '../runtime/secrets';
import { adminCall, addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const PASSWORD = 'Chongqing2026';
const ACTIONS = Object.keys(adminContracts) as (keyof typeof adminContracts)[];
const requestOf: Record<string, unknown> = {
  staffLogin: { account: 'nobody', password: 'x' },
  changePassword: { oldPassword: PASSWORD, newPassword: 'Another2027x' },
};

/** What a refused call could have touched: the staff, their sessions, the audit log. */
const state = async () => ({
  staff: await platform.find('staff'),
  sessions: await platform.find('staff_sessions'),
  audit: (await platform.find('audit_logs')).length,
});

/**
 * The call is refused with this status and code, and changes nothing; a refused sign-in only counts the
 * failure and leaves one audit entry (`signIn` set).
 */
async function expectRefused(
  action: string,
  body: unknown,
  token: string | undefined,
  status: number,
  code: string,
  signIn = false,
) {
  const before = await state();
  const answer = await adminCall(platform, action, body, token);
  expect([answer.status, answer.body.ok ? 'ok' : answer.body.error.code], `${action} ${token ?? '(none)'}`).toEqual([
    status,
    code,
  ]);
  if (!answer.body.ok) expect(answer.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  const after = await state();
  if (!signIn) return expect(after).toEqual(before);
  const counted = (rows: Record<string, unknown>[]) => rows.map(({ failedSignIns: _, updatedAt: __, ...row }) => row);
  expect(counted(after.staff)).toEqual(counted(before.staff));
  expect(after.sessions).toEqual(before.sessions);
  expect(after.audit).toBeLessThanOrEqual(before.audit + 1);
}

describe('sessions', () => {
  it('signs in, answers who the session belongs to, and signs out for good', async () => {
    await addStaff(platform, 'ops-a', PASSWORD);
    const signedIn = await adminCall<{ token: string; expiresAt: number; staff: { role: string } }>(
      platform,
      'staffLogin',
      { account: 'ops-a', password: PASSWORD },
    );
    expect(signedIn.status).toBe(200);
    if (!signedIn.body.ok) throw new Error(signedIn.body.error.code);
    const { token, expiresAt, staff } = signedIn.body.data;
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(expiresAt).toBeGreaterThan(Date.now() + SESSION_IDLE_MS - 60_000);
    expect(staff).toMatchObject({ role: 'ops' });
    // Only the token's hash is stored.
    const sessions = await platform.find('staff_sessions', { staffId: 'st-ops-a' });
    expect(sessions.map((s) => s._id)).toEqual([hashToken(token)]);
    expect(JSON.stringify(await platform.find('staff_sessions'))).not.toContain(token);

    expect((await adminCall(platform, 'staffMe', {}, token)).body).toMatchObject({
      ok: true,
      data: { staff: { staffId: 'st-ops-a', account: 'ops-a', role: 'ops' } },
    });
    expect((await adminCall(platform, 'staffLogout', {}, token)).status).toBe(200);
    await expectRefused('staffMe', {}, token, 401, 'SESSION_INVALID');
  });

  it('refuses every signed-in action a missing, forged, expired or revoked session token', async () => {
    await addStaff(platform, 'ops-b', PASSWORD);
    const expired = await signIn(platform, 'ops-b', PASSWORD);
    await platform.update(
      'staff_sessions',
      { _id: hashToken(expired) },
      { $set: { lastSeenAt: Date.now() - SESSION_IDLE_MS - 1 } },
    );
    const revoked = await signIn(platform, 'ops-b', PASSWORD);
    await adminCall(platform, 'staffLogout', {}, revoked);
    const forged = Buffer.alloc(32, 7).toString('base64url');
    const tokens = [undefined, forged, expired, revoked];
    const signedIn = ACTIONS.filter((a) => adminContracts[a].roles !== 'public');
    // Every action with one of the four, in turn (each action checks the session; each kind fails it on a quarter
    // of them), and every kind on the first four actions.
    for (const [i, action] of signedIn.entries()) {
      for (const token of i < tokens.length ? tokens : [tokens[i % tokens.length]]) {
        await expectRefused(action, requestOf[action] ?? {}, token, 401, 'SESSION_INVALID');
      }
    }
  });

  it('ends the sessions of staff who are disabled', async () => {
    await addStaff(platform, 'ops-c', PASSWORD);
    const token = await signIn(platform, 'ops-c', PASSWORD);
    await platform.update('staff', { _id: 'st-ops-c' }, { $set: { status: 'disabled' } });
    await expectRefused('staffMe', {}, token, 401, 'SESSION_INVALID');
    await expectRefused(
      'staffLogin',
      { account: 'ops-c', password: PASSWORD },
      undefined,
      401,
      'INVALID_CREDENTIALS',
      true,
    );
  });
});

describe('roles', () => {
  it('refuses an ops action to a merchant and to customer service, with 403', async () => {
    await addStaff(platform, 'merchant-a', PASSWORD, { role: 'merchant', merchantId: 'm-a' });
    await addStaff(platform, 'service-a', PASSWORD, { role: 'service' });
    for (const account of ['merchant-a', 'service-a']) {
      const token = await signIn(platform, account, PASSWORD);
      await expectRefused('listAuditLogs', {}, token, 403, 'FORBIDDEN');
      expect((await adminCall(platform, 'staffMe', {}, token)).status).toBe(200);
    }
  });
});

describe('passwords', () => {
  it('answers an unknown account and a wrong password alike', async () => {
    await addStaff(platform, 'ops-d', PASSWORD);
    const unknown = await adminCall(platform, 'staffLogin', { account: 'no-such-ops', password: PASSWORD });
    const wrong = await adminCall(platform, 'staffLogin', { account: 'ops-d', password: 'Wrong2026xx' });
    expect(unknown).toEqual(wrong);
    expect(unknown).toMatchObject({ status: 401, body: { ok: false, error: { code: 'INVALID_CREDENTIALS' } } });
  });

  it('locks an account for 15 minutes after 5 failures in a row, however many arrive at once', async () => {
    await addStaff(platform, 'ops-e', PASSWORD);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => adminCall(platform, 'staffLogin', { account: 'ops-e', password: 'Nope12345x' })),
    );
    const codes = answers.map((a) => (a.body.ok ? 'ok' : a.body.error.code));
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(MAX_FAILED_SIGN_INS - 1);
    expect(codes).toContain('ACCOUNT_LOCKED');
    expect(answers.find((a) => !a.body.ok && a.body.error.code === 'ACCOUNT_LOCKED')?.status).toBe(429);
    // The right password changes nothing while the lock lasts.
    await expectRefused('staffLogin', { account: 'ops-e', password: PASSWORD }, undefined, 429, 'ACCOUNT_LOCKED', true);
    const [locked] = await platform.find('staff', { _id: 'st-ops-e' });
    expect(locked?.lockedUntil).toBeGreaterThan(Date.now() + LOCK_MS - 60_000);
    await platform.update('staff', { _id: 'st-ops-e' }, { $set: { lockedUntil: Date.now() - 1 } });
    expect(await signIn(platform, 'ops-e', PASSWORD)).toBeTruthy();
  });

  it('holds a reset account to its own actions until the password changes, which ends its other sessions', async () => {
    await addStaff(platform, 'ops-f', PASSWORD, { mustChangePassword: true });
    const first = await signIn(platform, 'ops-f', PASSWORD);
    const second = await signIn(platform, 'ops-f', PASSWORD);
    await expectRefused('listAuditLogs', {}, first, 403, 'PASSWORD_CHANGE_REQUIRED');
    await expectRefused(
      'changePassword',
      { oldPassword: 'Wrong2026xx', newPassword: 'Brand2027new' },
      first,
      400,
      'WRONG_PASSWORD',
    );
    await expectRefused(
      'changePassword',
      { oldPassword: PASSWORD, newPassword: 'short1' },
      first,
      400,
      'INVALID_ARGUMENT',
    );
    const changed = await adminCall(
      platform,
      'changePassword',
      { oldPassword: PASSWORD, newPassword: 'Brand2027new' },
      first,
    );
    expect(changed.body).toMatchObject({ ok: true, data: { staff: { mustChangePassword: false } } });
    expect((await adminCall(platform, 'listAuditLogs', {}, first)).status).toBe(200);
    await expectRefused('staffMe', {}, second, 401, 'SESSION_INVALID');
    await expectRefused(
      'staffLogin',
      { account: 'ops-f', password: PASSWORD },
      undefined,
      401,
      'INVALID_CREDENTIALS',
      true,
    );
    expect(await signIn(platform, 'ops-f', 'Brand2027new')).toBeTruthy();
  });
});

describe('the audit log', () => {
  it('records each sign-in, failure, password change and sign-out with who, role, action and target', async () => {
    await addStaff(platform, 'ops-g', PASSWORD);
    await adminCall(platform, 'staffLogin', { account: 'ops-g', password: 'Wrong2026xx' });
    const token = await signIn(platform, 'ops-g', PASSWORD);
    await adminCall(platform, 'changePassword', { oldPassword: PASSWORD, newPassword: 'Audited2027x' }, token);
    await adminCall(platform, 'staffLogout', {}, token);
    const ops = await signIn(platform, 'ops-g', 'Audited2027x');
    const listed = await adminCall<{ items: Record<string, unknown>[] }>(
      platform,
      'listAuditLogs',
      { account: 'ops-g' },
      ops,
    );
    if (!listed.body.ok) throw new Error(listed.body.error.code);
    expect(listed.body.data.items.map((i) => [i.action, i.role, i.target, i.after])).toEqual([
      ['staffLogin', 'ops', 'staff/st-ops-g', { outcome: 'signed_in' }],
      ['staffLogout', 'ops', 'staff/st-ops-g', { signedOut: true }],
      ['changePassword', 'ops', 'staff/st-ops-g', { mustChangePassword: false, passwordChanged: true }],
      ['staffLogin', 'ops', 'staff/st-ops-g', { outcome: 'signed_in' }],
      ['staffLogin', 'ops', 'staff/st-ops-g', { outcome: 'wrong_password' }],
    ]);
    expect(JSON.stringify(listed.body.data.items)).not.toMatch(/Audited2027x|Chongqing2026/);
  });
});
