/**
 * Correctly rounded sine, cosine and arctangent for the 2dsphere distance (`geo.ts`).
 *
 * MongoDB's S2 code calls the C library's sin, cos and atan2. V8's Math.sin, Math.cos and Math.atan2 (fdlibm) are
 * within one unit in the last place but round differently from glibc's in a few percent of cases, and the distance
 * formula's cross product turns one such unit into a difference in the tenth significant digit. These compute in
 * double-double arithmetic (about 106 bits) and round once, so they give the double nearest the exact value, as
 * glibc does too except in about 0.1 % of cases (where glibc misrounds). They are meant for |x| <= 3.9 (angles of
 * points and between points); larger arguments fall back to Math.
 *
 * A double-double is an unevaluated sum hi + lo with |lo| <= ulp(hi) / 2. To keep the hot path free of
 * allocations, each operation leaves its result in `dd`.
 */

interface Pair {
  hi: number;
  lo: number;
}
/** sin (sh + sl) and cos (ch + cl) of one argument, as double-doubles. */
interface SinCos {
  sh: number;
  sl: number;
  ch: number;
  cl: number;
}

const dd: Pair = { hi: 0, lo: 0 };
const SPLITTER = 134_217_729; // 2^27 + 1: Dekker's splitting constant

/** dd = a + b exactly. */
function twoSum(a: number, b: number): void {
  const s = a + b;
  const v = s - a;
  dd.lo = a - (s - v) + (b - v);
  dd.hi = s;
}

