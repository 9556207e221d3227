import { EJSON } from 'bson';

/**
 * An index key part: a type rank and a value comparable within that rank. Ranks keep types apart the way
 * MongoDB's comparison operators do (a number bound never matches a string), so range scans stay within one rank.
 */
export type KeyPart = readonly [rank: Rank, value: number | string];

export const enum Rank {
  Null = 0,
  Number = 1,
  String = 2,
  Other = 3,
  Boolean = 4,
  Date = 5,
}

/** The key part of a value, or undefined for values only usable for equality on the whole value (objects). */
export function scalarPart(value: unknown): KeyPart | undefined {
  if (value === null || value === undefined) return [Rank.Null, 0];
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : [Rank.Number, value];
  if (typeof value === 'string') return [Rank.String, value];
  if (typeof value === 'boolean') return [Rank.Boolean, value ? 1 : 0];
  if (value instanceof Date) return [Rank.Date, value.getTime()];
  return undefined;
}

export function keyPart(value: unknown): KeyPart {
  return scalarPart(value) ?? [Rank.Other, EJSON.stringify(value, { relaxed: false })];
}

/** The smallest value of a rank, for open-ended range scans. */
export function rankMin(rank: Rank): KeyPart {
  return [rank, rank === Rank.String || rank === Rank.Other ? '' : -Infinity];
}

export function comparePart(a: KeyPart, b: KeyPart): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** Compares the first `length` parts of two keys. */
export function comparePrefix(a: readonly KeyPart[], b: readonly KeyPart[], length: number): number {
  for (let i = 0; i < length; i++) {
    const c = comparePart(a[i] as KeyPart, b[i] as KeyPart);
    if (c !== 0) return c;
  }
  return 0;
}

export const keyString = (parts: readonly KeyPart[]): string => JSON.stringify(parts);
