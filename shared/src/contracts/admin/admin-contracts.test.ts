import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../kernel/errors';
import type { Contract } from '../contract';
import {
  ADMIN_HTTP_STATUS,
  adminContracts,
  bearer,
  bearerToken,
  canCallAction,
  canSeePage,
  changePasswordContract,
  createStaffContract,
  editStaffContract,
  isAdminAction,
  resetStaffPasswordContract,
  runJobContract,
  setStaffStatusContract,
  STAFF_ROLES,
  staffLoginContract,
  staffSchema,
} from '.';
import { adminContractLoaders } from './contract-loaders';

const here = fileURLToPath(new URL('.', import.meta.url));
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('admin contracts', () => {
  it('are one file per action, named after it', () => {
    const files = readdirSync(here).filter((f) => f.endsWith('.contract.ts'));
    expect(files.sort()).toEqual(
      Object.keys(adminContracts)
        .map((a) => `${kebab(a)}.contract.ts`)
        .sort(),
    );
    for (const [action, contract] of Object.entries(adminContracts)) expect(contract.name).toBe(action);
    expect(isAdminAction('staffLogin')).toBe(true);
    expect(isAdminAction('toString')).toBe(false);
  });

  it('are each loaded by the console as the very contract the server routes by', async () => {
    expect(Object.keys(adminContractLoaders).sort()).toEqual(Object.keys(adminContracts).sort());
    for (const [action, load] of Object.entries(adminContractLoaders)) {
      expect(await load()).toBe(adminContracts[action as keyof typeof adminContracts]);
    }
  });

  it('are not cloud-function contracts, so defineFunction cannot serve one without a staff session', () => {
    // @ts-expect-error an admin contract has no `caller`
    const asFunction: Contract = adminContracts.staffMe;
    expect('caller' in asFunction).toBe(false);
  });

  it('let only signing in go without a session, and the account’s own actions before a password change', () => {
    const open = Object.values(adminContracts).filter((c) => c.roles === 'public');
    expect(open.map((c) => c.name)).toEqual(['staffLogin']);
    const beforeChange = Object.values(adminContracts).filter((c) => c.beforePasswordChange);
    expect(beforeChange.map((c) => c.name).sort()).toEqual(['changePassword', 'staffLogout', 'staffMe']);
    // The account's own actions and pages are everyone's; the audit log is ops' alone.
    for (const role of STAFF_ROLES) {
      for (const action of ['staffLogin', 'staffMe', 'changePassword', 'staffLogout'] as const)
        expect(canCallAction(role, action)).toBe(true);
      for (const page of ['workbench', 'changePassword'] as const) expect(canSeePage(role, page)).toBe(true);
      expect(canCallAction(role, 'listAuditLogs')).toBe(role === 'ops');
      expect(canSeePage(role, 'auditLogs')).toBe(role === 'ops');
      // 任务: ops alone.
      for (const action of ['listJobs', 'listJobRuns', 'runJob'] as const)
        expect(canCallAction(role, action)).toBe(role === 'ops');
      // 员工: ops alone.
      for (const action of ['listStaff', 'createStaff', 'editStaff', 'setStaffStatus', 'resetStaffPassword'] as const)
        expect(canCallAction(role, action)).toBe(role === 'ops');
      for (const page of ['jobs', 'staff', 'auditLogs'] as const) expect(canSeePage(role, page)).toBe(role === 'ops');
    }
  });

  it('hold new passwords to the policy: 10+ characters, letters and digits, no spaces, not the old one', () => {
    const check = (newPassword: string, oldPassword = 'old-password-1') =>
      changePasswordContract.request.safeParse({ oldPassword, newPassword });
    expect(check('chongqing2026').success).toBe(true);
    const message = (newPassword: string, oldPassword?: string) => {
      const result = check(newPassword, oldPassword);
      return result.success ? undefined : result.error.issues[0]?.message;
    };
    expect(message('cq2026')).toBe('密码至少 10 位');
    expect(message('chongqingcity')).toBe('密码须包含数字');
    expect(message('2026202620')).toBe('密码须包含字母');
    expect(message('chong qing 2026')).toBe('密码不能包含空格');
    expect(message('a1'.repeat(33))).toBe('密码最多 64 位');
    expect(message('chongqing2026', 'chongqing2026')).toBe('新密码不能与原密码相同');
  });

  it('ask for an account and a password at sign-in, in Chinese', () => {
    const result = staffLoginContract.request.safeParse({ account: '  ', password: '' });
    expect(result.success).toBe(false);
    const messages = result.success ? [] : result.error.issues.map((i) => [i.path[0], i.message]);
    expect(messages).toContainEqual(['account', '请输入账号']);
    expect(messages).toContainEqual(['password', '请输入密码']);
    expect(staffLoginContract.request.parse({ account: ' ops-01 ', password: 'x' }).account).toBe('ops-01');
  });

  it('run a job only when asked whether it is a dry run', () => {
    expect(runJobContract.request.safeParse({ job: 'expireGroups' }).success).toBe(false);
    expect(runJobContract.request.safeParse({ job: 'expireGroups', dryRun: true }).success).toBe(true);
    expect(runJobContract.request.safeParse({ job: 'ping', dryRun: true }).success).toBe(false);
    expect(runJobContract.audited).toBe(true);
  });

  it('give a merchant account its merchant, and nobody else one', () => {
    const base = { account: 'new-01', name: '新员工' };
    expect(createStaffContract.request.safeParse({ ...base, role: 'merchant', merchantId: 'm1' }).success).toBe(true);
    expect(createStaffContract.request.safeParse({ ...base, role: 'merchant' }).success).toBe(false);
    expect(createStaffContract.request.safeParse({ ...base, role: 'ops', merchantId: 'm1' }).success).toBe(false);
    for (const contract of [createStaffContract, editStaffContract, setStaffStatusContract, resetStaffPasswordContract])
      expect(contract.audited).toBe(true);
  });

  it('describe a merchant with its merchant, and nobody else with one', () => {
    const base = { staffId: 's1', account: 'm01', name: '李老板', mustChangePassword: false };
    expect(staffSchema.safeParse({ ...base, role: 'merchant', merchantId: 'mch-1' }).success).toBe(true);
    expect(staffSchema.safeParse({ ...base, role: 'merchant' }).success).toBe(false);
    expect(staffSchema.safeParse({ ...base, role: 'ops', merchantId: 'mch-1' }).success).toBe(false);
    expect(staffSchema.safeParse({ ...base, role: 'service' }).success).toBe(true);
  });

  it('give every error code an HTTP status, and 401 only where the session is the problem', () => {
    expect(Object.keys(ADMIN_HTTP_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    const unauthorized = ERROR_CODES.filter((code) => ADMIN_HTTP_STATUS[code] === 401);
    expect(unauthorized.sort()).toEqual(['INVALID_CREDENTIALS', 'SESSION_INVALID', 'UNAUTHENTICATED']);
    expect(ADMIN_HTTP_STATUS.WRONG_PASSWORD).toBe(400);
    expect(ADMIN_HTTP_STATUS.ACCOUNT_LOCKED).toBe(429);
  });

  it('carry the token as a Bearer authorization', () => {
    const token = 'q2T0s-Ab_x9'.repeat(4);
    expect(bearerToken(bearer(token))).toBe(token);
    expect(bearerToken(`bearer  ${token}`)).toBe(token);
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken(`Basic ${token}`)).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
    expect(bearerToken(`Bearer ${token} extra`)).toBeUndefined();
  });
});
