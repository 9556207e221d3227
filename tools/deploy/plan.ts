/**
 * What `npm run deploy` puts into a CloudBase environment, read from the repository alone: no network, no
 * credentials, the same answer every time for the same files. `describePlan` prints it (`--dry-run`);
 * `apply.ts` makes an environment match it.
 *
 * Sources: each function folder (`index.js`, the esbuild bundle; `package.json`; `config.json`, through the
 * parser the emulator uses), the collections and indexes file, and the console's build in `admin/dist`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type IndexSpec, loadIndexDeclarations } from '../../emulator/src/db/index-file';
import { DEPLOYED_FILES, HANDLER, readFunctionConfigs, RUNTIME } from '../cloudbaserc';
import { kib } from '../paths';

/** A CloudBase security rule, in the JSON CloudBase reads: `read` / `write` true, false or an expression. */
export interface SecurityRule {
  readonly read: boolean | string;
  readonly write: boolean | string;
}

/**
 * Clients read and write nothing in the database: every collection is reached through functions, which
 * rules do not bind (they run as the environment's administrator).
 */
export const DATABASE_RULE: SecurityRule = { read: false, write: false };
/**
 * Anyone may read a stored file (product images). Functions write anything (rules bind clients only); a shopper's
 * mini-program writes only its own files under `after-sales/` (the photos of an after-sales request, which
 * requestAfterSale accepts only from `after-sales/<their openid>/`). CloudBase documents `resource.path` and
 * regular expressions in storage rules; the rule is unverified against production.
 */
export const STORAGE_RULE: SecurityRule = {
  read: true,
  write: 'auth != null && resource.openid == auth.openid && /^after-sales[/]/.test(resource.path) == true',
};

/** Where the console is served from on static hosting: `https://<hosting domain>/console/`. */
export const CONSOLE_HOSTING_PREFIX = 'console/';
export const CONSOLE_DIST = join('admin', 'dist');
export const INDEXES_FILE = join('shared', 'src', 'server', 'cloudbase', 'indexes.json');

export interface FunctionStep {
  readonly kind: 'function';
  readonly name: string;
  /** Absolute paths of what is uploaded, exactly: the bundle, package.json, config.json. */
  readonly files: readonly string[];
  readonly runtime: typeof RUNTIME;
  readonly handler: typeof HANDLER;
  readonly timeoutSeconds: number;
  /** The platform installs `dependencies` from package.json (wx-server-sdk). */
  readonly installDependency: true;
  /** Uploaded inside config.json, where the platform reads them (listed here to show them). */
  readonly openapi: readonly string[];
  /** sha256 of the uploaded files, names and contents: an unchanged function is not uploaded again. */
  readonly codeHash: string;
  /** The function's description in CloudBase; it carries the code hash. */
  readonly description: string;
}

export interface TriggerStep {
  readonly kind: 'trigger';
  readonly functionName: string;
  readonly name: string;
  /** 7-field cron, Asia/Shanghai. */
  readonly cron: string;
}

export interface RouteStep {
  readonly kind: 'route';
  readonly functionName: string;
  readonly path: string;
}

export interface CollectionStep {
  readonly kind: 'collection';
  readonly name: string;
  /** The indexes the file declares for it: any other index found in the environment is reported. */
  readonly indexNames: readonly string[];
}

export interface IndexStep {
  readonly kind: 'index';
  readonly collection: string;
  readonly index: IndexSpec;
}

export interface DatabaseRuleStep {
  readonly kind: 'databaseRule';
  readonly collection: string;
  readonly rule: SecurityRule;
}

export interface StorageRuleStep {
  readonly kind: 'storageRule';
  readonly rule: SecurityRule;
}

export interface HostedFile {
  readonly localPath: string;
  readonly cloudPath: string;
  readonly bytes: number;
  /** What COS reports as a simple upload's ETag: an unchanged file is not uploaded again. */
  readonly md5: string;
}

export interface HostingStep {
  readonly kind: 'hosting';
  readonly localDir: string;
  readonly cloudPrefix: string;
  readonly files: readonly HostedFile[];
}

export type DeployStep =
  | FunctionStep
  | TriggerStep
  | RouteStep
  | CollectionStep
  | IndexStep
  | DatabaseRuleStep
  | StorageRuleStep
  | HostingStep;

export interface DeployPlan {
  readonly steps: readonly DeployStep[];
  /** Build outputs the plan needs and the repository lacks (repository-relative): run `npm run build`. */
  readonly missing: readonly string[];
}

export type StepOf<K extends DeployStep['kind']> = Extract<DeployStep, { kind: K }>;

export const stepsOf = <K extends DeployStep['kind']>(plan: DeployPlan, kind: K): StepOf<K>[] =>
  plan.steps.filter((step): step is StepOf<K> => step.kind === kind);

const toPosix = (path: string) => path.split(sep).join('/');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
    });
}

