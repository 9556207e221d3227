import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineContract } from '../../contracts/contract';
import { DomainError } from '../../kernel/errors';
import { ManualClock } from '../../kernel/time';
import * as z from '../../kernel/zod';
import { setWxEnv } from '../testing/wx-env';
import { defineFunction } from './define-function';

const reserveContract = defineContract({
  name: 'reserve',
  errors: ['GROUP_FULL'],
  request: z.object({ groupId: z.string().min(1), quantity: z.number().int().min(1).max(5) }),
  response: z.object({ openid: z.string(), groupId: z.string(), quantity: z.number() }),
});

const serviceContract = defineContract({
  name: 'adminOnly',
  caller: 'service',
  request: z.object({}),
  response: z.object({ caller: z.string() }),
});

describe('defineFunction', () => {
  beforeEach(() => {
    setWxEnv({ OPENID: 'o-real', APPID: 'wx-app', SOURCE: 'wx_client' });
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  it('parses the event, runs the use case with the caller identity, and wraps the result', async () => {
    const main = defineFunction(reserveContract, (input, ctx) => ({ openid: ctx.openid, ...input }));
    await expect(main({ groupId: 'g1', quantity: 2 })).resolves.toEqual({
      ok: true,
      data: { openid: 'o-real', groupId: 'g1', quantity: 2 },
    });
  });

  it('answers a bad event with INVALID_ARGUMENT and never runs the use case', async () => {
    const useCase = vi.fn();
    const main = defineFunction(reserveContract, useCase);
    for (const bad of [
      { groupId: 'g1', quantity: 0 },
      { quantity: 1 },
      'text',
      42,
      [1],
      { groupId: 'g1', quantity: 1.5 },
    ]) {
      const answer = await main(bad);
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    const answer = await main({ groupId: 'g1', quantity: 99 });
    expect(answer.ok === false && answer.error.message).toContain('quantity');
    expect(useCase).not.toHaveBeenCalled();
  });

  it('takes identity only from the WeChat context: an openid in the event is ignored', async () => {
    const seen: unknown[] = [];
    const main = defineFunction(reserveContract, (input, ctx) => {
      seen.push(input);
      return { openid: ctx.openid, ...input };
    });
    const event = {
      groupId: 'g1',
      quantity: 1,
      openid: 'o-forged',
      OPENID: 'o-forged',
      userInfo: { openId: 'o-forged' },
    };
    const answer = await main(event);
    expect(answer).toEqual({ ok: true, data: { openid: 'o-real', groupId: 'g1', quantity: 1 } });
    expect(seen).toEqual([{ groupId: 'g1', quantity: 1 }]);
  });

  it('refuses a user function without an OPENID in the context', async () => {
    setWxEnv({ SOURCE: 'wx_client' });
    const useCase = vi.fn();
    const main = defineFunction(reserveContract, useCase);
    await expect(main({ groupId: 'g1', quantity: 1, openid: 'o-forged' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(useCase).not.toHaveBeenCalled();
  });

  it('refuses an OPENID no platform would give (8,000 characters) as no identity at all', async () => {
    setWxEnv({ OPENID: 'o'.repeat(8_000), SOURCE: 'wx_client' });
    const useCase = vi.fn();
    const main = defineFunction(reserveContract, useCase);
    await expect(main({ groupId: 'g1', quantity: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(useCase).not.toHaveBeenCalled();
  });

  it('lets service functions run without an OPENID', async () => {
    setWxEnv({});
    const main = defineFunction(serviceContract, (_input, ctx) => ({ caller: ctx.openid ?? 'console' }));
    await expect(main({})).resolves.toEqual({ ok: true, data: { caller: 'console' } });
  });

  it('keeps the code of a domain error its contract lists', async () => {
    const main = defineFunction(reserveContract, () => {
      throw new DomainError('GROUP_FULL', 'g1 is full');
    });
    await expect(main({ groupId: 'g1', quantity: 1 })).resolves.toEqual({
      ok: false,
      error: { code: 'GROUP_FULL', message: '该团已满员，去看看其他团吧' },
    });
  });

  it('answers INTERNAL, and logs it, for a domain error its contract does not list', async () => {
    const main = defineFunction(reserveContract, () => {
      throw new DomainError('OUT_OF_STOCK', 'not in the contract');
    });
    await expect(main({ groupId: 'g1', quantity: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(
      vi
        .mocked(console.error)
        .mock.calls.map((args) => String(args[0]))
        .join('\n'),
    ).toContain('error code not in the contract');
  });

  it('turns an unknown error into INTERNAL with no stack, and logs it with the request id', async () => {
    const main = defineFunction(reserveContract, async () => {
      throw new TypeError('cannot read properties of undefined (reading "seats") at secret/file.ts:12');
    });
    const answer = await main({ groupId: 'g1', quantity: 1 }, { request_id: 'req-42' });
    expect(answer).toEqual({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });
    expect(JSON.stringify(answer)).not.toMatch(/secret|TypeError|at /);
    const logged = vi
      .mocked(console.error)
      .mock.calls.map((args) => String(args[0]))
      .join('\n');
    expect(logged).toContain('req-42');
    expect(logged).toContain('secret/file.ts');
  });

  it('treats a response that breaks its contract as INTERNAL', async () => {
    const main = defineFunction(reserveContract, () => ({ openid: 'x', groupId: 'g1' }) as never);
    await expect(main({ groupId: 'g1', quantity: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('reads time from the clock it is given', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const contract = defineContract({ name: 'now', request: z.object({}), response: z.object({ now: z.number() }) });
    const main = defineFunction(contract, (_input, ctx) => ({ now: ctx.clock.now() }), { clock });
    await expect(main({})).resolves.toEqual({ ok: true, data: { now: 1_700_000_000_000 } });
  });
});
