import { type ConsoleActivity, money } from '@shared/admin-client';

const { fen } = money;
import { describe, expect, it } from 'vitest';

import {
  commissionFormOf,
  commissionRequest,
  commissionText,
  emptyForm,
  formOf,
  formRequest,
  liveHint,
  pointChoices,
  SCOPE_KIND_LABELS,
  searchRequest,
  shanghaiInstant,
  shanghaiText,
} from './view';

const NOW = Date.parse('2026-12-02T10:20:00+08:00');

const filled = () => ({
  ...emptyForm(NOW),
  title: '江津青花椒 3 人团',
  groupPrice: '29.9',
  soloPrice: '39.90',
  perOrderLimit: 2,
});

describe('activities view', () => {
  it('reads Shanghai wall-clock times both ways', () => {
    expect(shanghaiText(Date.parse('2026-12-01T16:00:00Z'))).toBe('2026-12-02 00:00:00');
    expect(shanghaiInstant('2026-12-02 00:00:00')).toBe(Date.parse('2026-12-01T16:00:00Z'));
    expect(shanghaiInstant('2026-12-02 00:00')).toBe(Date.parse('2026-12-01T16:00:00Z'));
    expect(shanghaiInstant('tomorrow')).toBeNaN();
    expect(emptyForm(NOW).startAt).toBe('2026-12-02 11:00:00');
  });

  it('sends yuan as fen and times as instants, leaving out what is not set', () => {
    const result = formRequest(filled());
    expect(result).toEqual({
      ok: true,
      edit: expect.objectContaining({
        groupPrice: 2990,
        soloPrice: 3990,
        startAt: Date.parse('2026-12-02T11:00:00+08:00'),
        stockMode: 'shared',
      }),
    });
    if (result.ok) {
      expect(result.edit).not.toHaveProperty('leaderPrice');
      expect(result.edit).not.toHaveProperty('scope');
      expect(result.edit).not.toHaveProperty('poolSize');
    }
    const full = formRequest({
      ...filled(),
      leaderPrice: '25',
      stockMode: 'dedicated',
      poolSize: 30,
      scopeKind: 'radius',
      radiusMeters: 2000,
      guaranteeOn: true,
      guaranteePercent: 60,
    });
    expect(full.ok && full.edit).toMatchObject({
      leaderPrice: 2500,
      poolSize: 30,
      scope: { kind: 'radius', center: { type: 'Point', coordinates: [106.5775, 29.5577] }, radiusMeters: 2000 },
      guarantee: { minPaidShare: 0.6 },
    });
  });

  it('a 社区团 names one pickup point: chosen, required, read back, and kept in the picker once closed', () => {
    expect(SCOPE_KIND_LABELS.pickup_point).toBe('社区团（指定自提点）');
    const chosen = formRequest({ ...filled(), scopeKind: 'pickup_point', pickupPointId: 'pp-mzl' });
    expect(chosen.ok && chosen.edit.scope).toEqual({ kind: 'pickup_point', pickupPointId: 'pp-mzl' });
    expect(formRequest({ ...filled(), scopeKind: 'pickup_point', pickupPointId: '' })).toEqual({
      ok: false,
      errors: { scope: '请选择自提点' },
    });
    if (!chosen.ok) throw new Error('valid form');
    expect(formOf(chosen.edit as unknown as ConsoleActivity)).toMatchObject({
      scopeKind: 'pickup_point',
      pickupPointId: 'pp-mzl',
    });
    const open = [
      { pickupPointId: 'pp-jfb', name: '解放碑驿站', district: '渝中区' as const, address: '民权路 28 号' },
    ];
    expect(pointChoices(open, { kind: 'pickup_point', pickupPointId: 'pp-mzl' }).map((p) => p.pickupPointId)).toEqual([
      'pp-mzl',
      'pp-jfb',
    ]);
    expect(pointChoices(open, { kind: 'pickup_point', pickupPointId: 'pp-jfb' })).toEqual(open);
    expect(pointChoices(open, undefined)).toEqual(open);
  });

  it('refuses at each field with the domain’s words', () => {
    const bad = formRequest({ ...filled(), groupPrice: '39.90' });
    expect(bad).toEqual({ ok: false, errors: { groupPrice: '拼团价须低于单买价' } });
    expect(formRequest({ ...filled(), soloPrice: '1.234' })).toMatchObject({
      ok: false,
      errors: { soloPrice: expect.stringContaining('单买价') },
    });
    expect(formRequest({ ...filled(), endAt: '2026-12-01 00:00:00' })).toMatchObject({
      errors: { endAt: '结束时间须晚于开始时间' },
    });
    expect(formRequest({ ...filled(), perOrderLimit: 9, perUserLimit: 5 })).toMatchObject({
      errors: { perOrderLimit: '每单限购不能超过每人限购' },
    });
    expect(formRequest({ ...filled(), scopeKind: 'districts', districts: [] })).toMatchObject({ ok: false });
    expect(formRequest({ ...filled(), stockMode: 'dedicated', poolSize: 80 }, { skuAvailable: 50 })).toMatchObject({
      errors: { poolSize: 'SKU 可用库存不足：最多还能划拨 50 件' },
    });
  });

  it('on a published activity, refuses what would hurt a forming group and hints at each field', () => {
    const form = filled();
    const edit = formRequest(form);
    if (!edit.ok) throw new Error('valid form');
    const current = {
      ...edit.edit,
      stockMode: 'dedicated',
      poolSize: undefined,
      pool: { available: 5, reserved: 3, sold: 2 },
      status: 'active',
    } as unknown as ConsoleActivity;
    const live = formOf(current);
    expect(live.poolSize).toBe(10);
    expect(formRequest({ ...live, groupPrice: '28.00' }, { current, skuAvailable: 0 })).toMatchObject({
      ok: false,
      errors: { groupPrice: expect.stringContaining('') },
    });
    expect(formRequest({ ...live, poolSize: 4 }, { current, skuAvailable: 0 })).toMatchObject({
      errors: { poolSize: '专属库存不能少于已占用和已售出的 5 件' },
    });
    expect(formRequest({ ...live, perUserLimit: 9, poolSize: 5 }, { current, skuAvailable: 0 }).ok).toBe(true);
    expect(liveHint('active', 'groupPrice')).toContain('不能修改');
    expect(liveHint('draft', 'groupPrice')).toBe('');
  });

  it('searches by what the form holds', () => {
    expect(searchRequest({ keyword: '  ', phase: '', merchantId: '' })).toEqual({});
    expect(searchRequest({ keyword: ' 花椒 ', phase: 'selling', merchantId: ' m-jiangjin ' })).toEqual({
      keyword: '花椒',
      phase: 'selling',
      merchantId: 'm-jiangjin',
    });
  });
});

