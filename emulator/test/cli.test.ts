/**
 * The CLI behind `npm start` and `npm run emulator`: flags, the demo seed, persistence and `--fresh`. The demo
 * groups the seed opens through the product's functions are tested in testing/demo-seed.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, spawnCli } from './helpers/cli';

const dataDir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
const FIXTURES = fileURLToPath(new URL('./fixtures/functions', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A start and a stop on the data directory. The fixture functions keep it quick: no demo group is opened. */
async function runOnce(...flags: string[]): Promise<string[]> {
  const cli = await spawnCli([
    '--port',
    '0',
    '--data',
    dataDir,
    '--no-timers',
    '--quiet',
    '--functions',
    FIXTURES,
    ...flags,
  ]);
  const activities = await fetch(`${cli.url}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'database.calculateDocument', collectionName: 'activities' }),
  });
  const { data } = (await activities.json()) as { data: { total: number } };
  cli.child.kill('SIGINT');
  await exited(cli.child);
  expect(cli.child.exitCode).toBe(0);
  return [...cli.lines, `activities=${data.total}`];
}

describe('emulator CLI', () => {
  it('documents every flag in --help and in the README flag table, the same flags in both', () => {
    const help = execFileSync(process.execPath, ['--import', 'tsx', 'emulator/src/cli.ts', '--help'], {
      encoding: 'utf8',
    });
    const helpFlags = new Set(
      help
        .split('\n')
        .map((line) => /^\s+(?:-\w, )?(--[a-z-]+)/.exec(line)?.[1])
        .filter((flag) => flag !== undefined && flag !== '--help'),
    );
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const tableFlags = new Set(
      readme
        .split('\n')
        .map((line) => /^\| `(--[a-z-]+)[^`]*` +\|/.exec(line)?.[1])
        .filter((flag) => flag !== undefined),
    );
    for (const flag of ['--port', '--memory', '--data', '--fresh', '--no-seed', '--no-timers', '--clock-scale']) {
      expect(helpFlags).toContain(flag);
    }
    expect([...tableFlags].sort()).toEqual([...helpFlags].sort());
  });

  it('seeds an empty database, keeps data across restarts, and starts over with --fresh', async () => {
    const first = await runOnce();
    expect(first.find((l) => l.startsWith('# seeded'))).toContain('5 activities');
    expect(first.find((l) => l.startsWith('# seeded'))).toContain('no demo groups (openGroup, payCallback not built');
    expect(first).toContain('activities=5');
    expect(first.filter((l) => l.startsWith('Demo staff: '))).toEqual([
      'Demo staff: ops ops01 / ops01-2026',
      'Demo staff: merchant laomatou / laomatou-2026',
      'Demo staff: merchant fengjie / fengjie-2026',
      'Demo staff: merchant jiangjin / jiangjin-2026',
      'Demo staff: merchant ciqikou / ciqikou-2026',
      'Demo staff: service service01 / service01-2026',
    ]);

    const second = await runOnce();
    expect(second.some((l) => l.startsWith('# kept existing data'))).toBe(true);
    expect(second).toContain('activities=5');

    const fresh = await runOnce('--fresh', '--no-seed');
    expect(fresh).toContain('activities=0');
  });

  it("logs JSON lines after # ready: one per invocation (a refusal says refused), and the functions' console output", async () => {
    const cli = await spawnCli(['--port', '0', '--memory', '--no-timers', '--no-seed', '--functions', FIXTURES]);
    try {
      const ready = cli.lines.length;
      const answer = await fetch(`${cli.url}/fn/chatty`, {
        method: 'POST',
        headers: { 'x-wx-openid': 'o-log' },
        body: '{}',
      });
      expect(await answer.json()).toMatchObject({ ok: false, error: { code: 'NOPE' } });
      const log = () => cli.lines.slice(ready);
      for (let waited = 0; log().length < 5 && waited < 5000; waited += 50) await sleep(50);

      const entries = log().map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries).toHaveLength(5);
      expect(entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ event: 'invocation', fn: 'chatty', message: 'refused NOPE', outcome: 'refused' }),
          { level: 'info', message: 'plain text from a function', fn: 'chatty' },
          { level: 'error', message: 'an error line', fn: 'chatty' },
          { level: 'info', message: 'structured', fn: 'chatty', requestId: 'r-own' },
          { level: 'warn', message: 'structured without fn', fn: 'chatty' },
        ]),
      );
    } finally {
      cli.child.kill('SIGINT');
      await exited(cli.child);
    }
  });
});
