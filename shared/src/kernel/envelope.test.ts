import { describe, expect, it } from 'vitest';
import { envelopeSchema, failure, success } from './envelope';
import { DomainError, ERROR_CODES, ERROR_MESSAGES, userMessage } from './errors';
import * as z from './zod';

describe('errors and the envelope', () => {
  it('gives every error code a Chinese message', () => {
    for (const code of ERROR_CODES) expect(ERROR_MESSAGES[code]).toMatch(/[\u4e00-\u9fa5]/);
    expect(userMessage('GROUP_FULL')).toBe('该团已满员，去看看其他团吧');
    expect(userMessage('SOMETHING_ELSE')).toBe(ERROR_MESSAGES.INTERNAL);
  });

  it('builds and parses envelopes', () => {
    const schema = envelopeSchema(z.object({ n: z.number() }));
    expect(schema.parse(success({ n: 1 }))).toEqual({ ok: true, data: { n: 1 } });
    expect(failure('OUT_OF_STOCK')).toEqual({ ok: false, error: { code: 'OUT_OF_STOCK', message: '库存不足' } });
    expect(schema.safeParse({ ok: false, error: { code: 'NOT_A_CODE', message: 'x' } }).success).toBe(false);
    expect(schema.safeParse({ ok: true, data: { n: 'one' } }).success).toBe(false);
  });

  it('carries codes on domain errors', () => {
    const error = new DomainError('GROUP_FULL', 'group g1 has 5/5 seats');
    expect(error.code).toBe('GROUP_FULL');
    expect(error.message).toContain('g1');
  });

  it('runs zod jitless, because the mini-program forbids new Function', () => {
    expect(z.config().jitless).toBe(true);
  });
});
