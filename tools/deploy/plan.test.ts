import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadIndexDeclarations } from '../../emulator/src/db/index-file';
import { readFunctionConfigs } from '../cloudbaserc';
import { functionFolders } from '../build-cloudfunctions';
import { fromRoot, repoRoot } from '../paths';
import { CONSOLE_DIST, DATABASE_RULE, deployPlan, describePlan, INDEXES_FILE, STORAGE_RULE, stepsOf } from './plan';
import { createTestRepo, type TestRepo } from './test-repo';

describe('the deploy plan of this repository', () => {
  const plan = deployPlan(repoRoot);
  const configs = readFunctionConfigs();

  it('deploys every function folder, with its bundle, package.json and config.json and its settings', () => {
    const functions = stepsOf(plan, 'function');
    expect(functions.map((step) => step.name)).toEqual(functionFolders(fromRoot('cloudfunctions')));
    for (const step of functions) {
      const { config } = configs.find((entry) => entry.name === step.name)!;
      expect(step).toMatchObject({
        runtime: 'Nodejs18.15',
        handler: 'index.main',
        installDependency: true,
        timeoutSeconds: config.timeoutSeconds,
        openapi: config.openapi,
      });
      expect(step.files).toEqual(
        ['index.js', 'package.json', 'config.json'].map((f) => fromRoot('cloudfunctions', step.name, f)),
      );
      expect(step.description).toContain(step.codeHash.slice(0, 16));
    }
  });

  it('has every timer and every HTTP route the config.json files declare', () => {
    expect(stepsOf(plan, 'trigger').map(({ functionName, name, cron }) => [functionName, name, cron])).toEqual(
      configs.flatMap(({ name, config }) => (config.trigger ? [[name, config.trigger.name, config.trigger.cron]] : [])),
    );
    expect(stepsOf(plan, 'route').map(({ functionName, path }) => [functionName, path])).toEqual(
      configs.flatMap(({ name, config }) => (config.http ? [[name, config.http.path]] : [])),
    );
  });

  it('has every collection and index of indexes.json, and the rules', () => {
    const declared = loadIndexDeclarations(fromRoot(INDEXES_FILE));
    expect(stepsOf(plan, 'collection').map((step) => [step.name, step.indexNames])).toEqual(
      [...declared].map(([name, indexes]) => [name, indexes.map((index) => index.name)]),
    );
    expect(stepsOf(plan, 'index').map((step) => [step.collection, step.index])).toEqual(
      [...declared].flatMap(([name, indexes]) => indexes.map((index) => [name, index])),
    );
    expect(stepsOf(plan, 'databaseRule').map((step) => [step.collection, step.rule])).toEqual(
      [...declared.keys()].map((name) => [name, { read: false, write: false }]),
    );
    // Anyone reads; a shopper's client writes only its own files under after-sales/ (functions are not bound).
    expect(stepsOf(plan, 'storageRule').map((step) => step.rule)).toEqual([
      {
        read: true,
        write: 'auth != null && resource.openid == auth.openid && /^after-sales[/]/.test(resource.path) == true',
      },
    ]);
  });

  it('serves the console’s build under console/ on static hosting, or says the build is missing', () => {
    const [hosting, ...more] = stepsOf(plan, 'hosting');
    expect(more).toEqual([]);
    expect(hosting?.cloudPrefix).toBe('console/');
    const dist = fromRoot(CONSOLE_DIST);
    if (existsSync(join(dist, 'index.html'))) {
      const built = readdirSync(dist, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => `console/${relative(dist, join(entry.parentPath, entry.name)).split(sep).join('/')}`);
      expect(hosting?.files.map((file) => file.cloudPath).sort()).toEqual(built.sort());
    } else {
      expect(plan.missing).toContain('admin/dist/index.html');
    }
  });

  it('orders each function before its timer and route, and each collection before its indexes', () => {
    const position = (predicate: (step: (typeof plan.steps)[number]) => boolean) => plan.steps.findIndex(predicate);
    for (const step of plan.steps) {
      if (step.kind === 'trigger' || step.kind === 'route') {
        const fn = position((s) => s.kind === 'function' && s.name === step.functionName);
        expect(fn).toBeGreaterThanOrEqual(0);
        expect(fn).toBeLessThan(plan.steps.indexOf(step));
      }
      if (step.kind === 'index' || step.kind === 'databaseRule') {
        const collection = position((s) => s.kind === 'collection' && s.name === step.collection);
        expect(collection).toBeGreaterThanOrEqual(0);
        expect(collection).toBeLessThan(plan.steps.indexOf(step));
      }
    }
  });
});

