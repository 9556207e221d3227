/**
 * setCommissionRule through the bundled adminApi in the emulator: a rate or per-unit rule with a bonus is set,
 * shown in the activity's detail and audited; a per-unit amount past 20% of the lowest unit price is refused and
 * changes nothing; the same request key again changes nothing (audited as a repeat); `null` removes it; another
 * merchant's activity reads as not found.
 */
import { describe, expect, it } from 'vitest';
import { type ConsoleActivityAnswer, create, expectRefused, ok, seedSku, signInStaff } from '../testing/activities';
import { adminCall } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

const setRule = (body: unknown, token: string) =>
  adminCall<ConsoleActivityAnswer>(platform, 'setCommissionRule', body, token);

describe('setCommissionRule', () => {
  it('sets, shows, repeats and removes a rule, each audited', async () => {
    const staff = await signInStaff(platform, 'cr1');
    const sku = await seedSku(platform, 'm-a', 50);
    const id = await create(platform, staff.merchantA, sku.skuId, { leaderPrice: 2500 });
    const rule = { base: { kind: 'rate', basisPoints: 800 }, groupBonus: 1000 };
    const set = ok(await setRule({ activityId: id, rule, requestKey: 'set-rule-0001' }, staff.merchantA));
    expect(set.activity.commission).toEqual(rule);
    const detail = ok(
      await adminCall<ConsoleActivityAnswer>(platform, 'getActivityRules', { activityId: id }, staff.ops),
    );
    expect(detail.activity.commission).toEqual(rule);

    // The same key with another rule: a repeat, nothing changes.
    const again = ok(
      await setRule(
        { activityId: id, rule: { base: { kind: 'per_unit', amount: 100 } }, requestKey: 'set-rule-0001' },
        staff.ops,
      ),
    );
    expect(again.activity.commission).toEqual(rule);

    // 20% of the leader price (2500) is 500: 501 is refused, 500 is taken.
    await expectRefused(
      platform,
      'setCommissionRule',
      { activityId: id, rule: { base: { kind: 'per_unit', amount: 501 } }, requestKey: 'set-rule-0002' },
      staff.ops,
      [400, 'COMMISSION_TOO_HIGH'],
    );
    const perUnit = ok(
      await setRule(
        { activityId: id, rule: { base: { kind: 'per_unit', amount: 500 } }, requestKey: 'set-rule-0003' },
        staff.ops,
      ),
    );
    expect(perUnit.activity.commission).toEqual({ base: { kind: 'per_unit', amount: 500 } });

    const removed = ok(await setRule({ activityId: id, rule: null, requestKey: 'set-rule-0004' }, staff.ops));
    expect(removed.activity.commission).toBeUndefined();
    expect((await platform.get('activities', id)) as object).not.toHaveProperty('commission');

    const audit = (await platform.find('audit_logs', { action: 'setCommissionRule', target: `activity/${id}` })) as {
      before: unknown;
      after: Record<string, unknown>;
    }[];
    expect(audit.map((entry) => entry.after)).toEqual([
      { commission: rule },
      { commission: rule, repeat: true },
      { commission: { base: { kind: 'per_unit', amount: 500 } } },
      { commission: null },
    ]);
  });

  it('refuses bad rules before anything runs, and another merchant’s activity as not found', async () => {
    const staff = await signInStaff(platform, 'cr2');
    const sku = await seedSku(platform, 'm-a', 50);
    const id = await create(platform, staff.merchantA, sku.skuId);
    for (const rule of [
      { base: { kind: 'rate', basisPoints: 2001 } },
      { base: { kind: 'rate', basisPoints: 500 }, groupBonus: 20_001 },
    ]) {
      await expectRefused(
        platform,
        'setCommissionRule',
        { activityId: id, rule, requestKey: 'set-rule-0005' },
        staff.ops,
        [400, 'INVALID_ARGUMENT'],
      );
    }
    const rule = { base: { kind: 'rate', basisPoints: 500 } };
    await expectRefused(
      platform,
      'setCommissionRule',
      { activityId: id, rule, requestKey: 'set-rule-0006' },
      staff.merchantB,
      [404, 'NOT_FOUND'],
    );
    await expectRefused(
      platform,
      'setCommissionRule',
      { activityId: id, rule, requestKey: 'set-rule-0007' },
      staff.service,
      [403, 'FORBIDDEN'],
    );
  });
});
