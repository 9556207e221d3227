import { describe, expect, it } from 'vitest';
import { exactAtan2, exactSinCos } from './exact-math';

/**
 * Arguments where V8's Math.sin/cos/atan2 round away from the nearest double (while glibc rounds correctly),
 * with the nearest double of the exact value (computed with 200-bit arithmetic).
 */
const SIN: [x: number, nearest: number][] = [
  [1.8575176655405752, 0.9591762639400666],
  [0.5221641286384785, 0.49875704516064784],
  [0.5136881877862188, 0.4913927649513182],
];
const COS: [x: number, nearest: number][] = [
  [0.5108411921190725, 0.8723335480625793],
  [1.9032011032104492, -0.32631710955617826],
  [0.5215939042372005, 0.867026098295493],
];
/** atan2(y, 0.7). */
const ATAN2: [y: number, nearest: number][] = [
  [1.8622438943033548, 1.2112450733661217],
  [2.0683003664016724, 1.244454915781706],
  [0.5087953013152546, 0.6285200259795972],
];

describe('correctly rounded trigonometry', () => {
  it.each(SIN)('sin(%d)', (x, nearest) => expect(exactSinCos(x)[0]).toBe(nearest));
  it.each(COS)('cos(%d)', (x, nearest) => expect(exactSinCos(x)[1]).toBe(nearest));
  it.each(ATAN2)('atan2(%d, 0.7)', (y, nearest) => expect(exactAtan2(y, 0.7)).toBe(nearest));

  it('keeps exact values and signs at the edges', () => {
    expect(exactSinCos(0)).toEqual([0, 1]);
    expect(Object.is(exactSinCos(-0)[0], -0)).toBe(true);
    expect(exactSinCos(Math.PI / 2)).toEqual([1, 6.123233995736766e-17]);
    expect(exactSinCos(-Math.PI)).toEqual([-1.2246467991473532e-16, -1]);
    expect(exactAtan2(0, -1)).toBe(Math.PI);
    expect(exactAtan2(1, 0)).toBe(Math.PI / 2);
    expect(exactAtan2(0, 1)).toBe(0);
  });
});
