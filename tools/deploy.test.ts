import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CloudBaseConfig, credentialsFrom, type DeployIo, parseDeployArgs, runDeploy, UsageError } from './deploy';
import { standInCloudBase } from './deploy/stand-in-cloudbase';
import { createTestRepo, type TestRepo } from './deploy/test-repo';

describe('npm run deploy arguments and credentials', () => {
  it('reads --env, --dry-run and --region', () => {
    expect(parseDeployArgs(['--env', 'prod-3g5x2a', '--dry-run'])).toEqual({
      envId: 'prod-3g5x2a',
      dryRun: true,
      region: undefined,
    });
    expect(parseDeployArgs(['--env=prod-3g5x2a', '--region', 'ap-guangzhou'])).toEqual({
      envId: 'prod-3g5x2a',
      dryRun: false,
      region: 'ap-guangzhou',
    });
    expect(parseDeployArgs(['--help'])).toBe('help');
  });

  it.each([[[]], [['--dry-run']], [['--env', 'Prod_1']], [['--env', 'prod-1', '--force']], [['prod-1']]])(
    'refuses %j',
    (argv) => {
      expect(() => parseDeployArgs(argv)).toThrow(UsageError);
    },
  );

  it('takes credentials from the environment only, naming what is missing', () => {
    expect(credentialsFrom({ TENCENTCLOUD_SECRETID: 'AKID1', TENCENTCLOUD_SECRETKEY: 'key' })).toEqual({
      secretId: 'AKID1',
      secretKey: 'key',
      token: undefined,
    });
    expect(
      credentialsFrom({
        TENCENTCLOUD_SECRETID: 'AKID1',
        TENCENTCLOUD_SECRETKEY: 'key',
        TENCENTCLOUD_SESSIONTOKEN: 't',
      }),
    ).toMatchObject({ token: 't' });
    expect(credentialsFrom({})).toMatch(/^TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY not set/);
    expect(credentialsFrom({ TENCENTCLOUD_SECRETID: 'AKID1', TENCENTCLOUD_SECRETKEY: ' ' })).toMatch(
      /^TENCENTCLOUD_SECRETKEY not set/,
    );
  });
});

describe('runDeploy', () => {
  let repo: TestRepo;
  let out: string[];
  let err: string[];
  let connected: CloudBaseConfig[];
  let standIn: ReturnType<typeof standInCloudBase>;
  const io = (env: NodeJS.ProcessEnv = {}): DeployIo => ({
    repoRoot: repo.root,
    env,
    connect: (config) => {
      connected.push(config);
      return standIn.client;
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  const credentials = { TENCENTCLOUD_SECRETID: 'AKIDtest', TENCENTCLOUD_SECRETKEY: 'secret' };

  beforeEach(() => {
    repo = createTestRepo();
    out = [];
    err = [];
    connected = [];
    standIn = standInCloudBase();
  });
  afterEach(() => repo.dispose());

  it('--dry-run prints the plan and connects to nothing, without credentials', async () => {
    expect(await runDeploy(['--env', 'prod-1', '--dry-run'], io())).toBe(0);
    expect(out.join('\n')).toContain('Deploy plan for prod-1 (dry run: nothing is changed)');
    expect(out.join('\n')).toContain('/admin-api → adminApi');
    expect(connected).toEqual([]);
    expect(err).toEqual([]);
  });

  it('--dry-run with a missing build lists it and exits non-zero', async () => {
    repo.remove('admin/dist');
    expect(await runDeploy(['--env', 'prod-1', '--dry-run'], io())).toBe(1);
    expect(out.join('\n')).toContain(
      'Missing from the repository (run `npm run build` first):\n  admin/dist/index.html',
    );
    expect(connected).toEqual([]);
  });

  it('refuses a missing build, then missing credentials, before connecting', async () => {
    repo.remove('cloudfunctions/adminApi/index.js');
    expect(await runDeploy(['--env', 'prod-1'], io(credentials))).toBe(1);
    expect(err.join('\n')).toContain('run `npm run build`, then deploy again');

    repo = createTestRepo();
    err = [];
    expect(await runDeploy(['--env', 'prod-1'], io({ TENCENTCLOUD_SECRETID: 'AKIDtest' }))).toBe(1);
    expect(err.join('\n')).toContain('TENCENTCLOUD_SECRETKEY not set');
    expect(connected).toEqual([]);
    expect(standIn.calls).toEqual([]);
  });

  it('connects with the credentials and the env, and applies the plan', async () => {
    const env = { ...credentials, TENCENTCLOUD_SESSIONTOKEN: 'session' };
    expect(await runDeploy(['--env', 'prod-1', '--region', 'ap-guangzhou'], io(env))).toBe(0);
    expect(connected).toEqual([
      { secretId: 'AKIDtest', secretKey: 'secret', token: 'session', envId: 'prod-1', region: 'ap-guangzhou' },
    ]);
    expect(out).toContain('  created function adminApi');
    expect(out.at(-1)).toBe('\nDone: 13 changes, 0 steps already as planned, 0 notes.');
  });

  it('repeats what it left for a person to decide at the end', async () => {
    await runDeploy(['--env', 'prod-1'], io(credentials));
    standIn.env.collections.get('groups')?.push({
      Name: 'byHand',
      Size: 0,
      Keys: [{ Name: 'note', Direction: '1' }],
      Unique: false,
      Accesses: { Ops: 0, Since: '' },
    });
    out = [];
    expect(await runDeploy(['--env', 'prod-1'], io(credentials))).toBe(0);
    expect(out.slice(-3)).toEqual([
      '\nDone: 0 changes, 13 steps already as planned, 1 note.',
      'Left for you to decide:',
      '  collection groups has index byHand, which indexes.json does not declare (left in place)',
    ]);
  });
});
