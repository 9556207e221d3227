import { evalExpr } from 'mingo/core';
import * as strings from 'mingo/operators/expression/string';
import type { Any, AnyObject, Options } from 'mingo/types';
import { requestFailed } from './errors';

/** A mingo expression operator: evaluates `expr` against `obj`. */
type ExpressionOperator = (obj: AnyObject, expr: Any, options: Options) => Any;

const evaluate = (obj: AnyObject, expr: Any, options: Options): unknown => evalExpr(obj, expr, options);
const literal = (value: unknown): AnyObject => ({ $literal: value });
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

/** What MongoDB's `$substr`/`$substrBytes` turn their first argument into (numbers and dates become text). */
function coerceToString(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * `$substr` and `$substrBytes`: as mingo's, but a negative length takes the rest of the string and a number or
 * date is taken as text, as MongoDB does. mingo still slices (and rejects a cut inside a UTF-8 sequence).
 */
const substrBytes: ExpressionOperator = (obj, expr, options) => {
  const args = evaluate(obj, expr, options);
  if (!Array.isArray(args) || args.length !== 3) return strings.$substrBytes(obj, expr, options);
  const [value, start, length] = args as unknown[];
  const text = coerceToString(value);
  const rest =
    typeof text === 'string' && isIndex(start) && typeof length === 'number' && length < 0
      ? Math.max(0, utf8(text).length - start)
      : length;
  return strings.$substrBytes(obj, [literal(text), literal(start), literal(rest)], options);
};

interface IndexOfArgs {
  readonly text: string;
  readonly token: string;
  readonly start: number;
  readonly end: number | undefined;
}

/** The checked arguments of `$indexOfBytes`/`$indexOfCP`, or null when the string is null or missing. */
function indexOfArgs(name: string, obj: AnyObject, expr: Any, options: Options): IndexOfArgs | null {
  const args = evaluate(obj, expr, options);
  if (!Array.isArray(args) || args.length < 2 || args.length > 4) {
    throw requestFailed(`Expression ${name} takes at least 2 arguments, and at most 4`);
  }
  const [text, token, start = 0, end] = args as unknown[];
  if (text === null || text === undefined) return null;
  if (typeof text !== 'string') throw requestFailed(`${name} requires a string as the first argument`);
  if (typeof token !== 'string') throw requestFailed(`${name} requires a string as the second argument`);
  if (!isIndex(start)) throw requestFailed(`${name} requires a non-negative integral starting index`);
  if (end !== undefined && !isIndex(end)) throw requestFailed(`${name} requires a non-negative integral ending index`);
  return { text, token, start, end };
}

/** `$indexOfBytes`: the UTF-8 byte index of the first occurrence in [start, end), or -1 (mingo counts UTF-16). */
const indexOfBytes: ExpressionOperator = (obj, expr, options) => {
  const args = indexOfArgs('$indexOfBytes', obj, expr, options);
  if (!args) return null;
  const bytes = utf8(args.text);
  const end = Math.min(args.end ?? bytes.length, bytes.length);
  if (args.start > end) return -1;
  return bytes.subarray(0, end).indexOf(utf8(args.token), args.start);
};

/** `$indexOfCP`, which mingo lacks: the code point index of the first occurrence in [start, end), or -1. */
const indexOfCP: ExpressionOperator = (obj, expr, options) => {
  const args = indexOfArgs('$indexOfCP', obj, expr, options);
  if (!args) return null;
  const text = Array.from(args.text);
  const token = Array.from(args.token);
  const end = Math.min(args.end ?? text.length, text.length);
  for (let i = args.start; i + token.length <= end; i++) {
    if (token.every((cp, j) => text[i + j] === cp)) return i;
  }
  return -1;
};

/** Expression operators that replace or add to mingo's, each where mingo departs from MongoDB. */
export const expressionOperators: Record<`$${string}`, ExpressionOperator> = {
  $substr: substrBytes,
  $substrBytes: substrBytes,
  $indexOfBytes: indexOfBytes,
  $indexOfCP: indexOfCP,
};
