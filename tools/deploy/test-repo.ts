/** A small repository on disk for the deploy tests: two functions, two collections, a built console. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestRepo {
  readonly root: string;
  write(path: string, content: string): void;
  remove(path: string): void;
  dispose(): void;
}

export function createTestRepo(): TestRepo {
  const root = mkdtempSync(join(tmpdir(), 'deploy-repo-'));
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const pkg = (name: string) => JSON.stringify({ name, main: 'index.js', dependencies: { 'wx-server-sdk': '4.0.2' } });

  write('cloudfunctions/adminApi/index.js', 'exports.main = async () => ({ statusCode: 200 });\n');
  write('cloudfunctions/adminApi/package.json', pkg('adminApi'));
  write('cloudfunctions/adminApi/config.json', JSON.stringify({ timeout: 10, http: { path: '/admin-api' } }));
  write('cloudfunctions/adminApi/src/index.ts', '// the source: never uploaded\n');
  write('cloudfunctions/adminApi/admin-api.test.ts', '// a test: never uploaded\n');

  write('cloudfunctions/expireGroups/index.js', 'exports.main = async () => ({ scanned: 0 });\n');
  write('cloudfunctions/expireGroups/package.json', pkg('expireGroups'));
  write(
    'cloudfunctions/expireGroups/config.json',
    JSON.stringify({
      timeout: 20,
      permissions: { openapi: ['subscribeMessage.send'] },
      triggers: [{ name: 'everyMinute', type: 'timer', config: '0 * * * * * *' }],
    }),
  );

  write(
    'shared/src/server/cloudbase/indexes.json',
    JSON.stringify({
      collections: {
        groups: {
          indexes: [
            {
              name: 'status_deadlineAt',
              keys: [
                { field: 'status', direction: 1 },
                { field: 'deadlineAt', direction: 1 },
              ],
            },
            { name: 'location_2dsphere', keys: [{ field: 'location', direction: '2dsphere' }] },
          ],
        },
        payments: {
          indexes: [{ name: 'transactionId_unique', keys: [{ field: 'transactionId', direction: -1 }], unique: true }],
        },
      },
    }),
  );

  write('admin/dist/index.html', '<!doctype html><div id="app"></div>\n');
  write('admin/dist/assets/index-abc123.js', 'console.log("console");\n');

  return {
    root,
    write,
    remove: (path) => rmSync(join(root, path), { recursive: true, force: true }),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
