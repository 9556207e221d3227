import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CodeCache } from './code-cache';
import { discoverFunctions } from './discover-functions';
import { type CallOutcome, FunctionInstance } from './function-instance';
import { instanceEnv, invocationEnviron } from './invocation-env';
import { bundleWxServerSdk } from './sdk-bundle';
import { FIXTURES_ROOT } from './test-emulator';
import type { ScfInvokeContext } from './worker-protocol';

const env = instanceEnv({ envId: 'cache-env', emulatorUrl: 'http://127.0.0.1:9', functionName: 'fixture' });
const context: ScfInvokeContext = {
  request_id: 'r1',
  function_name: 'fixture',
  function_version: '$LATEST',
  namespace: 'cache-env',
  time_limit_in_ms: 5000,
  memory_limit_in_mb: 256,
  environ: '',
};

const started: FunctionInstance[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((instance) => instance.terminate()));
});

async function run(fixture: string, event: unknown, cache: CodeCache | undefined, sdk?: string) {
  const instance = new FunctionInstance(join(FIXTURES_ROOT, fixture, 'index.js'), env, [], cache, sdk, () => undefined);
  started.push(instance);
  const outcome: CallOutcome = await instance.call(
    { environ: invocationEnviron({ openid: 'o-cache', source: 'wx_client' }, 'token'), event, context },
    5,
  );
  return { instance, outcome };
}

describe('FunctionInstance code cache', () => {
  it('lets a later instance compile wx-server-sdk and the bundle from the cache an earlier one produced', async () => {
    const cache = new CodeCache();
    const first = await run('whoami', { n: 1 }, cache);
    expect(first.instance.codeCacheHits).toBe(0);
    expect(cache.size).toBeGreaterThan(100); // the SDK and its dependencies

    const second = await run('whoami', { n: 1 }, cache);
    expect(second.instance.codeCacheHits).toBeGreaterThan(100);
    expect(second.outcome).toEqual(first.outcome);
    expect(second.outcome).toMatchObject({ ok: true });
  });

  it('keeps the positions Node reports: a stack from cached code reads as one from code Node compiled', async () => {
    const cache = new CodeCache();
    const uncached = await run('thrower', { tag: 'p' }, undefined);
    await run('thrower', { tag: 'p' }, cache);
    const cached = await run('thrower', { tag: 'p' }, cache);
    expect(cached.instance.codeCacheHits).toBe(1);
    if (cached.outcome.ok || uncached.outcome.ok) throw new Error('thrower answered');
    expect(cached.outcome.error.stack).toContain('thrower/index.js:3:');
    expect(cached.outcome.error).toEqual(uncached.outcome.error);
  });
});

describe('FunctionInstance with the one-file SDK', () => {
  it('answers as with the installed package, compiling a handful of files instead of hundreds', async () => {
    const sdk = (await bundleWxServerSdk(await discoverFunctions(FIXTURES_ROOT))).get('whoami');
    const bundled = new CodeCache();
    const installed = new CodeCache();
    const withBundle = await run('whoami', { n: 1 }, bundled, sdk);
    const withPackage = await run('whoami', { n: 1 }, installed);
    expect(withBundle.outcome).toEqual(withPackage.outcome);
    expect(withBundle.outcome).toMatchObject({ ok: true });
    expect(installed.size).toBeGreaterThan(100);
    expect(bundled.size).toBeLessThan(10);
  });
});
