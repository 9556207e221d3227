/**
 * `npm run cloudbaserc`: writes `cloudbaserc.json`, the CloudBase CLI's deploy configuration
 * (`tcb fn deploy`, `tcb fn trigger create`), from each function's `config.json`. config.json stays the one
 * source: devtools uploads it as it is (it alone carries the openapi permissions), the emulator runs the
 * functions by it, and this file is derived from it with the emulator's own parser. A test fails when the
 * committed cloudbaserc.json no longer matches.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFunctionConfig } from './function-config';
import { functionFolders } from './build-cloudfunctions';
import { fromRoot, isMain } from './paths';

/** The bundles target node18 (build-cloudfunctions.ts). */
export const RUNTIME = 'Nodejs18.15';

export function cloudbaseRc(functionsRoot = fromRoot('cloudfunctions')) {
  return {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    functionRoot: './cloudfunctions',
    functions: functionFolders(functionsRoot).map((name) => {
      const file = join(functionsRoot, name, 'config.json');
      const config = parseFunctionConfig(existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}, file);
      return {
        name,
        handler: 'index.main',
        // installDependency: the platform installs wx-server-sdk from the folder's package.json.
        config: { timeout: config.timeoutSeconds, runtime: RUNTIME, installDependency: true },
        ...(config.trigger
          ? { triggers: [{ name: config.trigger.name, type: 'timer', config: config.trigger.cron }] }
          : {}),
      };
    }),
  };
}

export const cloudbaseRcText = (functionsRoot?: string) => `${JSON.stringify(cloudbaseRc(functionsRoot), null, 2)}\n`;

if (isMain(import.meta.url)) {
  writeFileSync(fromRoot('cloudbaserc.json'), cloudbaseRcText());
  console.log(`cloudbaserc.json: ${cloudbaseRc().functions.length} functions`);
}
