import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './test-emulator';

interface Probe {
  lookups: string[];
  calledOk?: boolean;
  listed?: unknown[];
}

describe('the SDK inside a function instance', () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('makes no DNS lookup: init, callFunction and a database read all go to 127.0.0.1', async () => {
    const answer = await emulator.runner.invoke('dns-probe', {}, { openid: 'o-dns', source: 'wx_client' });
    const probe = answer.result as Probe;
    expect(probe).toEqual({ lookups: [], calledOk: true, listed: [] });
    const actions = emulator.adminBodies.map((body) => body.action);
    expect(actions).toEqual(expect.arrayContaining(['functions.invokeFunction', 'database.getDocument']));
  });

  it('would see a lookup if one happened (the probe works)', async () => {
    const answer = await emulator.runner.invoke('dns-probe', { control: true }, { source: 'wx_client' });
    expect((answer.result as Probe).lookups).toEqual(['probe.invalid']);
  });
});
