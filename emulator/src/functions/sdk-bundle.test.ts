import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CodeCache } from './code-cache';
import { discoverFunctions } from './discover-functions';
import { FunctionInstance } from './function-instance';
import { instanceEnv, invocationEnviron } from './invocation-env';
import { bundleWxServerSdk } from './sdk-bundle';
import { FIXTURES_ROOT } from './test-emulator';

const env = instanceEnv({ envId: 'sdk-env', emulatorUrl: 'http://127.0.0.1:9', functionName: 'whoami' });
const started: FunctionInstance[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((instance) => instance.terminate()));
});

async function whoami(sdk: string | undefined) {
  const cache = new CodeCache();
  const instance = new FunctionInstance(
    join(FIXTURES_ROOT, 'whoami', 'index.js'),
    env,
    [],
    cache,
    sdk,
    () => undefined,
  );
  started.push(instance);
  const outcome = await instance.call(
    {
      environ: invocationEnviron({ openid: 'o-sdk', source: 'wx_client' }, 'token'),
      event: {},
      context: {
        request_id: 'r1',
        function_name: 'whoami',
        function_version: '$LATEST',
        namespace: 'sdk-env',
        time_limit_in_ms: 5000,
        memory_limit_in_mb: 256,
        environ: '',
      },
    },
    5,
  );
  return { outcome, filesCompiled: cache.size };
}

describe('bundleWxServerSdk', () => {
  it('builds one file per installed SDK, once, for every function that finds it', async () => {
    const functions = await discoverFunctions(FIXTURES_ROOT);
    const bundles = await bundleWxServerSdk(functions);
    expect([...bundles.keys()]).toEqual(functions.map(({ name }) => name));
    const files = [...new Set(bundles.values())];
    expect(files).toHaveLength(1);
    const file = files[0] ?? '';
    const builtAt = statSync(file).mtimeMs;

    const again = await bundleWxServerSdk(functions);
    expect(again.get(functions[0]?.name ?? '')).toBe(file);
    expect(statSync(file).mtimeMs).toBe(builtAt);
  });

  it('keeps each module’s own __dirname, so the SDK still finds its package.json', async () => {
    const functions = await discoverFunctions(FIXTURES_ROOT);
    const [file] = (await bundleWxServerSdk(functions)).values();
    const sdkMain = createRequire(functions[0]?.entry ?? '').resolve('wx-server-sdk');
    const nodeSdk = dirname(createRequire(sdkMain).resolve('@cloudbase/node-sdk/package.json'));
    // @cloudbase/node-sdk reads ../../package.json from dist/utils for the version it sends.
    expect(readFileSync(file ?? '', 'utf8')).toContain(
      `var __dirname = ${JSON.stringify(join(nodeSdk, 'dist', 'utils'))}`,
    );
  });

  it('serves an instance as the installed package does, compiling a handful of files instead of hundreds', async () => {
    const functions = await discoverFunctions(FIXTURES_ROOT);
    const sdk = (await bundleWxServerSdk(functions)).get('whoami');
    const bundled = await whoami(sdk);
    const installed = await whoami(undefined);
    expect(bundled.outcome).toEqual(installed.outcome);
    expect(bundled.outcome).toMatchObject({ ok: true });
    expect(installed.filesCompiled).toBeGreaterThan(100);
    expect(bundled.filesCompiled).toBeLessThan(10);
  });
});
