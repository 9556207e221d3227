import { describe, expect, it } from 'vitest';
import { pickupCodeOfScan, pickupCodeOfTyped, pickupCodeSchema } from './shipment.schema';

describe('a pickup code read at the counter', () => {
  it('takes exactly what the shopper’s QR draws from a scan: the six digits', () => {
    expect(pickupCodeOfScan('042917')).toBe('042917');
    for (const other of ['42917', '0429170', '042 917', ' 042917', 'https://example.com/042917', '6901234567892', ''])
      expect(pickupCodeOfScan(other), other).toBeUndefined();
  });

  it('takes typed digits with the page’s spaces, and nothing else', () => {
    expect(pickupCodeOfTyped('042 917')).toBe('042917');
    expect(pickupCodeOfTyped(' 042917 ')).toBe('042917');
    for (const other of ['04291', '04291a', '０４２９１７', '042-917', ''])
      expect(pickupCodeOfTyped(other), other).toBeUndefined();
  });

  it('reads what the contracts accept', () => {
    for (const code of [pickupCodeOfScan('123456'), pickupCodeOfTyped('123 456')])
      expect(pickupCodeSchema.safeParse(code).success).toBe(true);
  });
});
