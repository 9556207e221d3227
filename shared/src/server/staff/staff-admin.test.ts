/**
 * 员工 through the emulator and the bundled adminApi: ops creates, edits, disables and enables staff and
 * resets their passwords; a duplicate account is refused; disabling ends the sessions (the next call is
 * 401); a reset forces a new password; an ops never disables themselves nor removes the last active ops;
 * merchants and customer service may do none of it.
 */
import { describe, expect, it } from 'vitest';
import { adminCall, addStaff, signIn, type AdminAnswer } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const PASSWORD = 'Chongqing2026';

interface Item {
  staffId: string;
  account: string;
  name: string;
  role: string;
  merchantId?: string;
  merchantName?: string;
  status: string;
  mustChangePassword: boolean;
}

function dataOf<T>(answer: AdminAnswer<T>): T {
  if (!answer.body.ok) throw new Error(`${answer.status} ${answer.body.error.code}`);
  return answer.body.data;
}
const codeOf = (answer: AdminAnswer) => [answer.status, answer.body.ok ? 'ok' : answer.body.error.code];

let sequence = 0;
/** A fresh ops account and its session. */
async function newOps(): Promise<{ staffId: string; token: string }> {
  const account = `ops-staff-${++sequence}`;
  const staffId = await addStaff(platform, account, PASSWORD);
  return { staffId, token: await signIn(platform, account, PASSWORD) };
}

