/**
 * 审计日志 through the emulator and the bundled adminApi: searched by actor (account), action, target and a
 * time range, newest first, a page at a time; ops alone may read it, and no action changes it.
 */
import { describe, expect, it } from 'vitest';
import { adminContracts } from '../../contracts/admin';
import { adminCall, addStaff, signIn, type AdminAnswer } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const PASSWORD = 'Chongqing2026';
const T0 = Date.UTC(2026, 10, 30, 16); // 2026-12-01 00:00 in Shanghai
const HOUR = 3_600_000;

interface Item {
  auditId: string;
  at: number;
  account: string;
  action: string;
  target: string;
}

const record = (n: number, account: string, action: string, target: string) => ({
  _id: `audit-search-${n}`,
  at: T0 + n * HOUR,
  staffId: `st-${account}`,
  account,
  role: 'ops',
  action,
  target,
  after: { n },
  requestId: `req-${n}`,
});

describe('the audit log search', () => {
  it('finds records by actor, action, target and time range, newest first, a page at a time', async () => {
    await addStaff(platform, 'audit-reader', PASSWORD);
    const token = await signIn(platform, 'audit-reader', PASSWORD);
    await platform.insert('audit_logs', [
      record(1, 'ops-a', 'runJob', 'job/expireGroups'),
      record(2, 'ops-a', 'createStaff', 'staff/st-x'),
      record(3, 'ops-b', 'runJob', 'job/retryRefunds'),
      record(4, 'ops-b', 'setStaffStatus', 'staff/st-x'),
      record(30, 'ops-a', 'runJob', 'job/expireGroups'),
    ]);
    const search = async (filter: Record<string, unknown>) => {
      const answer: AdminAnswer<{ items: Item[]; hasMore: boolean }> = await adminCall(
        platform,
        'listAuditLogs',
        filter,
        token,
      );
      if (!answer.body.ok) throw new Error(answer.body.error.code);
      return answer.body.data;
    };
    const ids = async (filter: Record<string, unknown>) =>
      (await search(filter)).items.map((i) => i.auditId.replace('audit-search-', ''));

    expect(await ids({ account: 'ops-a' })).toEqual(['30', '2', '1']);
    expect(await ids({ action: 'runJob', from: T0, to: T0 + 24 * HOUR - 1 })).toEqual(['3', '1']);
    expect(await ids({ target: 'staff/st-x' })).toEqual(['4', '2']);
    expect(await ids({ account: 'ops-b', action: 'runJob' })).toEqual(['3']);
    expect(await ids({ from: T0 + 2 * HOUR, to: T0 + 3 * HOUR })).toEqual(['3', '2']);
    expect(await ids({ account: 'ops-a', from: T0 + 24 * HOUR })).toEqual(['30']);
    const first = await search({ account: 'ops-a', limit: 2 });
    expect([first.items.length, first.hasMore]).toEqual([2, true]);
    expect(await ids({ account: 'ops-a', limit: 2, offset: 2 })).toEqual(['1']);
  });

  it('is for ops alone, and read-only: no console action changes a record', async () => {
    await addStaff(platform, 'audit-merchant', PASSWORD, { role: 'merchant', merchantId: 'm-1' });
    await addStaff(platform, 'audit-service', PASSWORD, { role: 'service' });
    for (const account of ['audit-merchant', 'audit-service']) {
      const answer = await adminCall(platform, 'listAuditLogs', {}, await signIn(platform, account, PASSWORD));
      expect([answer.status, answer.body.ok ? 'ok' : answer.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    expect(Object.keys(adminContracts).filter((action) => /audit/i.test(action))).toEqual(['listAuditLogs']);
  });
});
