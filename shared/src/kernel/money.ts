/**
 * Money is an integer number of fen (分). There are no floats anywhere: amounts are added and multiplied
 * as integers and formatted by integer division. A `Fen` can only be made by `fen()`, which refuses
 * anything that is not a safe integer, so a float or NaN cannot enter a total silently.
 */
import * as z from './zod';

declare const fenBrand: unique symbol;
export type Fen = number & { readonly [fenBrand]: true };

export class MoneyError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

export function fen(amount: number): Fen {
  if (!Number.isSafeInteger(amount)) throw new MoneyError(`money must be a safe integer number of fen, got ${amount}`);
  return amount as Fen;
}

export const ZERO: Fen = fen(0);

export function add(...amounts: readonly Fen[]): Fen {
  let total = 0;
  for (const amount of amounts) total += amount;
  return fen(total);
}

export function subtract(a: Fen, b: Fen): Fen {
  return fen(a - b);
}

/** Unit price times a quantity (a positive whole number of items). */
export function times(unitPrice: Fen, quantity: number): Fen {
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new MoneyError(`quantity must be a non-negative integer, got ${quantity}`);
  }
  return fen(unitPrice * quantity);
}

export function compare(a: Fen, b: Fen): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `1230` → `12.30`; `-5` → `-0.05`: yuan with 2 decimals, exact (no floating point), for files and forms. */
export function yuanText(amount: Fen): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const cents = abs % 100;
  return `${sign}${Math.trunc(abs / 100)}.${cents < 10 ? '0' : ''}${cents}`;
}

/** `1230` → `¥12.30`; `-5` → `-¥0.05`. */
export function formatYuan(amount: Fen): string {
  const text = yuanText(amount);
  return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`;
}

/** A non-negative integer amount of fen, as it crosses a contract or the database. */
export const fenSchema = z
  .number()
  .int()
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER)
  .transform((n) => fen(n));
