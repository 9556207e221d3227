import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineCallbackContract } from '../../contracts/contract';
import * as z from '../../kernel/zod';
import { setWxEnv } from '../testing/wx-env';
import { CALLBACK_OK, defineCallback } from './define-callback';

const contract = defineCallbackContract({
  name: 'payCallback',
  notification: z.object({ outTradeNo: z.string(), totalFee: z.number().int() }),
});

describe('defineCallback', () => {
  beforeEach(() => {
    setWxEnv({ SOURCE: 'wx_paycallback' });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  it('answers errcode 0 only after the handler has resolved', async () => {
    const events: string[] = [];
    const main = defineCallback(contract, async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push(`stored ${event.outTradeNo}`);
    });
    const answer = main({ outTradeNo: 'T1', totalFee: 100, returnCode: 'SUCCESS' }).then((reply) => {
      events.push('answered');
      return reply;
    });
    await expect(answer).resolves.toEqual(CALLBACK_OK);
    expect(events).toEqual(['stored T1', 'answered']);
  });

  it('answers non-zero when the handler throws, so the platform retries', async () => {
    const main = defineCallback(contract, async () => {
      throw new Error('database timeout');
    });
    const reply = await main({ outTradeNo: 'T1', totalFee: 100 });
    expect(reply.errcode).not.toBe(0);
    expect(reply.errmsg).not.toContain('database');
  });

  it('refuses a shopper calling the callback directly', async () => {
    const handler = vi.fn();
    const main = defineCallback(contract, handler);
    setWxEnv({ OPENID: 'o-shopper', SOURCE: 'wx_client' });
    expect((await main({ outTradeNo: 'T1', totalFee: 1 })).errcode).not.toBe(0);
    setWxEnv({ OPENID: 'o-shopper', SOURCE: 'wx_paycallback' });
    expect((await main({ outTradeNo: 'T1', totalFee: 1 })).errcode).not.toBe(0);
    setWxEnv({ SOURCE: 'wx_client' });
    expect((await main({ outTradeNo: 'T1', totalFee: 1 })).errcode).not.toBe(0);
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects a malformed notification without running the handler', async () => {
    const handler = vi.fn();
    const main = defineCallback(contract, handler);
    expect((await main({ outTradeNo: 'T1', totalFee: '100' })).errcode).not.toBe(0);
    expect(handler).not.toHaveBeenCalled();
  });
});
