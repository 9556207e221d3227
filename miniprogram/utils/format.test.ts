import { describe, expect, it } from 'vitest';
import {
  countdownText,
  distanceText,
  maskPhone,
  priceParts,
  priceText,
  savingText,
  seatsLeftText,
  secondsLeft,
} from './format';

describe('format', () => {
  it('writes fen as yuan with two decimals', () => {
    expect(priceText(2990)).toBe('¥29.90');
    expect(priceText(5)).toBe('¥0.05');
    expect(priceText(0)).toBe('¥0.00');
    expect(priceParts(12345)).toEqual({ yuan: '123', cents: '.45' });
    expect(() => priceText(29.9)).toThrow();
  });

  it('writes the saving only when the group price is lower', () => {
    expect(savingText(2990, 3990)).toBe('省¥10.00');
    expect(savingText(3990, 3990)).toBe('');
  });

  it('counts down in whole seconds, with days beyond 24 hours, and ends at 已结束', () => {
    const now = 1_000_000;
    expect(countdownText(now + 3_725_000, now)).toBe('01:02:05');
    expect(countdownText(now + 999, now)).toBe('已结束');
    expect(countdownText(now + 1000, now)).toBe('00:00:01');
    expect(countdownText(now + 90_061_000, now)).toBe('1天 01:01:01');
    expect(countdownText(now - 5000, now)).toBe('已结束');
    expect(secondsLeft(now - 5000, now)).toBe(0);
  });

  it('says how many seats are missing', () => {
    expect(seatsLeftText(2)).toBe('还差2人成团');
    expect(seatsLeftText(0)).toBe('已满员，等待付款');
  });

  it('masks the middle four digits of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('12345')).toBe('12345');
  });

  it('writes distances in metres then kilometres', () => {
    expect(distanceText(80.4)).toBe('80m');
    expect(distanceText(1249)).toBe('1.2km');
    expect(distanceText(9960)).toBe('10.0km');
    expect(distanceText(12_600)).toBe('13km');
  });
});
