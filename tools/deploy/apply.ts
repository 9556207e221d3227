/**
 * Makes a CloudBase environment match a deploy plan through the official management SDK,
 * `@cloudbase/manager-node`. Every step reads first and changes only what differs, so running a plan twice
 * changes nothing the second time. Nothing is ever deleted but a function's outdated timer: no collection,
 * index, document, function, route or file. What is in the environment and not in the plan is reported.
 */
import type CloudBase from '@cloudbase/manager-node';
import type { CommonService } from '@cloudbase/manager-node/types/common';
import type { CreateIndex, ICloudFunction } from '@cloudbase/manager-node/types/interfaces';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { IndexSpec } from '../../emulator/src/db/index-file';
import type {
  CollectionStep,
  DatabaseRuleStep,
  DeployPlan,
  DeployStep,
  FunctionStep,
  HostingStep,
  IndexStep,
  RouteStep,
  SecurityRule,
  StorageRuleStep,
  TriggerStep,
} from './plan';

type Manager = CloudBase;

/**
 * The part of `CloudBase.init({ secretId, secretKey, token, envId })` the deploy uses, in manager-node's own
 * types: the real object is one, and tests pass a stand-in.
 */
export interface DeployClient {
  readonly functions: Pick<
    Manager['functions'],
    | 'listAllFunctions'
    | 'getFunctionDetail'
    | 'createFunction'
    | 'updateFunctionCode'
    | 'updateFunctionConfig'
    | 'createFunctionTriggers'
    | 'deleteFunctionTrigger'
  >;
  readonly access: Pick<Manager['access'], 'getAccessList' | 'createAccess' | 'switchPathAuth'>;
  readonly database: Pick<
    Manager['database'],
    'checkCollectionExists' | 'createCollection' | 'describeCollection' | 'updateCollection'
  >;
  readonly storage: Pick<Manager['storage'], 'getStorageAcl' | 'setStorageAcl'>;
  readonly hosting: Pick<Manager['hosting'], 'getInfo' | 'listFiles' | 'uploadFiles'>;
  commonService(service?: string, version?: string): Pick<CommonService, 'call'>;
}

export interface ApplyOptions {
  readonly envId: string;
  /** One line per step as it is applied. */
  readonly log?: (line: string) => void;
}

export interface ApplyReport {
  /** What this run changed, one line each. */
  readonly changed: readonly string[];
  /** Steps that found the environment already as planned. */
  readonly unchanged: number;
  /** Differences left alone on purpose (extra indexes, stale files...), for a person to decide. */
  readonly notes: readonly string[];
}

export class DeployError extends Error {}

/** The database security rules API (tcb 2018-06-08 DescribeSafeRule / ModifySafeRule), through commonService. */
const TCB = ['tcb', '2018-06-08'] as const;

type Outcome = { readonly changed: string } | { readonly unchanged: true };
const unchanged: Outcome = { unchanged: true };

const sameRule = (raw: unknown, rule: SecurityRule) => {
  if (typeof raw !== 'object' || raw === null) return false;
  const found = raw as Record<string, unknown>;
  return Object.keys(found).length === 2 && found.read === rule.read && found.write === rule.write;
};

const parseJson = (text: unknown): unknown => {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** A timer's cron as GetFunction reports it: the cron itself, or JSON holding it (`{"cron": "..."}`). */
function cronOf(desc: string | undefined): string | undefined {
  const parsed = parseJson(desc);
  if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { cron?: unknown }).cron === 'string') {
    return (parsed as { cron: string }).cron.trim();
  }
  return desc?.trim();
}

const indexKeys = (index: IndexSpec) =>
  index.keys.map((key) => ({ Name: key.field, Direction: String(key.direction) }));

function createIndex(index: IndexSpec): CreateIndex {
  return { IndexName: index.name, MgoKeySchema: { MgoIndexKeys: indexKeys(index), MgoIsUnique: index.unique } };
}

function cloudFunction(step: FunctionStep): ICloudFunction {
  return {
    name: step.name,
    runtime: step.runtime,
    handler: step.handler,
    timeout: step.timeoutSeconds,
    installDependency: step.installDependency,
    description: step.description,
    isWaitInstall: true,
  };
}

