/**
 * A stand-in for the part of manager-node's `CloudBase` the deploy uses, holding an environment in memory:
 * functions, timers, HTTP routes, collections and indexes, security rules, hosted files. It records every
 * call, so a test can say what a deploy did; nothing touches the network.
 */
import type { IApi } from '@cloudbase/manager-node/types/access/types';
import type { IFunctionInfo, ITrigger } from '@cloudbase/manager-node/types/function/types';
import type { IHostingInfo } from '@cloudbase/manager-node/types/hosting';
import type { IndexInfo, IListFileInfo } from '@cloudbase/manager-node/types/interfaces';
import type { AclType, IStorageAclRule } from '@cloudbase/manager-node/types/storage';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployClient } from './apply';

export interface StandInFunction {
  Runtime: string;
  Handler: string;
  Timeout: number;
  InstallDependency: 'TRUE' | 'FALSE';
  Description: string;
  Triggers: ITrigger[];
  /** The uploaded package: file name → content. */
  code: Map<string, string>;
}

export interface StandInEnvironment {
  functions: Map<string, StandInFunction>;
  routes: IApi[];
  httpServiceEnabled: boolean;
  collections: Map<string, IndexInfo[]>;
  databaseRules: Map<string, { AclTag: string; Rule: string | null }>;
  storage: { acl: AclType; rule?: IStorageAclRule };
  hostingEnabled: boolean;
  /** Hosted files: cloud path → ETag as COS reports it (quoted md5). */
  hosted: Map<string, string>;
}

export interface Call {
  readonly method: string;
  readonly args: readonly unknown[];
}

/** The calls that change an environment; all others only read. */
export const MUTATIONS = new Set([
  'functions.createFunction',
  'functions.updateFunctionCode',
  'functions.updateFunctionConfig',
  'functions.createFunctionTriggers',
  'functions.deleteFunctionTrigger',
  'access.createAccess',
  'access.switchPathAuth',
  'database.createCollection',
  'database.updateCollection',
  'tcb.ModifySafeRule',
  'storage.setStorageAcl',
  'hosting.uploadFiles',
]);

const quotedMd5 = (content: Buffer | string) => `"${createHash('md5').update(content).digest('hex')}"`;
const ok = { RequestId: 'stand-in' };

export function emptyEnvironment(): StandInEnvironment {
  return {
    functions: new Map(),
    routes: [],
    httpServiceEnabled: true,
    collections: new Map(),
    databaseRules: new Map(),
    // A new environment's storage: readable by all, writable by each file's creator.
    storage: { acl: 'READONLY' },
    hostingEnabled: true,
    hosted: new Map(),
  };
}

