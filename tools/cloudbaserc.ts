/**
 * `npm run cloudbaserc`: writes `cloudbaserc.json`, the CloudBase CLI's deploy configuration
 * (`tcb fn deploy`, `tcb fn trigger create`), from each function's `config.json`. config.json stays the one
 * source: devtools uploads it as it is (it alone carries the openapi permissions), the emulator runs the
 * functions by it, `npm run deploy` reads it, and this file is derived from it with the emulator's own
 * parser. A test fails when the committed cloudbaserc.json no longer matches.
 *
 * Function entries are flat (`timeout`, `runtime` beside `name`), the CLI's format since 0.6.0: the CLI
 * still merges a nested `config` in, but the framework's function plugin reads only the flat fields.
 *
 * HTTP access routes: CloudBase has two ways to declare them as configuration. We write the documented one,
 * the CloudBase Framework function plugin's `framework.plugins.<name>.inputs.servicePaths`
 * (`{ "<function>": "/<path>" }`, packages/framework-plugin-function in Tencent/cloudbase-framework), which
 * `tcb framework deploy` applies; without `functions` in its inputs the plugin deploys the top-level list
 * below, so both commands deploy the same functions. We did not follow the other: a `path` on a function
 * entry is honoured by `tcb fn deploy` only as a side effect of manager-node's createFunction and is not in
 * the CLI's configuration reference. `tcb fn deploy` does not read servicePaths, so with the CLI alone a
 * route is `tcb service create -p <path> -f <function>`; `npm run deploy` creates it itself.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkUniqueHttpPaths, type FunctionConfig, FunctionConfigError, parseFunctionConfig } from './function-config';
import { functionFolders } from './build-cloudfunctions';
import { fromRoot, isMain } from './paths';

/** The bundles target node18 (build-cloudfunctions.ts). */
export const RUNTIME = 'Nodejs18.15';
export const HANDLER = 'index.main';
/**
 * What a deployed function folder holds: the bundle, package.json (the platform installs wx-server-sdk from
 * it) and config.json. The CLI zips the folder minus `ignore`; `npm run deploy` uploads exactly these.
 */
export const DEPLOYED_FILES = ['index.js', 'package.json', 'config.json'] as const;
/** node_modules is left out by the CLI itself when the platform installs dependencies. */
const CLI_IGNORE = ['src', 'src/**', '*.test.ts'];

export interface FunctionEntry {
  readonly name: string;
  /** Absolute path of the function's config.json (may not exist: then the defaults). */
  readonly file: string;
  readonly config: FunctionConfig;
}

/** Every function folder with its parsed config.json; fails on a bad config or a route two functions claim. */
export function readFunctionConfigs(functionsRoot = fromRoot('cloudfunctions')): FunctionEntry[] {
  const entries = functionFolders(functionsRoot).map((name) => {
    const file = join(functionsRoot, name, 'config.json');
    if (!existsSync(file)) return { name, file, config: parseFunctionConfig({}, file) };
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new FunctionConfigError(file, `is not valid JSON (${(error as Error).message})`);
    }
    return { name, file, config: parseFunctionConfig(raw, file) };
  });
  checkUniqueHttpPaths(entries);
  return entries;
}

export function cloudbaseRc(functionsRoot = fromRoot('cloudfunctions')) {
  const entries = readFunctionConfigs(functionsRoot);
  return {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    functionRoot: './cloudfunctions',
    functions: entries.map(({ name, config }) => ({
      name,
      handler: HANDLER,
      runtime: RUNTIME,
      timeout: config.timeoutSeconds,
      // installDependency: the platform installs wx-server-sdk from the folder's package.json.
      installDependency: true,
      ignore: CLI_IGNORE,
      ...(config.trigger
        ? { triggers: [{ name: config.trigger.name, type: 'timer', config: config.trigger.cron }] }
        : {}),
    })),
    framework: {
      name: 'shancheng-pintuan',
      plugins: {
        function: {
          use: '@cloudbase/framework-plugin-function',
          inputs: {
            functionRootPath: './cloudfunctions',
            servicePaths: Object.fromEntries(
              entries.flatMap(({ name, config }) => (config.http ? [[name, config.http.path]] : [])),
            ),
          },
        },
      },
    },
  };
}

export const cloudbaseRcText = (functionsRoot?: string) => `${JSON.stringify(cloudbaseRc(functionsRoot), null, 2)}\n`;

if (isMain(import.meta.url)) {
  writeFileSync(fromRoot('cloudbaserc.json'), cloudbaseRcText());
  const rc = cloudbaseRc();
  const routes = Object.keys(rc.framework.plugins.function.inputs.servicePaths).length;
  console.log(`cloudbaserc.json: ${rc.functions.length} functions, ${routes} HTTP routes`);
}
