/**
 * The console's API as a browser reaches it: real HTTP to the emulator's HTTP access service, which hands the
 * bundled adminApi the integration request. What the service refuses itself never reaches the function, and
 * whatever a caller sends, the answer is the envelope with its status, never a 500 with internals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_API_PREFIX } from '../shared/src/contracts/admin/http';
import { startPlatform, type Platform } from './platform';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.stop());

const post = (action: string, body: string | Buffer, contentType = 'application/json') =>
  fetch(`${platform.emulator.url}${ADMIN_API_PREFIX}/${action}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });

describe('adminApi behind the HTTP access service', () => {
  it('answers the envelope with an HTTP status', async () => {
    const wrong = await post('staffLogin', JSON.stringify({ account: 'nobody', password: 'x' }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    const unknown = await post('dropAllTables', '{}');
    expect(unknown.status).toBe(404);
    const get = await fetch(`${platform.emulator.url}${ADMIN_API_PREFIX}/staffMe`);
    expect(get.status).toBe(404);
    expect(await get.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a deeply nested body as an invalid argument, not a crash', async () => {
    const deep = `{"account":${'['.repeat(5000)}${']'.repeat(5000)},"password":"x"}`;
    const answer = await post('staffLogin', deep);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('leaves a JSON body over 100 KB to the service, which refuses it before the function runs', async () => {
    const before = platform.emulator.runner.invocations().length;
    const answer = await post('staffLogin', JSON.stringify({ account: 'a'.repeat(101 * 1024), password: 'x' }));
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({ code: 'EXCEED_MAX_PAYLOAD_SIZE' });
    expect(platform.emulator.runner.invocations().length).toBe(before);
  });

  it('reads a body sent as binary (base64 in the event) like any other', async () => {
    const answer = await post(
      'staffLogin',
      Buffer.from('{"account":"nobody","password":"x"}'),
      'application/octet-stream',
    );
    expect(answer.status).toBe(401);
  });
});
