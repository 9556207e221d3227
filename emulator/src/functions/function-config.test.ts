import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFunctions } from './discover-functions';
import { FunctionConfigError, parseFunctionConfig } from './function-config';
import { FIXTURES_ROOT } from './test-emulator';

describe('parseFunctionConfig', () => {
  it('fills the defaults: 5 s timeout, concurrency 10, no trigger, no openapi', () => {
    expect(parseFunctionConfig({}, 'config.json')).toEqual({
      timeoutSeconds: 5,
      concurrency: 10,
      trigger: undefined,
      openapi: [],
    });
  });

  it('reads the devtools fields', () => {
    const config = parseFunctionConfig(
      {
        permissions: { openapi: ['subscribeMessage.send'] },
        triggers: [{ name: 'expireGroups', type: 'timer', config: '0 */5 * * * * *' }],
        timeout: 20,
        concurrency: 3,
      },
      'config.json',
    );
    expect(config).toEqual({
      timeoutSeconds: 20,
      concurrency: 3,
      trigger: { name: 'expireGroups', cron: '0 */5 * * * * *' },
      openapi: ['subscribeMessage.send'],
    });
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
  ])('rejects %j', (raw, message) => {
    expect(() => parseFunctionConfig(raw, 'cf/config.json')).toThrow(FunctionConfigError);
    expect(() => parseFunctionConfig(raw, 'cf/config.json')).toThrow(message);
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