describe('deployPlan and describePlan', () => {
  let repo: TestRepo | undefined;
  afterEach(() => repo?.dispose());

  it('reads a repository into typed steps, hashing what it uploads', () => {
    repo = createTestRepo();
    const plan = deployPlan(repo.root);
    expect(plan.missing).toEqual([]);
    expect(plan.steps.map((step) => step.kind)).toEqual([
      'function',
      'function',
      'trigger',
      'route',
      'collection',
      'index',
      'index',
      'collection',
      'index',
      'databaseRule',
      'databaseRule',
      'storageRule',
      'hosting',
    ]);
    const [adminApi, expireGroups] = stepsOf(plan, 'function');
    expect(adminApi).toMatchObject({ name: 'adminApi', timeoutSeconds: 10, openapi: [] });
    expect(expireGroups).toMatchObject({
      name: 'expireGroups',
      timeoutSeconds: 20,
      openapi: ['subscribeMessage.send'],
    });
    expect(stepsOf(plan, 'route')).toEqual([{ kind: 'route', functionName: 'adminApi', path: '/admin-api' }]);
    expect(stepsOf(plan, 'trigger')).toEqual([
      { kind: 'trigger', functionName: 'expireGroups', name: 'everyMinute', cron: '0 * * * * * *' },
    ]);
    expect(stepsOf(plan, 'databaseRule').map((step) => step.rule)).toEqual([DATABASE_RULE, DATABASE_RULE]);
    expect(stepsOf(plan, 'storageRule').map((step) => step.rule)).toEqual([STORAGE_RULE]);
    const html = readFileSync(join(repo.root, 'admin/dist/index.html'));
    expect(stepsOf(plan, 'hosting')[0]?.files).toEqual([
      {
        localPath: join(repo.root, 'admin/dist/assets/index-abc123.js'),
        cloudPath: 'console/assets/index-abc123.js',
        bytes: 24,
        md5: createHash('md5').update('console.log("console");\n').digest('hex'),
      },
      {
        localPath: join(repo.root, 'admin/dist/index.html'),
        cloudPath: 'console/index.html',
        bytes: html.length,
        md5: createHash('md5').update(html).digest('hex'),
      },
    ]);

    // The code hash moves with the uploaded files only.
    repo.write('cloudfunctions/adminApi/src/index.ts', '// edited source, same bundle\n');
    expect(stepsOf(deployPlan(repo.root), 'function')[0]?.codeHash).toBe(adminApi?.codeHash);
    repo.write('cloudfunctions/adminApi/index.js', 'exports.main = async () => ({ statusCode: 204 });\n');
    expect(stepsOf(deployPlan(repo.root), 'function')[0]?.codeHash).not.toBe(adminApi?.codeHash);
  });

  it('lists a missing build instead of failing, so a dry run can show it', () => {
    repo = createTestRepo();
    repo.remove('cloudfunctions/adminApi/index.js');
    repo.remove('admin/dist');
    const plan = deployPlan(repo.root);
    expect(plan.missing).toEqual(['cloudfunctions/adminApi/index.js', 'admin/dist/index.html']);
    expect(stepsOf(plan, 'function')).toHaveLength(2);
    expect(describePlan(plan)).toContain(
      'Missing from the repository (run `npm run build` first):\n  cloudfunctions/adminApi/index.js\n  admin/dist/index.html',
    );
  });

  it('refuses a route two functions claim', () => {
    repo = createTestRepo();
    repo.write('cloudfunctions/expireGroups/config.json', JSON.stringify({ http: { path: '/admin-api' } }));
    expect(() => deployPlan(repo!.root)).toThrow(/http\.path \/admin-api is already the route of adminApi/);
  });

  it('describes every function, timer, route, collection, index and rule', () => {
    repo = createTestRepo();
    const text = describePlan(deployPlan(repo.root));
    for (const expected of [
      'Functions (2): runtime Nodejs18.15, handler index.main',
      '  adminApi: timeout 10 s, code ',
      '  expireGroups: timeout 20 s, openapi subscribeMessage.send, code ',
      'each uploads exactly: index.js, package.json, config.json',
      '  expireGroups: everyMinute "0 * * * * * *"',
      '  /admin-api → adminApi',
      'Collections (2) and indexes (3)',
      '    status_deadlineAt (status 1, deadlineAt 1)',
      '    location_2dsphere (location 2dsphere)',
      '    transactionId_unique (transactionId -1, unique)',
      'Database security rules (2): {"read":false,"write":false} on every collection',
      `Storage security rule: ${JSON.stringify(STORAGE_RULE)}`,
      'Static hosting: admin/dist/ → console/ (2 files,',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Missing');
  });
});
