import { describe, expect, it } from 'vitest';
import { formatFunctionOutput, formatInvocationRecord, type InvocationRecord, outcomeOf } from './invocation-log';

const record = (overrides: Partial<InvocationRecord>): InvocationRecord => ({
  requestId: 'req-1',
  function: 'joinGroup',
  openidHash: '3f2a9c01bb7e',
  source: 'wx_client',
  startedAt: '2026-12-02T00:00:00.000Z',
  queuedMs: 0.4,
  durationMs: 41.6,
  coldStart: false,
  initMs: undefined,
  ok: true,
  outcome: 'ok',
  resultCode: 'ok',
  errorCode: undefined,
  errorMessage: undefined,
  errorStack: undefined,
  ...overrides,
});

describe('invocation log', () => {
  it('tells an answer that refuses from one that succeeds and from a failure', () => {
    expect(outcomeOf(true, 'ok')).toBe('ok');
    expect(outcomeOf(true, undefined)).toBe('ok');
    expect(outcomeOf(true, 'errcode=0')).toBe('ok');
    expect(outcomeOf(true, 'INVALID_ARGUMENT')).toBe('refused');
    expect(outcomeOf(true, 'errcode=1')).toBe('refused');
    expect(outcomeOf(false, undefined)).toBe('failed');
  });

  it('writes one JSON line per invocation that says refused and the code, never ok, for a refusal', () => {
    const line = formatInvocationRecord(record({ outcome: 'refused', resultCode: 'INVALID_ARGUMENT' }));
    expect(JSON.parse(line)).toEqual({
      level: 'info',
      message: 'refused INVALID_ARGUMENT',
      fn: 'joinGroup',
      requestId: 'req-1',
      event: 'invocation',
      user: '3f2a9c01bb7e',
      source: 'wx_client',
      durationMs: 42,
      queuedMs: 0,
      start: 'warm',
      outcome: 'refused',
      code: 'INVALID_ARGUMENT',
    });
    expect(line).not.toContain('\n');
  });

  it('writes a success with its cold start, and a failure as an error with its message and stack', () => {
    expect(JSON.parse(formatInvocationRecord(record({ coldStart: true, initMs: 180.2 })))).toMatchObject({
      level: 'info',
      message: 'ok',
      start: 'cold',
      initMs: 180,
      outcome: 'ok',
    });
    const failed = record({
      ok: false,
      outcome: 'failed',
      resultCode: undefined,
      errorCode: 'FUNCTIONS_EXECUTE_FAIL',
      errorMessage: 'TypeError: boom',
      errorStack: 'TypeError: boom\n    at main (index.js:3:9)',
      openidHash: undefined,
    });
    const line = formatInvocationRecord(failed);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({
      level: 'error',
      message: 'failed FUNCTIONS_EXECUTE_FAIL',
      user: null,
      outcome: 'failed',
      code: 'FUNCTIONS_EXECUTE_FAIL',
      error: 'TypeError: boom',
      stack: 'TypeError: boom\n    at main (index.js:3:9)',
    });
  });

  it("passes a function's JSON log line through and wraps any other console text as one", () => {
    const own = '{"level":"warn","message":"late","fn":"payCallback","requestId":"r"}';
    expect(formatFunctionOutput({ function: 'payCallback', stream: 'stdout', text: own })).toBe(own);
    expect(JSON.parse(formatFunctionOutput({ function: 'ping', stream: 'stdout', text: '{"message":"x"}' }))).toEqual({
      message: 'x',
      fn: 'ping',
    });
    expect(JSON.parse(formatFunctionOutput({ function: 'ping', stream: 'stderr', text: '[TCB][WARN] slow' }))).toEqual({
      level: 'error',
      message: '[TCB][WARN] slow',
      fn: 'ping',
    });
    expect(JSON.parse(formatFunctionOutput({ function: 'ping', stream: 'stdout', text: '[1, 2]' }))).toEqual({
      level: 'info',
      message: '[1, 2]',
      fn: 'ping',
    });
  });
});
