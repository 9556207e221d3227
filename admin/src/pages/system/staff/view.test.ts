import { describe, expect, it } from 'vitest';
import { createRequest, editRequest, emptyStaffForm, roleText, staffFormOf, statusText } from './view';

describe('staff view', () => {
  it('sends a merchant with its merchant, and nobody else with one', () => {
    const form = { ...emptyStaffForm(), account: ' hj-shop ', name: '花椒老板', role: 'merchant' as const };
    expect(createRequest(form)).toEqual({ ok: false, errors: { merchantId: expect.any(String) } });
    expect(createRequest({ ...form, merchantId: 'm-1' })).toEqual({
      ok: true,
      request: { account: 'hj-shop', name: '花椒老板', role: 'merchant', merchantId: 'm-1' },
    });
    expect(createRequest({ ...form, role: 'service', merchantId: 'm-1' })).toEqual({
      ok: true,
      request: { account: 'hj-shop', name: '花椒老板', role: 'service' },
    });
  });

  it('shows the contract’s messages for a bad account or name', () => {
    const result = createRequest({ ...emptyStaffForm(), account: '中文', name: '' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.account).toBe('账号为 2–32 位字母、数字或 _ . @ -');
      expect(result.errors.name).toBe('请输入姓名');
    }
  });

  it('edits from a listed member of staff', () => {
    const staff = {
      staffId: 'st-1',
      account: 'a1',
      name: '张三',
      role: 'merchant' as const,
      merchantId: 'm-1',
      merchantName: '江津花椒铺',
      status: 'active' as const,
      mustChangePassword: true,
      createdAt: 0,
    };
    expect(editRequest('st-1', { ...staffFormOf(staff), role: 'ops' })).toEqual({
      ok: true,
      request: { staffId: 'st-1', name: '张三', role: 'ops' },
    });
    expect(roleText(staff)).toBe('商家 · 江津花椒铺');
    expect(roleText({ role: 'ops' })).toBe('平台运营');
    expect(statusText(staff)).toBe('启用 · 待改密');
    expect(statusText({ status: 'disabled', mustChangePassword: true })).toBe('已停用');
  });
});
