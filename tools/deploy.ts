/**
 * `npm run deploy -- --env <envId> [--dry-run] [--region <region>]`: deploys the functions (with their
 * timers and HTTP access routes), the collections and indexes, the database and storage security rules and
 * the console to a CloudBase environment, through the official `@cloudbase/manager-node`. The plan comes
 * from the repository alone (tools/deploy/plan.ts); `--dry-run` prints it and needs no credentials.
 * Credentials come from TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for
 * temporary keys), never from the repository.
 */
import type CloudBase from '@cloudbase/manager-node';
import { parseArgs } from 'node:util';
import { applyPlan, type DeployClient } from './deploy/apply';
import { deployPlan, describePlan } from './deploy/plan';
import { isMain, repoRoot } from './paths';

const USAGE = `Usage: npm run deploy -- --env <envId> [--dry-run] [--region <region>]

  --env <envId>      the CloudBase environment to deploy to (required)
  --dry-run          print the plan and change nothing (no credentials needed)
  --region <region>  the environment's region when it is not manager-node's default (ap-shanghai)

Credentials: TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (plus TENCENTCLOUD_SESSIONTOKEN for temporary
keys) in the environment.`;

/** CloudBase environment ids: lowercase letters, digits and dashes, e.g. prod-3g5x2a1b4c6d7e8f. */
const ENV_ID = /^[a-z][a-z0-9-]{1,62}$/;

export interface DeployArgs {
  readonly envId: string;
  readonly dryRun: boolean;
  readonly region: string | undefined;
}

export class UsageError extends Error {}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function parseDeployArgs(argv: readonly string[]): DeployArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        env: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        region: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  if (values.env === undefined) throw new UsageError('--env <envId> is required');
  if (!ENV_ID.test(values.env)) throw new UsageError(`--env ${JSON.stringify(values.env)} is not a CloudBase env id`);
  return { envId: values.env, dryRun: values['dry-run'], region: values.region };
}

export interface Credentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token: string | undefined;
}

/** The credentials from the process environment, or a message naming what is missing. */
export function credentialsFrom(env: NodeJS.ProcessEnv): Credentials | string {
  const secretId = env.TENCENTCLOUD_SECRETID?.trim();
  const secretKey = env.TENCENTCLOUD_SECRETKEY?.trim();
  const absent = [!secretId && 'TENCENTCLOUD_SECRETID', !secretKey && 'TENCENTCLOUD_SECRETKEY'].filter(Boolean);
  if (!secretId || !secretKey) {
    return `${absent.join(' and ')} not set: export the API key of a CAM user allowed to manage the environment (see README, "Deploy to a real environment")`;
  }
  return { secretId, secretKey, token: env.TENCENTCLOUD_SESSIONTOKEN?.trim() || undefined };
}

/** What the command reaches outside its arguments; tests pass their own. */
export interface DeployIo {
  readonly repoRoot: string;
  readonly env: NodeJS.ProcessEnv;
  /** Builds the manager-node client; called only for a real deploy, after every check passed. */
  readonly connect: (config: CloudBaseConfig) => DeployClient | Promise<DeployClient>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** manager-node's `CloudBase.init` configuration. */
export type CloudBaseConfig = Parameters<(typeof CloudBase)['init']>[0];

/** Runs the command; resolves to the process exit code. */
export async function runDeploy(argv: readonly string[], io: DeployIo): Promise<number> {
  let args;
  try {
    args = parseDeployArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`deploy: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    io.out(USAGE);
    return 0;
  }

  const plan = deployPlan(io.repoRoot);
  io.out(`Deploy plan for ${args.envId}${args.dryRun ? ' (dry run: nothing is changed)' : ''}\n`);
  io.out(describePlan(plan));
  if (args.dryRun) return plan.missing.length > 0 ? 1 : 0;

  if (plan.missing.length > 0) {
    io.err('\ndeploy: the build is incomplete (listed above): run `npm run build`, then deploy again');
    return 1;
  }
  const credentials = credentialsFrom(io.env);
  if (typeof credentials === 'string') {
    io.err(`\ndeploy: ${credentials}`);
    return 1;
  }

  const client = await io.connect({
    secretId: credentials.secretId,
    secretKey: credentials.secretKey,
    ...(credentials.token ? { token: credentials.token } : {}),
    envId: args.envId,
    ...(args.region ? { region: args.region } : {}),
  });
  io.out(`\nApplying to ${args.envId}:`);
  const report = await applyPlan(client, plan, { envId: args.envId, log: (line) => io.out(`  ${line}`) });
  io.out(
    `\nDone: ${count(report.changed.length, 'change')}, ${count(report.unchanged, 'step')} already as planned, ${count(report.notes.length, 'note')}.`,
  );
  if (report.notes.length > 0) {
    io.out('Left for you to decide:');
    for (const line of report.notes) io.out(`  ${line}`);
  }
  return 0;
}

if (isMain(import.meta.url)) {
  runDeploy(process.argv.slice(2), {
    repoRoot,
    env: process.env,
    // Loaded only here: a dry run never touches the SDK.
    connect: async (config) => (await import('@cloudbase/manager-node')).default.init(config),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`\ndeploy failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