describe('staff accounts', () => {
  it('creates an account with a temporary password that must be changed; a taken account name is refused', async () => {
    const { token } = await newOps();
    await platform.insert('merchants', [
      { _id: 'm-staff-1', name: '江津花椒铺', district: '江津区', phone: '023-1234567', createdAt: Date.now() },
    ]);
    const created = dataOf(
      await adminCall<{ staff: Item; temporaryPassword: string }>(
        platform,
        'createStaff',
        { account: 'hj-shop', name: '花椒老板', role: 'merchant', merchantId: 'm-staff-1' },
        token,
      ),
    );
    expect(created.staff).toMatchObject({
      account: 'hj-shop',
      role: 'merchant',
      merchantId: 'm-staff-1',
      merchantName: '江津花椒铺',
      status: 'active',
      mustChangePassword: true,
    });
    const stored = await platform.get('staff', created.staff.staffId);
    expect(JSON.stringify(stored)).not.toContain(created.temporaryPassword);

    // The new account signs in with it and may do nothing but change it.
    const theirs = await signIn(platform, 'hj-shop', created.temporaryPassword);
    expect(codeOf(await adminCall(platform, 'searchOrders', {}, theirs))).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    const changed = await adminCall(
      platform,
      'changePassword',
      { oldPassword: created.temporaryPassword, newPassword: 'Huajiao2026x' },
      theirs,
    );
    expect(changed.body.ok).toBe(true);

    const again = await adminCall(
      platform,
      'createStaff',
      { account: 'hj-shop', name: '另一个', role: 'service' },
      token,
    );
    expect(codeOf(again)).toEqual([409, 'ACCOUNT_TAKEN']);
    expect(again.body.ok ? '' : again.body.error.message).toBe('该账号已存在，请换一个账号名');
    const racing = await Promise.all(
      [1, 2, 3].map((i) =>
        adminCall(platform, 'createStaff', { account: 'same-name', name: `客服${i}`, role: 'service' }, token),
      ),
    );
    expect(racing.map(codeOf).sort()).toEqual([
      [200, 'ok'],
      [409, 'ACCOUNT_TAKEN'],
      [409, 'ACCOUNT_TAKEN'],
    ]);
    expect(await platform.find('staff', { account: 'same-name' })).toHaveLength(1);

    for (const body of [
      { account: 'x1', name: '商家', role: 'merchant' },
      { account: 'x2', name: '客服', role: 'service', merchantId: 'm-staff-1' },
      { account: '中文账号', name: '客服', role: 'service' },
    ]) {
      expect(codeOf(await adminCall(platform, 'createStaff', body, token))).toEqual([400, 'INVALID_ARGUMENT']);
    }
    const noMerchant = { account: 'x3', name: '商家', role: 'merchant', merchantId: 'm-none' };
    expect(codeOf(await adminCall(platform, 'createStaff', noMerchant, token))).toEqual([404, 'NOT_FOUND']);

    const listed = dataOf(
      await adminCall<{ items: Item[]; merchants: { merchantId: string; name: string }[] }>(
        platform,
        'listStaff',
        { role: 'merchant' },
        token,
      ),
    );
    expect(listed.items.map((i) => i.account)).toContain('hj-shop');
    expect(listed.items.every((i) => i.role === 'merchant')).toBe(true);
    expect(listed.merchants).toContainEqual({ merchantId: 'm-staff-1', name: '江津花椒铺' });

    const audit = await platform.find('audit_logs', { action: 'createStaff' });
    expect(audit.some((a) => a.target === `staff/${created.staff.staffId}`)).toBe(true);
    expect(JSON.stringify(audit)).not.toMatch(/passwordHash|scrypt/);
  });

  it('disabling ends the sessions at once (the next call is 401); enabling does not bring them back', async () => {
    const { token } = await newOps();
    const staffId = await addStaff(platform, 'svc-disable', PASSWORD, { role: 'service' });
    const theirs = await signIn(platform, 'svc-disable', PASSWORD);
    expect((await adminCall(platform, 'staffMe', {}, theirs)).status).toBe(200);

    const disabled = await adminCall<{ staff: Item }>(
      platform,
      'setStaffStatus',
      { staffId, status: 'disabled' },
      token,
    );
    expect(dataOf(disabled).staff.status).toBe('disabled');
    expect(codeOf(await adminCall(platform, 'staffMe', {}, theirs))).toEqual([401, 'SESSION_INVALID']);
    await expect(signIn(platform, 'svc-disable', PASSWORD)).rejects.toThrow();

    dataOf(await adminCall(platform, 'setStaffStatus', { staffId, status: 'active' }, token));
    expect(codeOf(await adminCall(platform, 'staffMe', {}, theirs))).toEqual([401, 'SESSION_INVALID']);
    const fresh = await signIn(platform, 'svc-disable', PASSWORD);
    expect((await adminCall(platform, 'staffMe', {}, fresh)).status).toBe(200);

    const audit = await platform.find('audit_logs', { action: 'setStaffStatus', target: `staff/${staffId}` });
    expect(audit.map((a) => [a.before, a.after])).toEqual([
      [{ status: 'active' }, { status: 'disabled' }],
      [{ status: 'disabled' }, { status: 'active' }],
    ]);
  });

  it('resetting a password ends the sessions, lifts a lock and forces a change at the next sign-in', async () => {
    const { token } = await newOps();
    const staffId = await addStaff(platform, 'svc-reset', PASSWORD, { role: 'service' });
    const theirs = await signIn(platform, 'svc-reset', PASSWORD);
    await platform.update('staff', { _id: staffId }, { $set: { lockedUntil: Date.now() + 600_000 } });

    const reset = dataOf(
      await adminCall<{ staff: Item; temporaryPassword: string }>(platform, 'resetStaffPassword', { staffId }, token),
    );
    expect(reset.staff.mustChangePassword).toBe(true);
    expect(reset.temporaryPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d)\S{12}$/);
    expect(codeOf(await adminCall(platform, 'staffMe', {}, theirs))).toEqual([401, 'SESSION_INVALID']);
    await expect(signIn(platform, 'svc-reset', PASSWORD)).rejects.toThrow();

    const next = await signIn(platform, 'svc-reset', reset.temporaryPassword);
    expect(codeOf(await adminCall(platform, 'searchOrders', {}, next))).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    const me = dataOf(await adminCall<{ staff: Item }>(platform, 'staffMe', {}, next));
    expect(me.staff.mustChangePassword).toBe(true);
    const audit = await platform.find('audit_logs', { action: 'resetStaffPassword', target: `staff/${staffId}` });
    expect(JSON.stringify(audit)).not.toContain(reset.temporaryPassword);
  });

  it('sets role and merchant; the new role holds from the next call', async () => {
    const { token } = await newOps();
    await platform.insert('merchants', [
      { _id: 'm-staff-2', name: '奉节脐橙园', district: '奉节县', phone: '023-7654321', createdAt: Date.now() },
    ]);
    const staffId = await addStaff(platform, 'svc-role', PASSWORD, { role: 'service' });
    const theirs = await signIn(platform, 'svc-role', PASSWORD);
    expect((await adminCall(platform, 'listFlaggedRefunds', {}, theirs)).status).toBe(200);

    const edited = dataOf(
      await adminCall<{ staff: Item }>(
        platform,
        'editStaff',
        { staffId, name: '脐橙店员', role: 'merchant', merchantId: 'm-staff-2' },
        token,
      ),
    );
    expect(edited.staff).toMatchObject({ name: '脐橙店员', role: 'merchant', merchantId: 'm-staff-2' });
    expect(codeOf(await adminCall(platform, 'listFlaggedRefunds', {}, theirs))).toEqual([403, 'FORBIDDEN']);

    dataOf(await adminCall(platform, 'editStaff', { staffId, name: '脐橙店员', role: 'service' }, token));
    expect(await platform.get('staff', staffId)).not.toHaveProperty('merchantId');
    const audit = await platform.find('audit_logs', { action: 'editStaff', target: `staff/${staffId}` });
    expect(audit.map((a) => a.after)).toEqual([
      { name: '脐橙店员', role: 'merchant', merchantId: 'm-staff-2' },
      { name: '脐橙店员', role: 'service', merchantId: null },
    ]);
  });

  it('an ops cannot disable, demote or reset themselves, and the last active ops stays, even when two race', async () => {
    // Only these two ops are active from here on.
    await platform.update('staff', { role: 'ops' }, { $set: { status: 'disabled' } });
    const a = await newOps();
    const b = await newOps();
    expect(
      codeOf(await adminCall(platform, 'setStaffStatus', { staffId: a.staffId, status: 'disabled' }, a.token)),
    ).toEqual([400, 'NOT_ON_SELF']);
    expect(codeOf(await adminCall(platform, 'resetStaffPassword', { staffId: a.staffId }, a.token))).toEqual([
      400,
      'NOT_ON_SELF',
    ]);
    const demoteSelf = { staffId: a.staffId, name: '我', role: 'service' };
    expect(codeOf(await adminCall(platform, 'editStaff', demoteSelf, a.token))).toEqual([400, 'NOT_ON_SELF']);

    // Two ops taking each other out at once, the only two active: never both, and one always stays.
    for (const action of ['setStaffStatus', 'editStaff', 'setStaffStatus'] as const) {
      const out = (staffId: string) =>
        action === 'setStaffStatus' ? { staffId, status: 'disabled' } : { staffId, name: '降级', role: 'service' };
      const both = await Promise.all([
        adminCall(platform, action, out(b.staffId), a.token),
        adminCall(platform, action, out(a.staffId), b.token),
      ]);
      const refused = both.filter((answer) => !answer.body.ok).map(codeOf);
      expect(refused.length, action).toBeGreaterThanOrEqual(1);
      for (const code of refused)
        expect([
          [409, 'LAST_ACTIVE_OPS'],
          [401, 'SESSION_INVALID'],
          // The other's demotion landed first: the caller is no longer ops when their own action is checked.
          [403, 'FORBIDDEN'],
        ]).toContainEqual(code);
      expect(await platform.find('staff', { role: 'ops', status: 'active' }), action).not.toHaveLength(0);
      // Both ops again, with their sessions, for the next round.
      await platform.update(
        'staff',
        { _id: { $in: [a.staffId, b.staffId] } },
        { $set: { role: 'ops', status: 'active', sessionsValidFrom: 0 } },
      );
    }
  });

  it('is for ops alone: merchants and customer service are refused with 403 and change nothing', async () => {
    const target = await addStaff(platform, 'svc-target', PASSWORD, { role: 'service' });
    await addStaff(platform, 'staff-merchant', PASSWORD, { role: 'merchant', merchantId: 'm-1' });
    await addStaff(platform, 'staff-service', PASSWORD, { role: 'service' });
    for (const account of ['staff-merchant', 'staff-service']) {
      const token = await signIn(platform, account, PASSWORD);
      for (const [action, body] of [
        ['listStaff', {}],
        ['createStaff', { account: 'sneaky', name: '偷偷', role: 'ops' }],
        ['editStaff', { staffId: target, name: '改名', role: 'ops' }],
        ['setStaffStatus', { staffId: target, status: 'disabled' }],
        ['resetStaffPassword', { staffId: target }],
      ] as const) {
        expect(codeOf(await adminCall(platform, action, body, token)), `${account} ${action}`).toEqual([
          403,
          'FORBIDDEN',
        ]);
      }
    }
    expect(await platform.find('staff', { account: 'sneaky' })).toEqual([]);
    expect(await platform.get('staff', target)).toMatchObject({ role: 'service', status: 'active' });
  });
});
