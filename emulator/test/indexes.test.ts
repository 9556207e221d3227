import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index';
import { startWithSdk, type SdkHarness } from './helpers/sdk';

let h: SdkHarness;
const engineMs = new Map<string, number[]>();
let label = '';
beforeAll(async () => {
  h = await startWithSdk({
    onRequest: (r) => {
      if (label) engineMs.set(label, [...(engineMs.get(label) ?? []), r.engineMs]);
    },
  });
});
afterAll(() => h.emulator.stop());

const ids = async (where: object): Promise<string[]> =>
  ((await h.db.collection('items').where(where).limit(1000).get()).data as { _id: string }[]).map((d) => d._id).sort();

describe('indexes stay correct as documents change', () => {
  beforeAll(async () => {
    h.emulator.reset();
    await h.db.collection('items').add({
      data: [
        { _id: 'p1', cat: 'a', price: 1 },
        { _id: 'p2', cat: 'a', price: 5 },
        { _id: 'p3', cat: 'b', price: 5 },
        { _id: 'p4', cat: ['a', 'b'], price: [2, 9] },
      ],
    });
  });

  it('equality, prefix range, $in and $or use the compound index and agree with a scan', async () => {
    const _ = h.db.command;
    expect(await ids({ cat: 'a' })).toEqual(['p1', 'p2', 'p4']);
    expect(await ids({ cat: 'a', price: _.gt(1).and(_.lte(5)) })).toEqual(['p2', 'p4']);
    expect(await ids({ cat: _.in(['b']), price: _.gte(5) })).toEqual(['p3', 'p4']);
    expect(await ids(_.or([{ cat: 'b' }, { _id: 'p1' }]))).toEqual(['p1', 'p3', 'p4']);
    // multikey: different elements may satisfy each bound
    expect(await ids({ cat: 'b', price: _.gt(5).and(_.lt(3)) })).toEqual(['p4']);
  });

  it('follows updates and removals of indexed fields', async () => {
    await h.db
      .collection('items')
      .doc('p1')
      .update({ data: { cat: 'c' } });
    await h.db.collection('items').doc('p2').remove();
    expect(await ids({ cat: 'a' })).toEqual(['p4']);
    expect(await ids({ cat: 'c' })).toEqual(['p1']);
  });
});

describe('an indexed query does not scan the collection', () => {
  it('is far cheaper inside the engine than the same query on an unindexed field', async () => {
    h.emulator.reset();
    const docs = Array.from({ length: 20_000 }, (_unused, i) => ({
      cat: `c${i % 2000}`,
      plain: `c${i % 2000}`,
      price: i,
    }));
    for (let i = 0; i < docs.length; i += 1000) await h.db.collection('items').add({ data: docs.slice(i, i + 1000) });
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    for (const [name, where] of [
      ['indexed', { cat: 'c77' }],
      ['unindexed', { plain: 'c77' }],
    ] as const) {
      label = name;
      for (let i = 0; i < 15; i++) expect((await h.db.collection('items').where(where).get()).data).toHaveLength(10);
    }
    label = '';
    const indexed = median(engineMs.get('indexed') ?? []);
    const unindexed = median(engineMs.get('unindexed') ?? []);
    expect(indexed * 10).toBeLessThan(unindexed);
  });
});

describe('index declarations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-indexes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['not JSON', '{'],
    ['no collections', '{}'],
    ['bad direction', '{"collections":{"c":{"indexes":[{"name":"i","keys":[{"field":"f","direction":2}]}]}}}'],
    [
      'unique geo',
      '{"collections":{"c":{"indexes":[{"name":"g","keys":[{"field":"f","direction":"2dsphere"}],"unique":true}]}}}',
    ],
    [
      'duplicate names',
      '{"collections":{"c":{"indexes":[{"name":"i","keys":[{"field":"a","direction":1}]},{"name":"i","keys":[{"field":"b","direction":1}]}]}}}',
    ],
  ])('a malformed file (%s) stops the emulator from starting', async (_name, text) => {
    const file = join(dir, 'indexes.json');
    writeFileSync(file, text);
    await expect(startEmulator({ port: 0, memory: true, indexesFile: file })).rejects.toThrow(file);
  });
});