/** The rounding error of p = a * b. */
function productError(a: number, b: number, p: number): number {
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** dd = s + e renormalised (|e| small beside s). */
function settle(s: number, e: number): void {
  dd.hi = s + e;
  dd.lo = e - (dd.hi - s);
}

function add(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const s = dd.hi;
  const e = dd.lo;
  twoSum(al, bl);
  const f = dd.lo;
  settle(s, e + dd.hi);
  settle(dd.hi, dd.lo + f);
}

function mul(ah: number, al: number, bh: number, bl: number): void {
  const p = ah * bh;
  settle(p, productError(ah, bh, p) + (ah * bl + al * bh));
}

function mulNumber(ah: number, al: number, b: number): void {
  const p = ah * b;
  settle(p, productError(ah, b, p) + al * b);
}

/** dd = 1 - (x² · s) / d: one Horner step of the Taylor series. */
function hornerStep(x2h: number, x2l: number, sh: number, sl: number, d: number): void {
  mul(x2h, x2l, sh, sl);
  const ah = dd.hi;
  const al = dd.lo;
  const q = ah / d;
  const p = q * d;
  const pe = productError(q, d, p);
  twoSum(ah, -p);
  settle(q, (dd.hi + (dd.lo - pe + al)) / d);
  add(1, 0, -dd.hi, -dd.lo);
}

/** sin and cos of a small t (th + tl) by their Taylor series, `terms` Horner steps each. */
function series(th: number, tl: number, terms: number, into: SinCos): void {
  mul(th, tl, th, tl);
  const x2h = dd.hi;
  const x2l = dd.lo;
  let sh = 1;
  let sl = 0;
  let ch = 1;
  let cl = 0;
  for (let k = 2 * terms; k >= 2; k -= 2) {
    hornerStep(x2h, x2l, sh, sl, k * (k + 1));
    sh = dd.hi;
    sl = dd.lo;
    hornerStep(x2h, x2l, ch, cl, (k - 1) * k);
    ch = dd.hi;
    cl = dd.lo;
  }
  mul(th, tl, sh, sl);
  into.sh = dd.hi;
  into.sl = dd.lo;
  into.ch = ch;
  into.cl = cl;
}

const newSinCos = (): SinCos => ({ sh: 0, sl: 0, ch: 0, cl: 0 });

/** sin and cos of j/256, j = 0…205 (205/256 > π/4); 14 Taylor terms reach 1e-35 there. */
const STEP = 256;
const TABLE: readonly SinCos[] = Array.from({ length: 206 }, (_, j) => {
  const entry = newSinCos();
  series(j / STEP, 0, 14, entry);
  return entry;
});
/** Past the table, |t| <= 1/512: 5 terms reach 1e-38. */
const SMALL_TERMS = 5;
const small = newSinCos();
const result = newSinCos();

/** π/2 as the sum of three doubles (each the rounding of the rest), for exact argument reduction. */
const HALF_PI_1 = 1.5707963267948966;
const HALF_PI_2 = 6.123233995736766e-17;
const HALF_PI_3 = -1.4973849048591698e-33;
const MAX_ARGUMENT = 3.9;

/** sin x and cos x into `result`: x = kπ/2 + j/256 + t, with each part exact or nearly so. */
function sinCos(x: number): void {
  const k = Math.round(x / HALF_PI_1);
  // |k| <= 2, so k times each part of π/2 is exact
  twoSum(x, -k * HALF_PI_1);
  add(dd.hi, dd.lo, -k * HALF_PI_2, 0);
  add(dd.hi, dd.lo, -k * HALF_PI_3, 0);
  const j = Math.round(dd.hi * STEP);
  const a = TABLE[Math.abs(j)] as SinCos;
  const sign = j < 0 ? -1 : 1;
  const sa = sign * a.sh;
  const sal = sign * a.sl;
  // dd.hi - j/256 is exact (Sterbenz), with the reduction's low part beside it
  series(dd.hi - j / STEP, dd.lo, SMALL_TERMS, small);
  // sin(a + t) = sin a cos t + cos a sin t; cos(a + t) = cos a cos t - sin a sin t
  mul(sa, sal, small.ch, small.cl);
  const ph = dd.hi;
  const pl = dd.lo;
  mul(a.ch, a.cl, small.sh, small.sl);
  add(ph, pl, dd.hi, dd.lo);
  const sinH = dd.hi;
  const sinL = dd.lo;
  mul(a.ch, a.cl, small.ch, small.cl);
  const qh = dd.hi;
  const ql = dd.lo;
  mul(sa, sal, small.sh, small.sl);
  add(qh, ql, -dd.hi, -dd.lo);
  // quadrants: (sin, cos), (cos, -sin), (-sin, -cos), (-cos, sin)
  const quadrant = ((k % 4) + 4) % 4;
  const swap = quadrant % 2 === 1;
  const sinSign = quadrant >= 2 ? -1 : 1;
  const cosSign = quadrant === 1 || quadrant === 2 ? -1 : 1;
  result.sh = sinSign * (swap ? dd.hi : sinH);
  result.sl = sinSign * (swap ? dd.lo : sinL);
  result.ch = cosSign * (swap ? sinH : dd.hi);
  result.cl = cosSign * (swap ? sinL : dd.lo);
}

/** [sin x, cos x], each the double nearest the exact value. */
export function exactSinCos(x: number): [sin: number, cos: number] {
  if (x === 0 || !(Math.abs(x) <= MAX_ARGUMENT)) return [Math.sin(x), Math.cos(x)];
  sinCos(x);
  return [result.sh + result.sl, result.ch + result.cl];
}

/**
 * atan2(y, x), the double nearest the exact value: Math.atan2's answer a, corrected by one Newton step on the
 * angle, whose residual (y cos a - x sin a) / (x cos a + y sin a) is computed in double-double.
 */
export function exactAtan2(y: number, x: number): number {
  const a = Math.atan2(y, x);
  if (y === 0 || !Number.isFinite(a) || !Number.isFinite(x) || !Number.isFinite(y)) return a;
  sinCos(a);
  const { sh, sl, ch, cl } = result;
  mulNumber(sh, sl, x);
  const xsH = dd.hi;
  const xsL = dd.lo;
  mulNumber(ch, cl, y);
  add(dd.hi, dd.lo, -xsH, -xsL);
  return a + (dd.hi + dd.lo) / (x * (ch + cl) + y * (sh + sl));
}
