import { describe, expect, it } from 'vitest';
import { deliveryRequestSchema } from './delivery.schema';

describe('delivery requests', () => {
  const address = { kind: 'address', name: '张三', phone: '13800000000', district: '渝中区', detail: '民权路 28 号' };

  it('accepts an address a shopper typed, trimmed, emoji and all', () => {
    expect(deliveryRequestSchema.parse({ ...address, name: ' 张三🌶️ ' })).toMatchObject({ name: '张三🌶️' });
  });

  it('refuses names and details with control or text-direction characters', () => {
    for (const bad of ['张\u0000三', '张\n三', 'user\u202Egnp.exe', '\u2066张三\u2069', '张\u200F三']) {
      expect(deliveryRequestSchema.safeParse({ ...address, name: bad }).success, JSON.stringify(bad)).toBe(false);
      expect(deliveryRequestSchema.safeParse({ ...address, detail: bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
