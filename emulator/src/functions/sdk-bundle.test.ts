import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFunctions } from './discover-functions';
import { bundleWxServerSdk } from './sdk-bundle';
import { FIXTURES_ROOT } from './test-emulator';

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
});