export function standInCloudBase(env: StandInEnvironment = emptyEnvironment()) {
  const calls: Call[] = [];
  const record = (method: string, ...args: unknown[]) => calls.push({ method, args });

  const fn = (name: string) => {
    const found = env.functions.get(name);
    if (!found)
      throw Object.assign(new Error(`ResourceNotFound.Function: ${name}`), { code: 'ResourceNotFound.Function' });
    return found;
  };
  const readPackage = (dir: string) =>
    new Map(readdirSync(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')] as const));

  const getStorageAcl = async (options?: { withRule: true }) => {
    record('storage.getStorageAcl', options);
    return options?.withRule ? { ...env.storage } : env.storage.acl;
  };

  const client: DeployClient = {
    functions: {
      async listAllFunctions(options) {
        record('functions.listAllFunctions', options);
        return [...env.functions.keys()].map((FunctionName) => ({ FunctionName }));
      },
      async getFunctionDetail(name) {
        record('functions.getFunctionDetail', name);
        const { code: _code, ...detail } = fn(name);
        // The fields the deploy reads; GetFunction answers many more.
        return { FunctionName: name, ...detail, Triggers: [...detail.Triggers] } as unknown as IFunctionInfo;
      },
      async createFunction(param) {
        record('functions.createFunction', param);
        if (env.functions.has(param.func.name)) throw new Error(`ResourceInUse.Function: ${param.func.name}`);
        env.functions.set(param.func.name, {
          Runtime: param.func.runtime ?? 'Nodejs18.15',
          Handler: param.func.handler ?? 'index.main',
          Timeout: param.func.timeout ?? 3,
          InstallDependency: param.func.installDependency === true ? 'TRUE' : 'FALSE',
          Description: param.func.description ?? '',
          Triggers: [],
          code: readPackage(param.functionPath!),
        });
        return ok;
      },
      async updateFunctionCode(param) {
        record('functions.updateFunctionCode', param);
        const target = fn(param.func.name);
        target.code = readPackage(param.functionPath!);
        target.Handler = param.func.handler ?? 'index.main';
        target.InstallDependency = param.func.installDependency === true ? 'TRUE' : 'FALSE';
        return ok;
      },
      async updateFunctionConfig(func) {
        record('functions.updateFunctionConfig', func);
        const target = fn(func.name);
        if (func.timeout !== undefined) target.Timeout = func.timeout;
        if (func.description !== undefined) target.Description = func.description;
        if (func.installDependency !== undefined) target.InstallDependency = func.installDependency ? 'TRUE' : 'FALSE';
        return ok;
      },
      async createFunctionTriggers(name, triggers = []) {
        record('functions.createFunctionTriggers', name, triggers);
        const target = fn(name);
        for (const trigger of triggers) {
          if (target.Triggers.some((t) => t.TriggerName === trigger.name)) throw new Error('ResourceInUse.Trigger');
          const desc = JSON.stringify({ cron: trigger.config });
          target.Triggers.push({
            Name: trigger.name,
            TriggerName: trigger.name,
            Type: trigger.type,
            Config: desc,
            TriggerDesc: desc,
          });
        }
        return ok;
      },
      async deleteFunctionTrigger(name, triggerName) {
        record('functions.deleteFunctionTrigger', name, triggerName);
        const target = fn(name);
        target.Triggers = target.Triggers.filter((t) => t.TriggerName !== triggerName);
        return ok;
      },
    },
    access: {
      async getAccessList(options) {
        record('access.getAccessList', options);
        const APISet = env.routes.filter((api) => options?.path === undefined || api.Path.startsWith(options.path));
        return { ...ok, APISet, Total: APISet.length, Limit: 20, Offset: 0, EnableService: env.httpServiceEnabled };
      },
      async createAccess(options) {
        record('access.createAccess', options);
        if (env.routes.some((api) => api.Path === options.path)) throw new Error('InvalidParameter.APICreated');
        const APIId = `api-${env.routes.length + 1}`;
        env.routes.push({
          ServiceId: 'stand-in',
          APIId,
          Path: options.path,
          Type: options.type ?? 1,
          Name: options.name,
          CreateTime: 0,
          EnvId: 'stand-in',
          EnableAuth: options.auth === true,
        });
        return { ...ok, APIId };
      },
      async switchPathAuth(options) {
        record('access.switchPathAuth', options);
        for (const api of env.routes) if (options.apiIds.includes(api.APIId)) api.EnableAuth = options.auth;
        return { ...ok, Count: options.apiIds.length };
      },
    },
    database: {
      async checkCollectionExists(name) {
        record('database.checkCollectionExists', name);
        return { ...ok, Exists: env.collections.has(name) };
      },
      async createCollection(name) {
        record('database.createCollection', name);
        env.collections.set(name, [
          {
            Name: '_id_',
            Size: 0,
            Keys: [{ Name: '_id', Direction: '1' }],
            Unique: true,
            Accesses: { Ops: 0, Since: '' },
          },
        ]);
        return ok;
      },
      async describeCollection(name) {
        record('database.describeCollection', name);
        const indexes = env.collections.get(name);
        if (!indexes) throw new Error(`ResourceNotFound: collection ${name}`);
        return { ...ok, Indexes: [...indexes], IndexNum: indexes.length };
      },
      async updateCollection(name, info) {
        record('database.updateCollection', name, info);
        const indexes = env.collections.get(name);
        if (!indexes) throw new Error(`ResourceNotFound: collection ${name}`);
        for (const index of info.CreateIndexes ?? []) {
          env.collections.set(name, [
            ...indexes.filter((existing) => existing.Name !== index.IndexName),
            {
              Name: index.IndexName,
              Size: 0,
              Keys: index.MgoKeySchema.MgoIndexKeys.map((key) => ({ ...key })),
              Unique: index.MgoKeySchema.MgoIsUnique,
              Accesses: { Ops: 0, Since: '' },
            },
          ]);
        }
        return ok;
      },
    },
    storage: {
      getStorageAcl: getStorageAcl as DeployClient['storage']['getStorageAcl'],
      async setStorageAcl(acl, rule) {
        record('storage.setStorageAcl', acl, rule);
        env.storage = rule ? { acl, rule } : { acl };
        return ok;
      },
    },
    hosting: {
      async getInfo() {
        record('hosting.getInfo');
        return env.hostingEnabled
          ? [{ EnvId: 'stand-in', CdnDomain: 'stand-in.tcloudbaseapp.com' } as IHostingInfo]
          : [];
      },
      async listFiles() {
        record('hosting.listFiles');
        return [...env.hosted].map(([Key, ETag]): IListFileInfo => ({
          Key,
          ETag,
          LastModified: '',
          Size: '0',
          Owner: '',
          StorageClass: '',
        }));
      },
      async uploadFiles(options) {
        record('hosting.uploadFiles', options);
        for (const file of options.files ?? []) env.hosted.set(file.cloudPath, quotedMd5(readFileSync(file.localPath)));
      },
    },
    commonService(service, version) {
      if (service !== 'tcb' || version !== '2018-06-08') throw new Error(`stand-in has no ${service} ${version}`);
      return {
        async call({ Action, Param }) {
          record(`tcb.${Action}`, Param);
          const collection = String(Param.CollectionName);
          if (Action === 'DescribeSafeRule') {
            return { ...ok, ...(env.databaseRules.get(collection) ?? { AclTag: 'PRIVATE', Rule: null }) };
          }
          if (Action === 'ModifySafeRule') {
            env.databaseRules.set(collection, { AclTag: String(Param.AclTag), Rule: String(Param.Rule) });
            return ok;
          }
          throw new Error(`stand-in has no tcb ${Action}`);
        },
      };
    },
  };

  return {
    client,
    env,
    calls,
    /** The calls that changed the environment, in order. */
    mutations: () => calls.filter((call) => MUTATIONS.has(call.method)),
  };
}
