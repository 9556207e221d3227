import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropStamp, filesUnder, stampHolds, writeStamp } from './build-stamp';

describe('build stamps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'build-stamp-'));
  const name = `test-${process.pid}`;
  afterAll(() => {
    dropStamp(name);
    rmSync(dir, { recursive: true, force: true });
  });
  const input = join(dir, 'input.ts');
  const out = join(dir, 'out');

  it('hold while the key, every file recorded and the set of files are the same', () => {
    writeFileSync(input, 'a');
    mkdirSync(join(out, 'nested'), { recursive: true });
    writeFileSync(join(out, 'nested', 'one.js'), '1');
    expect(stampHolds(name, 'k', [input])).toBe(false); // never built
    writeStamp(name, 'k', [input, ...filesUnder(out)]);
    expect(stampHolds(name, 'k', [input, ...filesUnder(out)])).toBe(true);
    expect(stampHolds(name, 'other key', [input])).toBe(false);

    writeFileSync(input, 'b');
    expect(stampHolds(name, 'k', [input])).toBe(false); // an input changed
    writeFileSync(input, 'a');
    expect(stampHolds(name, 'k', [input])).toBe(true); // the same content again: mtimes do not matter

    writeFileSync(join(out, 'two.js'), '2');
    expect(stampHolds(name, 'k', [input, ...filesUnder(out)])).toBe(false); // a file the step did not write
    rmSync(join(out, 'two.js'));
    rmSync(join(out, 'nested', 'one.js'));
    expect(stampHolds(name, 'k', [input, ...filesUnder(out)])).toBe(false); // an output is gone

    dropStamp(name);
    expect(stampHolds(name, 'k', [])).toBe(false);
  });
});
