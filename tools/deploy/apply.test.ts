import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan, DeployError } from './apply';
import { deployPlan, STORAGE_RULE, stepsOf } from './plan';
import { type Call, emptyEnvironment, standInCloudBase } from './stand-in-cloudbase';
import { createTestRepo, type TestRepo } from './test-repo';

const envId = 'test-1a2b3c';

/** A call as a short line: the method and what it names, for comparing whole runs. */
function summary({ method, args }: Call): string {
  const [first, second] = args as [Record<string, unknown> | string, unknown];
  switch (method) {
    case 'functions.createFunction':
    case 'functions.updateFunctionCode': {
      const { func } = first as { func: { name: string } };
      return `${method} ${func.name}`;
    }
    case 'functions.updateFunctionConfig':
      return `${method} ${(first as { name: string }).name}`;
    case 'functions.createFunctionTriggers':
      return `${method} ${String(first)} ${JSON.stringify(second)}`;
    case 'database.updateCollection':
      return `${method} ${String(first)} ${JSON.stringify(second)}`;
    case 'hosting.uploadFiles':
      return `${method} ${(first as { files: { cloudPath: string }[] }).files.map((file) => file.cloudPath).join(' ')}`;
    default:
      return `${method} ${args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}`;
  }
}

describe('applyPlan against a stand-in for manager-node', () => {
  let repo: TestRepo;
  beforeEach(() => {
    repo = createTestRepo();
  });
  afterEach(() => repo.dispose());

  it('deploys everything into an empty environment, and a second run changes nothing', async () => {
    const plan = deployPlan(repo.root);
    const cloud = standInCloudBase();
    const lines: string[] = [];

    const first = await applyPlan(cloud.client, plan, { envId, log: (line) => lines.push(line) });

    expect(cloud.mutations().map(summary)).toEqual([
      'functions.createFunction adminApi',
      'functions.createFunction expireGroups',
      'functions.createFunctionTriggers expireGroups [{"name":"everyMinute","type":"timer","config":"0 * * * * * *"}]',
      'access.createAccess {"name":"adminApi","path":"/admin-api","auth":false}',
      'database.createCollection groups',
      'database.updateCollection groups {"CreateIndexes":[{"IndexName":"status_deadlineAt","MgoKeySchema":{"MgoIndexKeys":[{"Name":"status","Direction":"1"},{"Name":"deadlineAt","Direction":"1"}],"MgoIsUnique":false}}]}',
      'database.updateCollection groups {"CreateIndexes":[{"IndexName":"location_2dsphere","MgoKeySchema":{"MgoIndexKeys":[{"Name":"location","Direction":"2dsphere"}],"MgoIsUnique":false}}]}',
      'database.createCollection payments',
      'database.updateCollection payments {"CreateIndexes":[{"IndexName":"transactionId_unique","MgoKeySchema":{"MgoIndexKeys":[{"Name":"transactionId","Direction":"-1"}],"MgoIsUnique":true}}]}',
      `tcb.ModifySafeRule {"EnvId":"${envId}","CollectionName":"groups","AclTag":"CUSTOM","Rule":"{\\"read\\":false,\\"write\\":false}"}`,
      `tcb.ModifySafeRule {"EnvId":"${envId}","CollectionName":"payments","AclTag":"CUSTOM","Rule":"{\\"read\\":false,\\"write\\":false}"}`,
      `storage.setStorageAcl CUSTOM ${JSON.stringify(STORAGE_RULE)}`,
      'hosting.uploadFiles console/assets/index-abc123.js console/index.html',
    ]);
    expect(first.changed).toEqual(lines);
    expect(first.changed).toHaveLength(13);
    expect(first.notes).toEqual([]);

    // Each function got exactly its bundle, package.json and config.json, with its settings.
    const adminApi = cloud.env.functions.get('adminApi')!;
    expect([...adminApi.code.keys()].sort()).toEqual(['config.json', 'index.js', 'package.json']);
    expect(adminApi).toMatchObject({
      Runtime: 'Nodejs18.15',
      Handler: 'index.main',
      Timeout: 10,
      InstallDependency: 'TRUE',
      Description: stepsOf(plan, 'function')[0]?.description,
    });
    expect(JSON.parse(cloud.env.functions.get('expireGroups')!.code.get('config.json')!).permissions).toEqual({
      openapi: ['subscribeMessage.send'],
    });
    const [create] = cloud.mutations();
    expect(create?.args[0]).toMatchObject({
      func: { name: 'adminApi', runtime: 'Nodejs18.15', handler: 'index.main', timeout: 10, installDependency: true },
    });
    expect(create?.args[0]).not.toHaveProperty('func.triggers');
    expect(create?.args[0]).not.toHaveProperty('func.path');

    cloud.calls.length = 0;
    const second = await applyPlan(cloud.client, deployPlan(repo.root), { envId });
    expect(cloud.mutations()).toEqual([]);
    expect(second).toEqual({ changed: [], unchanged: plan.steps.length, notes: [] });
    expect(cloud.calls.length).toBeGreaterThan(0);
  });

  it('changes only what differs: a new bundle, a timeout, a timer, a console file', async () => {
    const cloud = standInCloudBase();
    await applyPlan(cloud.client, deployPlan(repo.root), { envId });

    repo.write('cloudfunctions/adminApi/index.js', 'exports.main = async () => ({ statusCode: 204 });\n');
    repo.write(
      'cloudfunctions/expireGroups/config.json',
      JSON.stringify({
        timeout: 30,
        permissions: { openapi: ['subscribeMessage.send'] },
        triggers: [{ name: 'everyTwoMinutes', type: 'timer', config: '0 */2 * * * * *' }],
      }),
    );
    repo.write('admin/dist/index.html', '<!doctype html><div id="app" class="v2"></div>\n');
    cloud.calls.length = 0;

    const report = await applyPlan(cloud.client, deployPlan(repo.root), { envId });

    expect(cloud.mutations().map(summary)).toEqual([
      'functions.updateFunctionCode adminApi',
      'functions.updateFunctionConfig adminApi',
      // config.json is uploaded, so a changed config.json is a new package too.
      'functions.updateFunctionCode expireGroups',
      'functions.updateFunctionConfig expireGroups',
      'functions.deleteFunctionTrigger expireGroups everyMinute',
      'functions.createFunctionTriggers expireGroups [{"name":"everyTwoMinutes","type":"timer","config":"0 */2 * * * * *"}]',
      'hosting.uploadFiles console/index.html',
    ]);
    expect(report.changed).toEqual([
      'updated function adminApi (code and settings)',
      'updated function expireGroups (code and settings)',
      'replaced timer expireGroups.everyTwoMinutes',
      'uploaded 1 of 2 console files to console/',
    ]);
    expect(cloud.env.functions.get('adminApi')!.code.get('index.js')).toContain('204');
    expect(cloud.env.functions.get('expireGroups')!.Timeout).toBe(30);

    cloud.calls.length = 0;
    await applyPlan(cloud.client, deployPlan(repo.root), { envId });
    expect(cloud.mutations()).toEqual([]);
  });

  it('updates settings without uploading when only the settings differ, and reads a timer given as its bare cron', async () => {
    const cloud = standInCloudBase();
    const plan = deployPlan(repo.root);
    await applyPlan(cloud.client, plan, { envId });
    const expireGroups = cloud.env.functions.get('expireGroups')!;
    expireGroups.Timeout = 3; // changed by hand in the console
    expireGroups.Triggers = expireGroups.Triggers.map((t) => ({ ...t, TriggerDesc: '0 * * * * * *' }));
    cloud.calls.length = 0;

    await applyPlan(cloud.client, plan, { envId });

    expect(cloud.mutations().map(summary)).toEqual(['functions.updateFunctionConfig expireGroups']);
    expect(expireGroups.Timeout).toBe(20);
  });

  it('reports what the environment has beyond the plan, and drops nothing', async () => {
    const env = emptyEnvironment();
    const cloud = standInCloudBase(env);
    const plan = deployPlan(repo.root);
    await applyPlan(cloud.client, plan, { envId });
    const groups = env.collections.get('groups')!;
    env.collections.set('groups', [
      ...groups.filter((index) => index.Name !== 'status_deadlineAt'),
      // Same name, other keys: someone changed it by hand.
      {
        Name: 'status_deadlineAt',
        Size: 0,
        Keys: [{ Name: 'status', Direction: '-1' }],
        Unique: false,
        Accesses: { Ops: 0, Since: '' },
      },
      {
        Name: 'byHand',
        Size: 0,
        Keys: [{ Name: 'note', Direction: '1' }],
        Unique: false,
        Accesses: { Ops: 0, Since: '' },
      },
    ]);
    env.collections.set('legacy_things', []);
    await cloud.client.functions.createFunctionTriggers('adminApi', [
      { name: 'nightly', type: 'timer', config: '0 0 3 * * * *' },
    ]);
    env.hosted.set('console/assets/index-old999.js', '"0"');
    cloud.calls.length = 0;

    const report = await applyPlan(cloud.client, plan, { envId });

    expect(cloud.mutations()).toEqual([]);
    expect(report.notes).toEqual([
      'function adminApi has timer nightly, which its config.json does not declare (left in place)',
      'collection groups has index byHand, which indexes.json does not declare (left in place)',
      'index groups.status_deadlineAt differs from indexes.json (left as it is: drop it in the console and deploy again to recreate it)',
      '1 files under console/ are not in this build (left in place): console/assets/index-old999.js',
    ]);
    expect(env.collections.has('legacy_things')).toBe(true);
    expect(env.functions.get('adminApi')?.Triggers.map((t) => t.TriggerName)).toEqual(['nightly']);
    expect(cloud.calls.some((call) => JSON.stringify(call.args).includes('DropIndexes'))).toBe(false);
  });

  it('replaces a database rule or a storage rule that is not the planned one', async () => {
    const env = emptyEnvironment();
    env.collections.set('groups', []);
    env.databaseRules.set('groups', { AclTag: 'READONLY', Rule: null });
    env.databaseRules.set('payments', { AclTag: 'CUSTOM', Rule: '{"read":"auth != null","write":false}' });
    env.storage = { acl: 'CUSTOM', rule: { read: true, write: 'auth != null' } };
    const cloud = standInCloudBase(env);

    await applyPlan(cloud.client, deployPlan(repo.root), { envId });

    expect(env.databaseRules.get('groups')).toEqual({ AclTag: 'CUSTOM', Rule: '{"read":false,"write":false}' });
    expect(env.databaseRules.get('payments')).toEqual({ AclTag: 'CUSTOM', Rule: '{"read":false,"write":false}' });
    expect(env.storage).toEqual({ acl: 'CUSTOM', rule: STORAGE_RULE });
  });

  it('turns CloudBase’s authentication off on an existing route of the function', async () => {
    const env = emptyEnvironment();
    const cloud = standInCloudBase(env);
    await cloud.client.access.createAccess({ name: 'adminApi', path: '/admin-api', auth: true });
    cloud.calls.length = 0;

    await applyPlan(cloud.client, deployPlan(repo.root), { envId });

    expect(cloud.mutations().map(summary)).toContain('access.switchPathAuth {"apiIds":["api-1"],"auth":false}');
    expect(env.routes).toMatchObject([{ Path: '/admin-api', Name: 'adminApi', EnableAuth: false }]);
  });

  it('says when the HTTP access service is off', async () => {
    const env = emptyEnvironment();
    env.httpServiceEnabled = false;
    const report = await applyPlan(standInCloudBase(env).client, deployPlan(repo.root), { envId });
    expect(report.notes).toEqual([
      `the HTTP access service is off in ${envId}: turn it on in the console for /admin-api to answer`,
    ]);
  });

  it('refuses, changing nothing it should not, when the environment disagrees', async () => {
    const plan = deployPlan(repo.root);

    const taken = standInCloudBase();
    await taken.client.access.createAccess({ name: 'someoneElse', path: '/admin-api' });
    await expect(applyPlan(taken.client, plan, { envId })).rejects.toThrow(
      new DeployError(
        `HTTP route /admin-api already serves someoneElse in ${envId}, not adminApi; remove it in the console if it should move`,
      ),
    );
    expect(taken.env.routes).toMatchObject([{ Path: '/admin-api', Name: 'someoneElse' }]);

    const oldRuntime = standInCloudBase();
    await applyPlan(oldRuntime.client, plan, { envId });
    oldRuntime.env.functions.get('adminApi')!.Runtime = 'Nodejs16.13';
    oldRuntime.calls.length = 0;
    await expect(applyPlan(oldRuntime.client, plan, { envId })).rejects.toThrow(/runs Nodejs16\.13 in the environment/);
    expect(oldRuntime.mutations()).toEqual([]);

    const noHosting = emptyEnvironment();
    noHosting.hostingEnabled = false;
    await expect(applyPlan(standInCloudBase(noHosting).client, plan, { envId })).rejects.toThrow(
      /static hosting is not enabled in test-1a2b3c/,
    );
  });

  it('refuses an incomplete build before calling anything', async () => {
    repo.remove('cloudfunctions/expireGroups/index.js');
    const cloud = standInCloudBase();
    await expect(applyPlan(cloud.client, deployPlan(repo.root), { envId })).rejects.toThrow(
      'the build is incomplete (cloudfunctions/expireGroups/index.js): run `npm run build` first',
    );
    expect(cloud.calls).toEqual([]);
  });

  it('uploads a console file again only when its content changed', async () => {
    const env = emptyEnvironment();
    env.hosted.set('console/index.html', `"${createHash('md5').update('stale').digest('hex')}"`);
    env.hosted.set(
      'console/assets/index-abc123.js',
      `"${createHash('md5').update('console.log("console");\n').digest('hex')}"`,
    );
    const cloud = standInCloudBase(env);
    await applyPlan(cloud.client, deployPlan(repo.root), { envId });
    expect(cloud.mutations().map(summary)).toContain('hosting.uploadFiles console/index.html');
  });
});
