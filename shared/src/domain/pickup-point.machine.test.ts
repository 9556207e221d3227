import { describe, expect, it } from 'vitest';
import { pickupPointSchema } from './catalog.schema';
import { geoPoint } from './common.schema';
import { CONTACT_PHONE, isInChongqing, isPickupPointActive, pickupRefusal } from './pickup-point.machine';

describe('a pickup point', () => {
  it('is active until deactivated, including one stored before statuses existed', () => {
    const legacy = pickupPointSchema.parse({
      _id: 'pp-1',
      name: '解放碑便民驿站',
      district: '渝中区',
      address: '渝中区民权路 28 号',
      location: geoPoint(106.5775, 29.5577),
    });
    expect(legacy).toMatchObject({ status: 'active', contactName: '', contactPhone: '', openHours: '' });
    expect(isPickupPointActive(legacy)).toBe(true);
    expect(isPickupPointActive({})).toBe(true);
    expect(isPickupPointActive({ status: 'inactive' })).toBe(false);
  });

  it('takes no new order once deactivated', () => {
    expect(pickupRefusal(null)).toBe('NOT_FOUND');
    expect(pickupRefusal({ status: 'inactive' })).toBe('PICKUP_POINT_INACTIVE');
    expect(pickupRefusal({ status: 'active' })).toBeUndefined();
  });

  it('is in Chongqing: swapped coordinates or another city are a typo', () => {
    expect(isInChongqing(geoPoint(106.5775, 29.5577))).toBe(true);
    expect(isInChongqing(geoPoint(109.4654, 31.0196))).toBe(true); // 奉节
    expect(isInChongqing(geoPoint(29.5577, 106.5775))).toBe(false);
    expect(isInChongqing(geoPoint(104.0665, 30.5723))).toBe(false); // 成都
  });

  it('has a mobile or a landline with its area code as its contact number', () => {
    for (const ok of ['13800138000', '023-63800001', '02363800001', '0236380001'])
      expect(CONTACT_PHONE.test(ok)).toBe(true);
    for (const bad of ['138001380', '63800001', '023 6380 0001', 'tel:13800138000'])
      expect(CONTACT_PHONE.test(bad)).toBe(false);
  });
});