describe('the 佣金规则 form', () => {
  const prices = { groupPrice: 2990, leaderPrice: 2500 };

  it('shows a rule and sends it back as the server takes it', () => {
    const rule = { base: { kind: 'rate' as const, basisPoints: 850 }, groupBonus: fen(500) };
    const form = commissionFormOf(rule);
    expect(form).toEqual({ on: true, kind: 'rate', percent: '8.5', perUnit: '', bonus: '5.00' });
    expect(commissionRequest(form, prices)).toEqual({ ok: true, rule });
    expect(commissionText(rule)).toBe('实付 8.5%，成团奖励 ¥5.00');
    expect(commissionText(undefined)).toBe('未设置（不产生佣金）');
  });

  it('sends null to remove it, a per-unit amount in fen, and refuses in the domain’s words', () => {
    expect(commissionRequest(commissionFormOf(undefined), prices)).toEqual({ ok: true, rule: null });
    const perUnit = { on: true, kind: 'per_unit' as const, percent: '', perUnit: '5', bonus: '' };
    expect(commissionRequest(perUnit, prices)).toEqual({ ok: true, rule: { base: { kind: 'per_unit', amount: 500 } } });
    expect(commissionRequest({ ...perUnit, perUnit: '5.01' }, prices)).toEqual({
      ok: false,
      message: '每件佣金不能超过团长价或拼团价（取较低者）的 20%',
    });
    expect(commissionRequest({ ...perUnit, kind: 'rate', percent: '20.01' }, prices)).toEqual({
      ok: false,
      message: '佣金比例须在 0.01% 到 20% 之间',
    });
    expect(commissionRequest({ ...perUnit, kind: 'rate', percent: 'abc' }, prices).ok).toBe(false);
    expect(commissionRequest({ ...perUnit, bonus: '200.01' }, prices)).toEqual({
      ok: false,
      message: '成团奖励须在 ¥0.01 到 ¥200 之间',
    });
  });
});