function codeHash(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file.slice(file.lastIndexOf(sep) + 1)}\0`);
    if (existsSync(file)) hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Reads the repository at `repoRoot` and returns what a deploy makes true; changes nothing. */
export function deployPlan(repoRoot: string): DeployPlan {
  const steps: DeployStep[] = [];
  const missing: string[] = [];
  const functionsRoot = join(repoRoot, 'cloudfunctions');

  const functions = readFunctionConfigs(functionsRoot);
  for (const { name, config } of functions) {
    const files = DEPLOYED_FILES.map((file) => join(functionsRoot, name, file));
    for (const file of files) if (!existsSync(file)) missing.push(toPosix(relative(repoRoot, file)));
    const hash = codeHash(files);
    steps.push({
      kind: 'function',
      name,
      files,
      runtime: RUNTIME,
      handler: HANDLER,
      timeoutSeconds: config.timeoutSeconds,
      installDependency: true,
      openapi: config.openapi,
      codeHash: hash,
      description: `山城拼团 npm run deploy, code ${hash.slice(0, 16)}`,
    });
  }
  for (const { name, config } of functions) {
    if (config.trigger) steps.push({ kind: 'trigger', functionName: name, ...config.trigger });
  }
  for (const { name, config } of functions) {
    if (config.http) steps.push({ kind: 'route', functionName: name, path: config.http.path });
  }

  const collections = loadIndexDeclarations(join(repoRoot, INDEXES_FILE));
  for (const [name, indexes] of collections) {
    steps.push({ kind: 'collection', name, indexNames: indexes.map((index) => index.name) });
    for (const index of indexes) steps.push({ kind: 'index', collection: name, index });
  }
  for (const name of collections.keys()) steps.push({ kind: 'databaseRule', collection: name, rule: DATABASE_RULE });
  steps.push({ kind: 'storageRule', rule: STORAGE_RULE });

  const localDir = join(repoRoot, CONSOLE_DIST);
  const hosted =
    existsSync(localDir) && statSync(localDir).isDirectory()
      ? filesUnder(localDir).map((localPath) => {
          const content = readFileSync(localPath);
          return {
            localPath,
            cloudPath: `${CONSOLE_HOSTING_PREFIX}${toPosix(relative(localDir, localPath))}`,
            bytes: content.length,
            md5: createHash('md5').update(content).digest('hex'),
          };
        })
      : [];
  if (!hosted.some((file) => file.cloudPath === `${CONSOLE_HOSTING_PREFIX}index.html`)) {
    missing.push(`${toPosix(CONSOLE_DIST)}/index.html`);
  }
  steps.push({ kind: 'hosting', localDir, cloudPrefix: CONSOLE_HOSTING_PREFIX, files: hosted });

  return { steps, missing };
}

const json = (value: unknown) => JSON.stringify(value);

const indexText = (index: IndexSpec) =>
  `${index.name} (${index.keys.map((key) => `${key.field} ${key.direction}`).join(', ')}${index.unique ? ', unique' : ''})`;

/** The plan as text for people (`--dry-run` prints it). */
export function describePlan(plan: DeployPlan): string {
  const lines: string[] = [];
  const functions = stepsOf(plan, 'function');
  const [first] = functions;
  lines.push(
    `Functions (${functions.length})${first ? `: runtime ${first.runtime}, handler ${first.handler}, the platform installs package.json dependencies; created, or updated when their code or settings differ` : ''}`,
  );
  for (const step of functions) {
    const openapi = step.openapi.length > 0 ? `, openapi ${step.openapi.join(' ')}` : '';
    lines.push(`  ${step.name}: timeout ${step.timeoutSeconds} s${openapi}, code ${step.codeHash.slice(0, 12)}`);
  }
  if (first) lines.push(`  each uploads exactly: ${DEPLOYED_FILES.join(', ')}`);

  const triggers = stepsOf(plan, 'trigger');
  lines.push(`Timer triggers (${triggers.length}): a function's timer is replaced when its config.json changes it`);
  for (const step of triggers) lines.push(`  ${step.functionName}: ${step.name} "${step.cron}"`);

  const routes = stepsOf(plan, 'route');
  lines.push(`HTTP access routes (${routes.length}): CloudBase's own authentication off, the function authenticates`);
  for (const step of routes) lines.push(`  ${step.path} → ${step.functionName}`);

  const collections = stepsOf(plan, 'collection');
  const indexes = stepsOf(plan, 'index');
  lines.push(
    `Collections (${collections.length}) and indexes (${indexes.length}) from ${toPosix(INDEXES_FILE)}: created when missing; nothing is ever dropped, extra indexes are reported`,
  );
  for (const step of collections) {
    const own = indexes.filter((index) => index.collection === step.name).map((index) => indexText(index.index));
    lines.push(`  ${step.name}${own.length > 0 ? '' : ': no index but _id'}`);
    for (const index of own) lines.push(`    ${index}`);
  }

  const databaseRules = stepsOf(plan, 'databaseRule');
  const rules = [...new Set(databaseRules.map((step) => json(step.rule)))];
  lines.push(`Database security rules (${databaseRules.length}): ${rules.join(', ')} on every collection`);
  for (const step of stepsOf(plan, 'storageRule')) lines.push(`Storage security rule: ${json(step.rule)}`);

  for (const step of stepsOf(plan, 'hosting')) {
    const bytes = step.files.reduce((sum, file) => sum + file.bytes, 0);
    lines.push(
      `Static hosting: ${toPosix(CONSOLE_DIST)}/ → ${step.cloudPrefix} (${step.files.length} files, ${kib(bytes)}); changed files uploaded, none deleted`,
    );
  }

  if (plan.missing.length > 0) {
    lines.push(`Missing from the repository (run \`npm run build\` first):`);
    for (const path of plan.missing) lines.push(`  ${path}`);
  }
  return lines.join('\n');
}
