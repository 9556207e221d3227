import { describe, expect, it } from 'vitest';
import { decodeAttach, encodeAttach, type PaymentAttach } from './payment-attach';

describe('payment attach', () => {
  it('round-trips what the payment callback needs', () => {
    const member: PaymentAttach = {
      role: 'member',
      groupId: 'G20261125203000abcdefgh',
      activityId: 'a-orange-5',
      stock: { kind: 'pool', id: 'a-orange-5' },
      quantity: 2,
    };
    const solo: PaymentAttach = { role: 'solo', stock: { kind: 'sku', id: 's-pepper-250' }, quantity: 1 };
    for (const attach of [member, solo]) expect(decodeAttach(encodeAttach(attach))).toEqual(attach);
    expect(encodeAttach(member)).toBe('M|G20261125203000abcdefgh|a-orange-5|p:a-orange-5|2');
  });

  it('gives up when it would not fit in 127 bytes', () => {
    expect(encodeAttach({ role: 'solo', stock: { kind: 'sku', id: 'x'.repeat(130) }, quantity: 1 })).toBeUndefined();
  });

  it('rejects anything malformed', () => {
    for (const bad of [
      undefined,
      '',
      'X|g|a1|s:1|1',
      'M||a1|s:a|1',
      'M|G1||s:a|1',
      'S|G1|a1|s:a|1',
      'S||a1|s:a|1',
      'M|G1|a1|q:a|1',
      'M|G1|a1|s:a|0',
      'M|G1|a1|s:a|1.5',
      'M|G1|a1|s:a',
      'M|G1|s:a|1',
    ]) {
      expect(decodeAttach(bad)).toBeUndefined();
    }
  });
});
