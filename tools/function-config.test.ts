import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFunctions } from '../emulator/src/functions/discover-functions';
import { checkUniqueHttpPaths, FunctionConfigError, parseFunctionConfig } from './function-config';
import { cloudbaseRc } from './cloudbaserc';
import { FIXTURES_ROOT } from '../emulator/src/functions/test-emulator';

describe('parseFunctionConfig', () => {
  it('fills the defaults: 5 s timeout, concurrency 10, no trigger, no openapi, no HTTP route', () => {
    expect(parseFunctionConfig({}, 'config.json')).toStrictEqual({
      timeoutSeconds: 5,
      concurrency: 10,
      trigger: undefined,
      openapi: [],
      http: undefined,
    });
  });

  it('reads the devtools fields', () => {
    const config = parseFunctionConfig(
      {
        permissions: { openapi: ['subscribeMessage.send'] },
        triggers: [{ name: 'expireGroups', type: 'timer', config: '0 */5 * * * * *' }],
        timeout: 20,
        concurrency: 3,
        http: { path: '/admin-api' },
      },
      'config.json',
    );
    expect(config).toStrictEqual({
      timeoutSeconds: 20,
      concurrency: 3,
      trigger: { name: 'expireGroups', cron: '0 */5 * * * * *' },
      openapi: ['subscribeMessage.send'],
      http: { path: '/admin-api' },
    });
  });

  it.each(['/admin-api', '/v1/admin-api', '/a'])('takes the HTTP path %s', (path) => {
    expect(parseFunctionConfig({ http: { path } }, 'config.json').http).toEqual({ path });
  });

  it.each([
    [[], 'must be a JSON object'],
    [{ timeout: 0 }, 'timeout'],
    [{ timeout: 901 }, 'timeout'],
    [{ concurrency: 1.5 }, 'concurrency'],
    [
      {
        triggers: [
          { name: 'a', type: 'timer', config: '* * * * * * *' },
          { name: 'b', type: 'timer', config: '* * * * * * *' },
        ],
      },
      'at most one',
    ],
    [{ triggers: [{ name: '1abc', type: 'timer', config: '* * * * * * *' }] }, 'trigger name'],
    [{ triggers: [{ name: 'a', type: 'cos', config: '* * * * * * *' }] }, 'not "timer"'],
    [{ permissions: { openapi: 'subscribeMessage.send' } }, 'permissions.openapi'],
    [{ http: '/admin-api' }, 'http must be an object'],
    [{ http: {} }, 'http.path'],
    [{ http: { path: 'admin-api' } }, 'http.path'],
    [{ http: { path: '/admin-api/' } }, 'http.path'],
    [{ http: { path: '/' } }, 'http.path'],
    [{ http: { path: '/admin//api' } }, 'http.path'],
    [{ http: { path: '/Admin-Api' } }, 'http.path'],
    [{ http: { path: '/admin_api' } }, 'http.path'],
    [{ http: { path: '/admin-api?x=1' } }, 'http.path'],
  ])('rejects %j', (raw, message) => {
    expect(() => parseFunctionConfig(raw, 'cf/config.json')).toThrow(FunctionConfigError);
    expect(() => parseFunctionConfig(raw, 'cf/config.json')).toThrow(message);
  });
});

describe('HTTP routes across functions', () => {
  const withRoute = (name: string, path: string) => ({
    name,
    file: `cloudfunctions/${name}/config.json`,
    config: parseFunctionConfig({ http: { path } }, 'config.json'),
  });

  it('refuses a path two functions claim, naming both', () => {
    expect(() => checkUniqueHttpPaths([withRoute('adminApi', '/admin-api'), withRoute('other', '/admin-api')])).toThrow(
      'cloudfunctions/other/config.json: http.path /admin-api is already the route of adminApi',
    );
    expect(() =>
      checkUniqueHttpPaths([withRoute('adminApi', '/admin-api'), withRoute('other', '/other')]),
    ).not.toThrow();
  });

  it('puts each route in cloudbaserc.json as the framework function plugin’s servicePaths', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cf-'));
    try {
      for (const [name, config] of [
        ['adminApi', { timeout: 10, http: { path: '/admin-api' } }],
        ['ping', {}],
      ] as const) {
        await mkdir(join(root, name));
        await writeFile(join(root, name, 'config.json'), JSON.stringify(config));
      }
      const rc = cloudbaseRc(root);
      expect(rc.framework.plugins.function).toEqual({
        use: '@cloudbase/framework-plugin-function',
        inputs: { functionRootPath: './cloudfunctions', servicePaths: { adminApi: '/admin-api' } },
      });
      expect(rc.functions.map((f) => [f.name, f.timeout, f.runtime])).toEqual([
        ['adminApi', 10, 'Nodejs18.15'],
        ['ping', 5, 'Nodejs18.15'],
      ]);
      await mkdir(join(root, 'twin'));
      await writeFile(join(root, 'twin', 'config.json'), JSON.stringify({ http: { path: '/admin-api' } }));
      expect(() => cloudbaseRc(root)).toThrow(
        /twin\/config\.json: http\.path \/admin-api is already the route of adminApi/,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('discoverFunctions', () => {
  it('finds every built function folder with its config', async () => {
    const functions = await discoverFunctions(FIXTURES_ROOT);
    expect(functions.map((f) => f.name)).toEqual([
      'caller',
      'crash-on-load',
      'dns-probe',
      'heavy',
      'sleepy',
      'slow',
      'thrower',
      'tick',
      'whoami',
    ]);
    const tick = functions.find((f) => f.name === 'tick');
    expect(tick?.config.trigger).toEqual({ name: 'everySecond', cron: '*/1 * * * * * *' });
    expect(tick?.entry).toBe(join(FIXTURES_ROOT, 'tick', 'index.js'));
  });

  it('skips folders that are not built and names a config.json that is not JSON', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cf-'));
    try {
      await mkdir(join(root, 'unbuilt'));
      await writeFile(join(root, 'unbuilt', 'config.json'), '{}');
      expect(await discoverFunctions(root)).toEqual([]);
      await mkdir(join(root, 'broken'));
      await writeFile(join(root, 'broken', 'index.js'), 'exports.main = async () => 1;');
      await writeFile(join(root, 'broken', 'config.json'), '{ nope');
      await expect(discoverFunctions(root)).rejects.toThrow(/broken\/config\.json: is not valid JSON/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