/** Applies `plan` to the environment behind `client`, step by step, in the plan's order. */
export async function applyPlan(client: DeployClient, plan: DeployPlan, options: ApplyOptions): Promise<ApplyReport> {
  if (plan.missing.length > 0) {
    throw new DeployError(`the build is incomplete (${plan.missing.join(', ')}): run \`npm run build\` first`);
  }
  const { envId } = options;
  const log = options.log ?? (() => undefined);
  const changed: string[] = [];
  const notes: string[] = [];
  let same = 0;
  const note = (line: string) => {
    notes.push(line);
    log(`  note: ${line}`);
  };

  const timed = new Set(plan.steps.flatMap((step) => (step.kind === 'trigger' ? [step.functionName] : [])));
  const existingFunctions = new Set(
    (await client.functions.listAllFunctions({ envId })).map((fn) => fn.FunctionName ?? ''),
  );
  /** Index names and definitions per collection, read once and kept current as indexes are created. */
  const collectionIndexes = new Map<string, Map<string, string>>();
  const indexSignature = (keys: readonly { Name?: string; Direction?: string }[], unique: boolean) =>
    JSON.stringify([keys.map((key) => [key.Name, String(key.Direction)]), unique]);

  async function withStagedFiles<T>(step: FunctionStep, use: (dir: string) => Promise<T>): Promise<T> {
    const dir = mkdtempSync(join(tmpdir(), `deploy-${step.name}-`));
    try {
      for (const file of step.files) copyFileSync(file, join(dir, basename(file)));
      return await use(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async function deployFunction(step: FunctionStep): Promise<Outcome> {
    const func = cloudFunction(step);
    if (!existingFunctions.has(step.name)) {
      // No triggers and no path here: their own steps follow.
      await withStagedFiles(step, (functionPath) => client.functions.createFunction({ func, functionPath }));
      existingFunctions.add(step.name);
      return { changed: `created function ${step.name}` };
    }
    const detail = await client.functions.getFunctionDetail(step.name);
    if (!timed.has(step.name)) {
      for (const timer of (detail.Triggers ?? []).filter((trigger) => trigger.Type === 'timer')) {
        note(
          `function ${step.name} has timer ${timer.TriggerName ?? timer.Name}, which its config.json does not declare (left in place)`,
        );
      }
    }
    if (detail.Runtime !== step.runtime) {
      throw new DeployError(
        `function ${step.name} runs ${detail.Runtime} in the environment, the bundle needs ${step.runtime}; CloudBase cannot change a runtime in place, so delete the function in the console and deploy again`,
      );
    }
    const codeChanged = detail.Description !== step.description;
    const configChanged =
      codeChanged ||
      detail.Timeout !== step.timeoutSeconds ||
      detail.Handler !== step.handler ||
      detail.InstallDependency !== 'TRUE';
    if (!configChanged) return unchanged;
    if (codeChanged) {
      await withStagedFiles(step, (functionPath) => client.functions.updateFunctionCode({ func, functionPath }));
    }
    // The description (which carries the code hash) is written last, so a run that fails halfway uploads again.
    await client.functions.updateFunctionConfig(func);
    return { changed: `updated function ${step.name} (${codeChanged ? 'code and settings' : 'settings'})` };
  }

  async function deployTrigger(step: TriggerStep): Promise<Outcome> {
    const detail = await client.functions.getFunctionDetail(step.functionName);
    const timers = (detail.Triggers ?? []).filter((trigger) => trigger.Type === 'timer');
    const name = (trigger: (typeof timers)[number]) => trigger.TriggerName ?? trigger.Name;
    const current = timers.find((trigger) => name(trigger) === step.name);
    if (current && cronOf(current.TriggerDesc ?? current.Config) === step.cron && timers.length === 1) return unchanged;
    for (const timer of timers) await client.functions.deleteFunctionTrigger(step.functionName, name(timer));
    await client.functions.createFunctionTriggers(step.functionName, [
      { name: step.name, type: 'timer', config: step.cron },
    ]);
    return { changed: `${timers.length > 0 ? 'replaced' : 'created'} timer ${step.functionName}.${step.name}` };
  }

  async function deployRoute(step: RouteStep): Promise<Outcome> {
    const list = await client.access.getAccessList({ path: step.path });
    if (list.EnableService === false) {
      note(`the HTTP access service is off in ${envId}: turn it on in the console for ${step.path} to answer`);
    }
    const route = (list.APISet ?? []).find((api) => api.Path === step.path);
    if (!route) {
      // auth: false turns CloudBase's own authentication off for the route: the function checks its callers.
      await client.access.createAccess({ name: step.functionName, path: step.path, auth: false });
      return { changed: `created HTTP route ${step.path} → ${step.functionName}` };
    }
    if (route.Name !== step.functionName || route.Type !== 1) {
      throw new DeployError(
        `HTTP route ${step.path} already serves ${route.Name} in ${envId}, not ${step.functionName}; remove it in the console if it should move`,
      );
    }
    if (!route.EnableAuth) return unchanged;
    await client.access.switchPathAuth({ apiIds: [route.APIId], auth: false });
    return { changed: `turned CloudBase authentication off on HTTP route ${step.path}` };
  }

  async function deployCollection(step: CollectionStep): Promise<Outcome> {
    const exists = await client.database.checkCollectionExists(step.name);
    if (!exists.Exists) {
      await client.database.createCollection(step.name);
      collectionIndexes.set(step.name, new Map());
      return { changed: `created collection ${step.name}` };
    }
    const table = await client.database.describeCollection(step.name);
    const indexes = new Map<string, string>();
    for (const index of table.Indexes ?? []) {
      if (index.Name === '_id_') continue;
      indexes.set(index.Name, indexSignature(index.Keys ?? [], index.Unique));
      if (!step.indexNames.includes(index.Name)) {
        note(`collection ${step.name} has index ${index.Name}, which indexes.json does not declare (left in place)`);
      }
    }
    collectionIndexes.set(step.name, indexes);
    return unchanged;
  }

  async function deployIndex(step: IndexStep): Promise<Outcome> {
    const indexes = collectionIndexes.get(step.collection);
    if (!indexes) throw new DeployError(`index ${step.index.name} planned before collection ${step.collection}`);
    const wanted = indexSignature(indexKeys(step.index), step.index.unique);
    const found = indexes.get(step.index.name);
    if (found === wanted) return unchanged;
    if (found !== undefined) {
      note(
        `index ${step.collection}.${step.index.name} differs from indexes.json (left as it is: drop it in the console and deploy again to recreate it)`,
      );
      return unchanged;
    }
    // One index per call: CloudBase may create some of a batch and refuse others.
    await client.database.updateCollection(step.collection, { CreateIndexes: [createIndex(step.index)] });
    indexes.set(step.index.name, wanted);
    return { changed: `created index ${step.collection}.${step.index.name}` };
  }

  async function deployDatabaseRule(step: DatabaseRuleStep): Promise<Outcome> {
    const tcb = client.commonService(...TCB);
    const current = (await tcb.call({
      Action: 'DescribeSafeRule',
      Param: { EnvId: envId, CollectionName: step.collection },
    })) as { AclTag?: string; Rule?: string | null };
    if (current.AclTag === 'CUSTOM' && sameRule(parseJson(current.Rule), step.rule)) return unchanged;
    await tcb.call({
      Action: 'ModifySafeRule',
      Param: { EnvId: envId, CollectionName: step.collection, AclTag: 'CUSTOM', Rule: JSON.stringify(step.rule) },
    });
    return { changed: `set the security rule of ${step.collection} to ${JSON.stringify(step.rule)}` };
  }

  async function deployStorageRule(step: StorageRuleStep): Promise<Outcome> {
    const current = await client.storage.getStorageAcl({ withRule: true });
    if (current.acl === 'CUSTOM' && sameRule(current.rule, step.rule)) return unchanged;
    await client.storage.setStorageAcl('CUSTOM', { read: step.rule.read, write: step.rule.write });
    return { changed: `set the storage security rule to ${JSON.stringify(step.rule)}` };
  }

  async function deployHosting(step: HostingStep): Promise<Outcome> {
    if ((await client.hosting.getInfo()).length === 0) {
      throw new DeployError(
        `static hosting is not enabled in ${envId}: turn on 静态网站托管 in the console, then deploy again (everything before it is deployed)`,
      );
    }
    const remote = new Map(
      (await client.hosting.listFiles())
        .filter((file) => file.Key.startsWith(step.cloudPrefix))
        .map((file) => [file.Key, file.ETag.replace(/"/g, '')]),
    );
    const changedFiles = step.files.filter((file) => remote.get(file.cloudPath) !== file.md5);
    const planned = new Set(step.files.map((file) => file.cloudPath));
    const stale = [...remote.keys()].filter((key) => !planned.has(key) && !key.endsWith('/'));
    if (stale.length > 0) {
      note(
        `${stale.length} files under ${step.cloudPrefix} are not in this build (left in place): ${stale.join(', ')}`,
      );
    }
    if (changedFiles.length === 0) return unchanged;
    await client.hosting.uploadFiles({
      files: changedFiles.map((file) => ({ localPath: file.localPath, cloudPath: file.cloudPath })),
    });
    return { changed: `uploaded ${changedFiles.length} of ${step.files.length} console files to ${step.cloudPrefix}` };
  }

  const apply = (step: DeployStep): Promise<Outcome> => {
    switch (step.kind) {
      case 'function':
        return deployFunction(step);
      case 'trigger':
        return deployTrigger(step);
      case 'route':
        return deployRoute(step);
      case 'collection':
        return deployCollection(step);
      case 'index':
        return deployIndex(step);
      case 'databaseRule':
        return deployDatabaseRule(step);
      case 'storageRule':
        return deployStorageRule(step);
      case 'hosting':
        return deployHosting(step);
    }
  };

  for (const step of plan.steps) {
    const outcome = await apply(step);
    if ('changed' in outcome) {
      changed.push(outcome.changed);
      log(outcome.changed);
    } else {
      same += 1;
    }
  }
  return { changed, unchanged: same, notes };
}
