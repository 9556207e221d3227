import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sdkError, startWithSdk, type Database, type SdkHarness } from './helpers/sdk';
import { WireRecorder } from './helpers/wire';

const ENV = 'conformance-env';
let h: SdkHarness;
const wire = new WireRecorder();
beforeAll(async () => {
  h = await startWithSdk({ envId: ENV, onRequest: wire.onRequest });
});
afterAll(() => h.emulator.stop());

const ITEMS = [
  {
    _id: 'a',
    name: 'apple',
    price: 5,
    stock: 10,
    cat: 'fruit',
    tags: ['red', 'fruit'],
    nested: { x: 1 },
    scores: [
      { k: 'q', v: 3 },
      { k: 'r', v: 8 },
    ],
  },
  { _id: 'b', name: 'banana', price: 3, stock: 0, cat: 'fruit', tags: ['yellow', 'fruit'] },
  { _id: 'c', name: 'carrot', price: 2, cat: 'veg', tags: ['orange', 'veg'], discontinued: true },
  { _id: 'd', name: 'durian', price: 30, stock: 3, cat: 'fruit', tags: ['fruit'] },
];

describe('queries: every db.command query operator', () => {
  beforeAll(async () => {
    h.emulator.reset();
    await h.db.collection('items').add({ data: ITEMS });
  });

  const ids = async (where: object): Promise<string[]> => {
    const res = await h.db.collection('items').where(where).get();
    return (res.data as { _id: string }[]).map((d) => d._id).sort();
  };

  it.each([
    ['eq', () => ({ cat: h.db.command.eq('veg') }), ['c']],
    ['neq', () => ({ cat: h.db.command.neq('fruit') }), ['c']],
    ['lt', () => ({ price: h.db.command.lt(5) }), ['b', 'c']],
    ['lte', () => ({ price: h.db.command.lte(5) }), ['a', 'b', 'c']],
    ['gt', () => ({ price: h.db.command.gt(5) }), ['d']],
    ['gte', () => ({ price: h.db.command.gte(5) }), ['a', 'd']],
    ['in', () => ({ cat: h.db.command.in(['veg']) }), ['c']],
    ['nin', () => ({ name: h.db.command.nin(['apple', 'banana']) }), ['c', 'd']],
    ['all', () => ({ tags: h.db.command.all(['red', 'fruit']) }), ['a']],
    ['elemMatch', () => ({ scores: h.db.command.elemMatch({ k: 'r', v: h.db.command.gt(5) }) }), ['a']],
    ['exists', () => ({ stock: h.db.command.exists(false) }), ['c']],
    ['size', () => ({ tags: h.db.command.size(1) }), ['d']],
    ['mod', () => ({ price: h.db.command.mod(5, 0) }), ['a', 'd']],
    ['and', () => h.db.command.and([{ price: h.db.command.gt(2) }, { price: h.db.command.lt(10) }]), ['a', 'b']],
    ['and (field)', () => ({ price: h.db.command.gt(2).and(h.db.command.lt(10)) }), ['a', 'b']],
    ['or', () => h.db.command.or([{ cat: 'veg' }, { price: h.db.command.gt(10) }]), ['c', 'd']],
    ['or (field)', () => ({ price: h.db.command.lt(3).or(h.db.command.gt(10)) }), ['c', 'd']],
    ['nor', () => h.db.command.nor([{ cat: 'fruit' }]), ['c']],
    ['not', () => ({ price: h.db.command.not(h.db.command.gt(4)) }), ['b', 'c']],
    [
      'expr',
      () =>
        h.db.command.and([
          { stock: h.db.command.exists(true) },
          h.db.command.expr(h.db.command.aggregate.gt(['$price', '$stock'])),
        ]),
      ['b', 'd'],
    ],
    ['RegExp literal', () => ({ name: /^b/ }), ['b']],
    ['db.RegExp', () => ({ name: h.db.RegExp({ regexp: 'AN', options: 'i' }) }), ['b', 'd']],
    ['nested path', () => ({ 'nested.x': 1 }), ['a']],
    ['nested object (flattened by the SDK)', () => ({ nested: { x: 1 } }), ['a']],
    ['array element', () => ({ tags: 'veg' }), ['c']],
    ['compound index prefix + range', () => ({ cat: 'fruit', price: h.db.command.gte(5) }), ['a', 'd']],
  ] as const)('%s', async (_name, where, expected) => {
    expect(await ids(where())).toEqual(expected);
  });

  it('orderBy, skip, limit and field', async () => {
    const res = await h.db
      .collection('items')
      .where({ cat: 'fruit' })
      .orderBy('price', 'desc')
      .skip(1)
      .limit(2)
      .field({ name: true, price: true })
      .get();
    expect(res.data).toEqual([
      { _id: 'a', name: 'apple', price: 5 },
      { _id: 'b', name: 'banana', price: 3 },
    ]);
  });

  it('orderBy on two fields and exclusion projections', async () => {
    const res = await h.db
      .collection('items')
      .orderBy('cat', 'desc')
      .orderBy('price', 'asc')
      .field({ tags: false, scores: false, nested: false, stock: false, discontinued: false })
      .get();
    expect((res.data as { _id: string }[]).map((d) => d._id)).toEqual(['c', 'b', 'a', 'd']);
    expect(res.data[0]).toEqual({ _id: 'c', name: 'carrot', price: 2, cat: 'veg' });
  });

  it('projection operators slice and elemMatch', async () => {
    const _ = h.db.command;
    const res = await h.db
      .collection('items')
      .doc('a')
      .field({ tags: _.project.slice(1), scores: _.project.elemMatch({ k: 'r' }) })
      .get();
    expect(res.data).toEqual({ _id: 'a', tags: ['red'], scores: [{ k: 'r', v: 8 }] });
  });

  it('count', async () => {
    expect((await h.db.collection('items').where({ cat: 'fruit' }).count()).total).toBe(3);
    expect((await h.db.collection('items').count()).total).toBe(4);
  });

  it('returns insertion order without orderBy, also when an index narrows the candidates', async () => {
    const res = await h.db.collection('items').where({ cat: 'fruit' }).get();
    expect((res.data as { _id: string }[]).map((d) => d._id)).toEqual(['a', 'b', 'd']);
  });
});

describe('elemMatch with field criteria looks at embedded documents only, as MongoDB does (issue 13)', () => {
  beforeAll(async () => {
    h.emulator.reset();
    await h.db.collection('scratch').add({
      data: [
        { _id: 'numbers', tags: [1, 2, 3] },
        { _id: 'strings', tags: ['Go'] },
        { _id: 'documents', tags: [{ value: 1 }, { value: 7 }] },
      ],
    });
  });
  const _ = () => h.db.command;
  const ids = async (where: object): Promise<string[]> =>
    ((await h.db.collection('scratch').where(where).get()).data as { _id: string }[]).map((d) => d._id);

  it.each([
    ['gt', () => _().gt(0), '{"$gt":{"$numberInt":"0"}}'],
    ['exists', () => _().exists(true), '{"$exists":true}'],
    ['mod', () => _().mod([4, 3]), '{"$mod":[{"$numberInt":"4"},{"$numberInt":"3"}]}'],
  ] as const)('elemMatch({ value: %s })', async (_name, criterion, wireCriterion) => {
    expect(await ids({ tags: _().elemMatch({ value: criterion() }) })).toEqual(['documents']);
    expect(wire.last('database.getDocument')).toEqual({
      body: {
        envName: ENV,
        action: 'database.getDocument',
        collectionName: 'scratch',
        queryType: 'WHERE',
        query: `{"tags":{"$elemMatch":{"value":${wireCriterion}}}}`,
        limit: 100,
      },
      response: {
        data: { list: ['{"_id":"documents","tags":[{"value":{"$numberInt":"1"}},{"value":{"$numberInt":"7"}}]}'] },
        requestId: expect.any(String),
      },
    });
  });

  it('elemMatch with value criteria still matches plain elements', async () => {
    expect(await ids({ tags: _().elemMatch(_().gt(2)) })).toEqual(['numbers']);
    expect(await ids({ tags: _().elemMatch(_().eq('Go')) })).toEqual(['strings']);
  });

  it('neighbours: all with elemMatch, the elemMatch projection and pull with field criteria', async () => {
    // (@cloudbase/database 1.4.3 serializes a command nested in all([elemMatch(...)]) as its internal object,
    // so the criterion here is a plain value)
    expect(await ids({ tags: _().all([_().elemMatch({ value: 1 })]) })).toEqual(['documents']);
    const projected = await h.db
      .collection('scratch')
      .where({ _id: _().in(['numbers', 'documents']) })
      .field({ tags: _().project.elemMatch({ value: 1 }) })
      .get();
    // no matching element: MongoDB leaves the field out (mingo left it undefined, which went out as null)
    expect(wire.last('database.getDocument').response['data']).toEqual({
      list: ['{"_id":"numbers"}', '{"_id":"documents","tags":[{"value":{"$numberInt":"1"}}]}'],
    });
    expect(projected.data).toEqual([{ _id: 'numbers' }, { _id: 'documents', tags: [{ value: 1 }] }]);
    await h.db.collection('scratch').add({ data: { _id: 'mixed', tags: [1, { value: 1 }, 'Go', { value: 0 }] } });
    await h.db
      .collection('scratch')
      .doc('mixed')
      .update({ data: { tags: _().pull({ value: _().gt(0) }) } });
    expect((await h.db.collection('scratch').doc('mixed').get()).data.tags).toEqual([1, 'Go', { value: 0 }]);
  });
});

describe('$jsonSchema in where and match, draft 4 with bsonType (issue 13)', () => {
  beforeAll(async () => {
    h.emulator.reset();
    await h.db.collection('scratch').add({
      data: [
        { _id: 'a', name: 'apple', price: 5 },
        { _id: 'b', name: 'banana', price: 3.5 },
        { _id: 'c', name: 'carrot' },
        { _id: 'd', name: 'durian', price: 30 },
      ],
    });
  });
  const _ = () => h.db.command;
  const ids = async (where: object): Promise<string[]> =>
    ((await h.db.collection('scratch').where(where).get()).data as { _id: string }[]).map((d) => d._id);

  it('where(_.jsonSchema(...)) with required, bsonType and minimum', async () => {
    const schema = { required: ['price'], properties: { price: { bsonType: 'int', minimum: 5 } } };
    expect(await ids(_().jsonSchema(schema))).toEqual(['a', 'd']);
    expect(wire.last('database.getDocument').body['query']).toBe(
      '{"$jsonSchema":{"required":["price"],"properties":{"price":{"bsonType":"int","minimum":{"$numberInt":"5"}}}}}',
    );
    // draft 4: exclusiveMinimum is a boolean beside minimum (draft 6 on would refuse the schema)
    expect(await ids(_().jsonSchema({ properties: { price: { minimum: 5, exclusiveMinimum: true } } }))).toEqual([
      'c',
      'd',
    ]);
  });

  it('aggregate().match(_.jsonSchema(...)) with type and pattern', async () => {
    const res = await h.db
      .collection('scratch')
      .aggregate()
      .match(_().jsonSchema({ required: ['name'], properties: { name: { type: 'string', pattern: '^(b|c)' } } }))
      .project({ _id: 1 })
      .end();
    expect(wire.last('database.aggregateDocuments').body['stages']).toContainEqual({
      stageKey: '$match',
      stageValue: '{"$jsonSchema":{"required":["name"],"properties":{"name":{"type":"string","pattern":"^(b|c)"}}}}',
    });
    expect(res.list).toEqual([{ _id: 'b' }, { _id: 'c' }]);
  });

  it('refuses an unknown keyword or BSON type, as MongoDB does', async () => {
    await sdkError(
      h.db
        .collection('scratch')
        .where(_().jsonSchema({ bsonType: 'nope' }))
        .get(),
    );
    expect(wire.last('database.getDocument').response).toEqual({
      code: 'DATABASE_REQUEST_FAILED',
      message: expect.stringMatching(/^\$jsonSchema: .*Unknown type name alias: nope/),
      requestId: expect.any(String),
    });
    await sdkError(
      h.db
        .collection('scratch')
        .where(_().jsonSchema({ properties: { price: { foo: 1 } } }))
        .get(),
    );
    expect(wire.last('database.getDocument').response['message']).toMatch(/^\$jsonSchema: .*unknown keyword: "foo"/);
  });
});

describe('limits', () => {
  beforeAll(() => h.emulator.reset());
  it('returns 100 documents by default and up to 1000 when asked', async () => {
    const docs = Array.from({ length: 1100 }, (_, i) => ({ n: i }));
    for (let i = 0; i < docs.length; i += 500) await h.db.collection('scratch').add({ data: docs.slice(i, i + 500) });
    expect((await h.db.collection('scratch').get()).data).toHaveLength(100);
    expect((await h.db.collection('scratch').limit(1000).get()).data).toHaveLength(1000);
    expect((await h.db.collection('scratch').skip(1050).limit(1000).get()).data).toHaveLength(50);
    expect((await h.db.collection('scratch').count()).total).toBe(1100);
  });
});

describe('updates: every db.command update operator', () => {
  const _ = () => h.db.command;
  beforeEach(async () => {
    h.emulator.reset();
    await h.db.collection('items').add({
      data: {
        _id: 'u',
        n: 10,
        list: ['a', 'b', 'c'],
        nums: [1, 5, 9],
        info: { a: 1, b: 2 },
        old: 'x',
        flags: 5,
        gone: true,
      },
    });
  });
  const after = async (data: object): Promise<Record<string, unknown>> => {
    const res = await h.db.collection('items').doc('u').update({ data });
    expect(res.stats.updated).toBe(1);
    return (await h.db.collection('items').doc('u').get()).data as Record<string, unknown>;
  };

  it('set replaces a sub-document; a plain object merges by path', async () => {
    expect((await after({ info: _().set({ c: 3 }) }))['info']).toEqual({ c: 3 });
    expect((await after({ info: { d: 4 } }))['info']).toEqual({ c: 3, d: 4 });
  });
  it('remove', async () => expect(await after({ gone: _().remove() })).not.toHaveProperty('gone'));
  it('inc', async () => expect((await after({ n: _().inc(-3) }))['n']).toBe(7));
  it('mul', async () => expect((await after({ n: _().mul(3) }))['n']).toBe(30));
  it('max and min', async () => {
    expect((await after({ n: _().max(50) }))['n']).toBe(50);
    expect((await after({ n: _().min(2) }))['n']).toBe(2);
  });
  it('rename', async () => {
    const doc = await after({ old: _().rename('renamed') });
    expect(doc['renamed']).toBe('x');
    expect(doc).not.toHaveProperty('old');
  });
  it('bit', async () => expect((await after({ flags: _().bit({ and: 4 }) }))['flags']).toBe(4));
  it('push with array, position, sort and slice', async () => {
    expect((await after({ list: _().push(['d']) }))['list']).toEqual(['a', 'b', 'c', 'd']);
    expect((await after({ list: _().push({ each: ['z'], position: 0 }) }))['list']).toEqual(['z', 'a', 'b', 'c', 'd']);
    expect((await after({ nums: _().push({ each: [7, 3], sort: 1, slice: 3 }) }))['nums']).toEqual([1, 3, 5]);
  });
  it('pull with a value and with a condition', async () => {
    expect((await after({ list: _().pull('b') }))['list']).toEqual(['a', 'c']);
    expect((await after({ nums: _().pull(_().gt(4)) }))['nums']).toEqual([1]);
  });
  it('pullAll', async () => expect((await after({ list: _().pullAll(['a', 'c']) }))['list']).toEqual(['b']));
  it('pop, shift and unshift', async () => {
    expect((await after({ list: _().pop() }))['list']).toEqual(['a', 'b']);
    expect((await after({ list: _().shift() }))['list']).toEqual(['b']);
    expect((await after({ list: _().unshift(['x', 'y']) }))['list']).toEqual(['x', 'y', 'b']);
  });
  it('addToSet with one value and with each', async () => {
    expect((await after({ list: _().addToSet('d') }))['list']).toEqual(['a', 'b', 'c', 'd']);
    // the SDK passes the operand through as is, so several values take `$each` (as in the WeChat docs)
    expect((await after({ list: _().addToSet({ $each: ['c', 'e'] }) }))['list']).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
  it('reports 0 updated when nothing changes, and for a missing document', async () => {
    expect(
      (
        await h.db
          .collection('items')
          .doc('u')
          .update({ data: { n: 10 } })
      ).stats.updated,
    ).toBe(0);
    expect(
      (
        await h.db
          .collection('items')
          .doc('nope')
          .update({ data: { n: 1 } })
      ).stats.updated,
    ).toBe(0);
  });
  it('updateAndReturn reports updated 1 for a match it left unchanged; plain update reports 0 (issue 13)', async () => {
    const _ = h.db.command;
    // wx-server-sdk 4.0.2 does not wrap updateAndReturn: it is on the @cloudbase/database query it wraps
    const updateAndReturn = (where: object, data: object) =>
      h.db.collection('items').where(where)._query.updateAndReturn(data);
    const unchanged = await updateAndReturn({ _id: 'u' }, { n: _.max(3) });
    expect(wire.last('database.modifyAndReturnDoc')).toEqual({
      body: {
        envName: ENV,
        action: 'database.modifyAndReturnDoc',
        collectionName: 'items',
        queryType: 'WHERE',
        query: '{"_id":"u"}',
        data: '{"$max":{"n":{"$numberInt":"3"}}}',
      },
      response: {
        data: { updated: 1, doc: expect.stringContaining('"n":{"$numberInt":"10"}') },
        requestId: expect.any(String),
      },
    });
    expect(unchanged.updated).toBe(1);
    expect(unchanged.doc).toMatchObject({ _id: 'u', n: 10 });
    const changed = await updateAndReturn({ _id: 'u' }, { n: _.inc(1) });
    expect(changed).toMatchObject({ updated: 1, doc: { _id: 'u', n: 11 } });
    const missing = await updateAndReturn({ _id: 'nope' }, { n: _.inc(1) });
    expect(wire.last('database.modifyAndReturnDoc').response['data']).toEqual({ updated: 0, doc: null });
    expect(missing).toMatchObject({ updated: 0, doc: null });
    // plain update counts the documents it changed (MongoDB's nModified): an unchanged match is 0
    const plain = await h.db
      .collection('items')
      .where({ _id: 'u' })
      .update({ data: { n: _.max(3) } });
    expect(wire.last('database.modifyDocument').response['data']).toEqual({ updated: 0, upsert_id: null });
    expect(plain.stats.updated).toBe(0);
  });
  it('where().update updates every match; multi false only the first', async () => {
    await h.db.collection('items').add({ data: [{ g: 1 }, { g: 1 }, { g: 1 }] });
    expect(
      (
        await h.db
          .collection('items')
          .where({ g: 1 })
          .update({ data: { h: 1 } })
      ).stats.updated,
    ).toBe(3);
    const one = await h.db
      .collection('items')
      .where({ g: 1 })
      .update({ data: { h: 2 }, multi: false } as never);
    expect(one.stats.updated).toBe(1);
  });
  it('doc().set replaces the whole document, and upserts', async () => {
    const replaced = await h.db
      .collection('items')
      .doc('u')
      .set({ data: { only: true } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect((await h.db.collection('items').doc('u').get()).data).toEqual({ _id: 'u', only: true });
    const created = await h.db
      .collection('items')
      .doc('new')
      .set({ data: { fresh: 1 } });
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    expect((await h.db.collection('items').doc('new').get()).data).toEqual({ _id: 'new', fresh: 1 });
  });
  it('where().remove and doc().remove', async () => {
    await h.db.collection('items').add({ data: [{ g: 2 }, { g: 2 }] });
    expect((await h.db.collection('items').where({ g: 2 }).remove()).stats.removed).toBe(2);
    expect((await h.db.collection('items').doc('u').remove()).stats.removed).toBe(1);
    expect((await h.db.collection('items').count()).total).toBe(0);
  });
});

describe('aggregation', () => {
  beforeAll(async () => {
    h.emulator.reset();
    await h.db.collection('users').add({
      data: [
        { _id: 'u1', name: 'Li', city: 'Chongqing' },
        { _id: 'u2', name: 'Wang', city: 'Chengdu' },
      ],
    });
    await h.db.collection('orders').add({
      data: [
        { userId: 'u1', total: 100, items: ['x', 'y'] },
        { userId: 'u1', total: 50, items: ['y'] },
        { userId: 'u2', total: 70, items: ['z'] },
      ],
    });
  });
  const _ = () => h.db.command;

  it('match, group, sort', async () => {
    const res = await h.db
      .collection('orders')
      .aggregate()
      .match({ total: _().gte(60) })
      .group({ _id: '$userId', sum: _().aggregate.sum('$total'), n: _().aggregate.sum(1) })
      .sort({ sum: -1 })
      .end();
    expect(res.list).toEqual([
      { _id: 'u1', sum: 100, n: 1 },
      { _id: 'u2', sum: 70, n: 1 },
    ]);
  });

  it('lookup across collections, unwind, project', async () => {
    const res = await h.db
      .collection('orders')
      .aggregate()
      .lookup({ from: 'users', localField: 'userId', foreignField: '_id', as: 'user' })
      .unwind('$user')
      .unwind('$items')
      .project({ _id: 0, item: '$items', city: '$user.city' })
      .sort({ item: 1, city: 1 })
      .end();
    expect(res.list).toEqual([
      { item: 'x', city: 'Chongqing' },
      { item: 'y', city: 'Chongqing' },
      { item: 'y', city: 'Chongqing' },
      { item: 'z', city: 'Chengdu' },
    ]);
  });

  it('addFields, replaceRoot, skip, limit, count, sortByCount, bucket, sample', async () => {
    const orders = () => h.db.collection('orders').aggregate();
    const doubled = await orders()
      .addFields({ double: _().aggregate.multiply(['$total', 2]) })
      .sort({ total: 1 })
      .skip(1)
      .limit(1)
      .replaceRoot({ newRoot: { d: '$double' } })
      .end();
    expect(doubled.list).toEqual([{ d: 140 }]);
    expect((await orders().count('n').end()).list).toEqual([{ n: 3 }]);
    expect((await orders().sortByCount('$userId').end()).list).toEqual([
      { _id: 'u1', count: 2 },
      { _id: 'u2', count: 1 },
    ]);
    const buckets = await orders()
      .bucket({ groupBy: '$total', boundaries: [0, 60, 200], output: { n: _().aggregate.sum(1) } })
      .end();
    expect(buckets.list).toEqual([
      { _id: 0, n: 1 },
      { _id: 60, n: 2 },
    ]);
    expect((await orders().sample({ size: 2 }).end()).list).toHaveLength(2);
  });

  it('bucketAuto and lookup with let and a sub-pipeline', async () => {
    const $ = _().aggregate;
    const auto = await h.db.collection('orders').aggregate().bucketAuto({ groupBy: '$total', buckets: 2 }).end();
    expect(auto.list).toEqual([
      { _id: { min: 50, max: 100 }, count: 2 },
      { _id: { min: 100, max: 100 }, count: 1 },
    ]);
    const joined = await h.db
      .collection('orders')
      .aggregate()
      .match({ total: 70 })
      .lookup({
        from: 'users',
        let: { uid: '$userId' },
        pipeline: $.pipeline()
          .match(_().expr($.eq(['$_id', '$$uid'])))
          .project({ _id: 0, city: 1 })
          .done(),
        as: 'user',
      })
      .project({ _id: 0, user: 1 })
      .end();
    expect(joined.list).toEqual([{ user: [{ city: 'Chengdu' }] }]);
  });
});

describe('aggregation string operators, as MongoDB (issue 13)', () => {
  beforeAll(async () => {
    h.emulator.reset();
    await h.db.collection('scratch').add({ data: { _id: 's', name: '山城拼团 group', n: 2019 } });
  });
  const $ = () => h.db.command.aggregate;
  const project = async (fields: object): Promise<unknown> =>
    (await h.db.collection('scratch').aggregate().project(fields).end()).list[0];
  /** The documents of the last aggregate answer, as canonical EJSON objects (field order aside). */
  const answered = (): unknown[] =>
    (wire.last('database.aggregateDocuments').response['data'] as { list: string[] }).list.map(
      (doc) => JSON.parse(doc) as unknown,
    );

  it('substr and substrBytes: a negative length takes the rest of the string; numbers are taken as text', async () => {
    const out = await project({
      _id: 0,
      rest: $().substr(['$name', 6, -1]),
      restBytes: $().substrBytes(['$name', 12, -1]),
      head: $().substrBytes(['$name', 0, 6]),
      year: $().substr(['$n', 2, 2]),
    });
    expect(wire.last('database.aggregateDocuments').body['stages']).toEqual([
      {
        stageKey: '$project',
        stageValue:
          '{"_id":{"$numberInt":"0"},"rest":{"$substr":["$name",{"$numberInt":"6"},{"$numberInt":"-1"}]},' +
          '"restBytes":{"$substrBytes":["$name",{"$numberInt":"12"},{"$numberInt":"-1"}]},' +
          '"head":{"$substrBytes":["$name",{"$numberInt":"0"},{"$numberInt":"6"}]},' +
          '"year":{"$substr":["$n",{"$numberInt":"2"},{"$numberInt":"2"}]}}',
      },
    ]);
    expect(answered()).toEqual([{ rest: '拼团 group', restBytes: ' group', head: '山城', year: '19' }]);
    expect(out).toEqual({ rest: '拼团 group', restBytes: ' group', head: '山城', year: '19' });
  });

  it('indexOfCP counts code points and indexOfBytes UTF-8 bytes', async () => {
    const out = await project({
      _id: 0,
      cp: $().indexOfCP(['$name', '团']),
      cpFrom: $().indexOfCP(['$name', 'o', 7]),
      cpMissing: $().indexOfCP(['$name', '团', 0, 3]),
      bytes: $().indexOfBytes(['$name', '团']),
      bytesFrom: $().indexOfBytes(['$name', 'g', 12, 14]),
      none: $().indexOfCP(['$missing', 'x']),
    });
    const int = (n: number) => ({ $numberInt: String(n) });
    expect(answered()).toEqual([
      { cp: int(3), cpFrom: int(7), cpMissing: int(-1), bytes: int(9), bytesFrom: int(13), none: null },
    ]);
    expect(out).toEqual({ cp: 3, cpFrom: 7, cpMissing: -1, bytes: 9, bytesFrom: 13, none: null });
  });

  it('an unknown operator is reported as an unknown operator', async () => {
    const err = await sdkError(
      h.db
        .collection('scratch')
        .aggregate()
        .project({ x: { $noSuchOperator: ['$name'] } })
        .end(),
    );
    expect(wire.last('database.aggregateDocuments').response).toEqual({
      code: 'DATABASE_INVALID_OPERRATOR',
      message: 'unknown operator $noSuchOperator',
      requestId: expect.any(String),
    });
    // wx-server-sdk maps no numeric code for aggregate failures
    expect(err).toEqual({ errCode: -1, errMsg: 'collection.aggregate:fail unknown operator $noSuchOperator' });
  });
});

describe('aggregation date operators, as MongoDB (issue 13)', () => {
  // each checked against C strftime's %U/%V/%G/%w/%u/%j for every day from 1990 to 2040 when written
  const DAYS = [
    ['2019-05-14T12:00:00Z', { week: 19, isoWeek: 20, isoWeekYear: 2019, dayOfWeek: 3 }],
    ['2019-01-05T12:00:00Z', { week: 0, isoWeek: 1, isoWeekYear: 2019, dayOfWeek: 7 }],
    ['2019-01-06T12:00:00Z', { week: 1, isoWeek: 1, isoWeekYear: 2019, dayOfWeek: 1 }],
    ['2016-01-03T12:00:00Z', { week: 1, isoWeek: 53, isoWeekYear: 2015, dayOfWeek: 1 }],
    ['2019-12-30T12:00:00Z', { week: 52, isoWeek: 1, isoWeekYear: 2020, dayOfWeek: 2 }],
    ['2023-01-01T12:00:00Z', { week: 1, isoWeek: 52, isoWeekYear: 2022, dayOfWeek: 1 }],
  ] as const;
  beforeAll(async () => {
    h.emulator.reset();
    await h.db.collection('scratch').add({ data: DAYS.map(([at], i) => ({ i, at: new Date(at) })) });
  });
  const $ = () => h.db.command.aggregate;

  it('week (Sunday-start, week 0 before the first Sunday), isoWeek, isoWeekYear, dayOfWeek', async () => {
    const res = await h.db
      .collection('scratch')
      .aggregate()
      .sort({ i: 1 })
      .project({
        _id: 0,
        week: $().week('$at'),
        isoWeek: $().isoWeek('$at'),
        isoWeekYear: $().isoWeekYear('$at'),
        dayOfWeek: $().dayOfWeek('$at'),
      })
      .end();
    expect(wire.last('database.aggregateDocuments').body['stages']).toEqual([
      { stageKey: '$sort', stageValue: '{"i":{"$numberInt":"1"}}' },
      {
        stageKey: '$project',
        stageValue:
          '{"_id":{"$numberInt":"0"},"week":{"$week":"$at"},"isoWeek":{"$isoWeek":"$at"},' +
          '"isoWeekYear":{"$isoWeekYear":"$at"},"dayOfWeek":{"$dayOfWeek":"$at"}}',
      },
    ]);
    expect(res.list).toEqual(DAYS.map(([, parts]) => parts));
  });

  it('dateToString and the date parts in a timezone (Olson name or offset); null for a missing date', async () => {
    await h.db.collection('scratch').add({ data: { i: 99, at: new Date('2019-05-14T20:30:00.123Z') } });
    const res = await h.db
      .collection('scratch')
      .aggregate()
      .match({ i: 99 })
      .project({
        _id: 0,
        shanghai: $().dateToString({
          date: '$at',
          format: '%Y-%m-%d %H:%M:%S.%L %w %u %U %V %G %j %z %Z %%',
          timezone: 'Asia/Shanghai',
        }),
        offset: $().dateToString({ date: '$at', format: '%H:%M %z %Z', timezone: '-04:30' }),
        plain: $().dateToString({ date: '$at' }),
        onNull: $().dateToString({ date: '$missing', onNull: 'none' }),
        dayOfWeek: $().dayOfWeek({ date: '$at', timezone: 'Asia/Shanghai' }),
        week: $().week({ date: '$at', timezone: '+08:00' }),
        hour: $().hour({ date: '$at', timezone: 'America/Argentina/Buenos_Aires' }),
        year: $().year('$missing'),
      })
      .end();
    expect(wire.last('database.aggregateDocuments').body['stages']).toContainEqual({
      stageKey: '$project',
      stageValue: expect.stringContaining(
        '"shanghai":{"$dateToString":{"date":"$at","format":"%Y-%m-%d %H:%M:%S.%L %w %u %U %V %G %j %z %Z %%","timezone":"Asia/Shanghai"}}',
      ),
    });
    expect(res.list).toEqual([
      {
        shanghai: '2019-05-15 04:30:00.123 4 3 19 20 2019 135 +0800 +480 %',
        offset: '16:00 -0430 -270',
        plain: '2019-05-14T20:30:00.123Z',
        onNull: 'none',
        dayOfWeek: 4,
        week: 19,
        hour: 17,
        year: null,
      },
    ]);
  });
});

describe('data types and server time', () => {
  beforeAll(() => h.emulator.reset());

  it('serverDate resolves to server time plus offset, in documents, updates and queries', async () => {
    const before = Date.now();
    const { _id } = await h.db
      .collection('scratch')
      .add({ data: { at: h.db.serverDate(), later: h.db.serverDate({ offset: 60_000 }) } });
    const doc = (
      await h.db
        .collection('scratch')
        .doc(_id as string)
        .get()
    ).data as { at: Date; later: Date };
    expect(doc.at).toBeInstanceOf(Date);
    expect(doc.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(doc.at.getTime()).toBeLessThanOrEqual(Date.now());
    expect(doc.later.getTime() - doc.at.getTime()).toBe(60_000);
    await h.db
      .collection('scratch')
      .doc(_id as string)
      .update({ data: { touched: h.db.serverDate() } });
    const past = await h.db
      .collection('scratch')
      .where({ later: h.db.command.gt(h.db.serverDate()) })
      .count();
    expect(past.total).toBe(1);
  });

  it('Date, RegExp, Geo.Point, nested arrays and numbers round-trip', async () => {
    const when = new Date('2026-01-02T03:04:05.678Z');
    const data = {
      when,
      point: h.db.Geo.Point(106.55, 29.56),
      re: /gr(ou)p/i,
      nested: { list: [1, 2.5, -3, { deep: [when] }] },
      big: 2 ** 40,
      flag: false,
      none: null,
    };
    const { _id } = await h.db.collection('scratch').add({ data });
    const doc = (
      await h.db
        .collection('scratch')
        .doc(_id as string)
        .get()
    ).data as Record<string, unknown>;
    expect(doc['when']).toEqual(when);
    expect(doc['point']).toEqual(h.db.Geo.Point(106.55, 29.56));
    expect(doc['re']).toEqual({ pattern: 'gr(ou)p', options: 'i' });
    expect(doc['nested']).toEqual({ list: [1, 2.5, -3, { deep: [when] }] });
    expect(doc['big']).toBe(2 ** 40);
    expect(doc['flag']).toBe(false);
    expect(doc['none']).toBeNull();
    expect((await h.db.collection('scratch').where({ when }).count()).total).toBe(1);
  });
});

describe('ObjectId values (issue 13)', () => {
  beforeAll(() => h.emulator.reset());
  // wx-server-sdk 4.0.2 does not re-export ObjectId: it is on the @cloudbase/database instance it wraps
  const objectId = (id: string): unknown => h.db._db.ObjectId({ id });
  const HEX = '5f1e2d3c4b5a69788796a5b4';
  const ID_HEX = '65a1b2c3d4e5f60718293a4b';

  it('come back as the 24-character hex string the SDK expects', async () => {
    const { _id } = await h.db.collection('scratch').add({ data: { a: objectId(HEX), list: [objectId(HEX)] } });
    expect(wire.last('database.insertDocument').body['data']).toEqual([
      `{"a":{"$oid":"${HEX}"},"list":[{"$oid":"${HEX}"}]}`,
    ]);
    const doc = (
      await h.db
        .collection('scratch')
        .doc(_id as string)
        .get()
    ).data;
    expect(wire.last('database.getDocument').response['data']).toEqual({
      list: [`{"_id":"${_id as string}","a":"${HEX}","list":["${HEX}"]}`],
    });
    expect(doc).toEqual({ _id, a: HEX, list: [HEX] });
    // stored as an ObjectId: a query by ObjectId finds it, one by the plain string does not
    expect(
      (
        await h.db
          .collection('scratch')
          .where({ a: objectId(HEX) })
          .count()
      ).total,
    ).toBe(1);
    expect((await h.db.collection('scratch').where({ a: HEX }).count()).total).toBe(0);
  });

  it('doc(hex) reads, updates and removes a document whose _id is an ObjectId', async () => {
    const added = await h.db.collection('scratch').add({ data: { _id: objectId(ID_HEX), n: 1 } });
    expect(wire.last('database.insertDocument').response['data']).toEqual({ insertedIds: [ID_HEX] });
    expect(added._id).toBe(ID_HEX);
    const got = await h.db.collection('scratch').doc(ID_HEX).get();
    expect(wire.last('database.getDocument')).toEqual({
      body: {
        envName: ENV,
        action: 'database.getDocument',
        collectionName: 'scratch',
        queryType: 'DOC',
        query: `{"_id":"${ID_HEX}"}`,
        multi: false,
      },
      response: { data: { list: [`{"_id":"${ID_HEX}","n":{"$numberInt":"1"}}`] }, requestId: expect.any(String) },
    });
    expect(got.data).toEqual({ _id: ID_HEX, n: 1 });
    const updated = await h.db
      .collection('scratch')
      .doc(ID_HEX)
      .update({ data: { n: h.db.command.inc(1) } });
    expect(updated.stats.updated).toBe(1);
    expect(
      (
        await h.db
          .collection('scratch')
          .where({ _id: objectId(ID_HEX), n: 2 })
          .count()
      ).total,
    ).toBe(1);
    expect((await h.db.collection('scratch').doc(ID_HEX).remove()).stats.removed).toBe(1);
    expect(
      (
        await h.db
          .collection('scratch')
          .where({ _id: objectId(ID_HEX) })
          .count()
      ).total,
    ).toBe(0);
  });
});

describe('geo', () => {
  // Jiefangbei (解放碑), Chaotianmen (朝天门, ~1.4 km), Guanyinqiao (观音桥, ~5 km), Shapingba (沙坪坝, ~12 km)
  const PLACES = [
    { _id: 'jfb', location: [106.5775, 29.5577] },
    { _id: 'ctm', location: [106.5861, 29.5676] },
    { _id: 'gyq', location: [106.5306, 29.5788] },
    { _id: 'spb', location: [106.4565, 29.5411] },
  ];
  beforeAll(async () => {
    h.emulator.reset();
    await h.db.collection('places').add({
      data: PLACES.map((p) => ({
        _id: p._id,
        location: h.db.Geo.Point(p.location[0] as number, p.location[1] as number),
      })),
    });
  });
  const here = () => h.db.Geo.Point(106.5775, 29.5577);
  const idsOf = (res: { data: unknown[] }): string[] => (res.data as { _id: string }[]).map((d) => d._id);

  it('geoNear sorts by distance and honours max and min distance', async () => {
    const _ = h.db.command;
    const all = await h.db
      .collection('places')
      .where({ location: _.geoNear({ geometry: here() }) })
      .get();
    expect(idsOf(all)).toEqual(['jfb', 'ctm', 'gyq', 'spb']);
    const ring = await h.db
      .collection('places')
      .where({ location: _.geoNear({ geometry: here(), minDistance: 100, maxDistance: 6000 }) })
      .get();
    expect(idsOf(ring)).toEqual(['ctm', 'gyq']);
  });

  it('geoWithin a polygon and a centerSphere, geoIntersects a polygon', async () => {
    const _ = h.db.command;
    const { Point, LineString, Polygon } = h.db.Geo;
    const ring = [
      Point(106.5, 29.55),
      Point(106.6, 29.55),
      Point(106.6, 29.6),
      Point(106.5, 29.6),
      Point(106.5, 29.55),
    ];
    const polygon = Polygon([LineString(ring)]);
    const inPolygon = await h.db
      .collection('places')
      .where({ location: _.geoWithin({ geometry: polygon }) })
      .get();
    expect(idsOf(inPolygon).sort()).toEqual(['ctm', 'gyq', 'jfb']);
    const circle = await h.db
      .collection('places')
      .where({ location: _.geoWithin({ centerSphere: [[106.5775, 29.5577], 2000 / 6378100] }) })
      .get();
    expect(idsOf(circle).sort()).toEqual(['ctm', 'jfb']);
    const crossing = await h.db
      .collection('places')
      .where({ location: _.geoIntersects({ geometry: polygon }) })
      .count();
    expect(crossing.total).toBe(3);
  });

  it('aggregate geoNear adds the distance', async () => {
    const res = await h.db
      .collection('places')
      .aggregate()
      .geoNear({ near: here(), spherical: true, distanceField: 'dist', maxDistance: 6000 })
      .project({ dist: 1 })
      .end();
    const list = res.list as { _id: string; dist: number }[];
    expect(list.map((d) => d._id)).toEqual(['jfb', 'ctm', 'gyq']);
    expect(list[0]?.dist).toBe(0);
    expect(list[1]?.dist).toBeGreaterThan(1000);
    expect(list[1]?.dist).toBeLessThan(1500);
  });

  it("distances are MongoDB's to the last bit: atan2(|a × b|, a · b) × 6378100 m, as S2 computes (issue 13)", async () => {
    // each the value of MongoDB's S2 code (a C program with the same operations under glibc 2.36 gave the same
    // bits); haversine gives 1381.281361010671 and 5112.443097896766 for the second and third
    const S2 = [0, 1381.2813610116864, 5112.443097896289, 11862.415850343525];
    const res = await h.db
      .collection('places')
      .aggregate()
      .geoNear({ near: here(), spherical: true, distanceField: 'dist' })
      .project({ dist: 1 })
      .end();
    expect(wire.last('database.aggregateDocuments').body['stages']).toEqual([
      {
        stageKey: '$geoNear',
        stageValue:
          '{"near":{"type":"Point","coordinates":[{"$numberDouble":"106.5775"},{"$numberDouble":"29.5577"}]},' +
          '"spherical":true,"distanceField":"dist"}',
      },
      { stageKey: '$project', stageValue: '{"dist":{"$numberInt":"1"}}' },
    ]);
    // on the wire, each double with its shortest round-trip digits (0 goes out as an int: see the README)
    const answered = (wire.last('database.aggregateDocuments').response['data'] as { list: string[] }).list;
    expect(answered.map((doc) => JSON.parse(doc) as unknown)).toEqual([
      { _id: 'jfb', dist: { $numberInt: '0' } },
      { _id: 'ctm', dist: { $numberDouble: '1381.2813610116864' } },
      { _id: 'gyq', dist: { $numberDouble: '5112.443097896289' } },
      { _id: 'spb', dist: { $numberDouble: '11862.415850343525' } },
    ]);
    expect((res.list as { dist: number }[]).map((d) => d.dist)).toEqual(S2);
    // a maxDistance of exactly the second distance keeps that place, and the query operator agrees
    const within = await h.db
      .collection('places')
      .where({ location: h.db.command.geoNear({ geometry: here(), maxDistance: S2[1] }) })
      .get();
    expect(idsOf(within)).toEqual(['jfb', 'ctm']);
  });

  it('geoNear needs a 2dsphere index, as on CloudBase', async () => {
    await h.db.collection('scratch').add({ data: { location: here() } });
    const err = await sdkError(
      h.db
        .collection('scratch')
        .where({ location: h.db.command.geoNear({ geometry: here() }) })
        .get(),
    );
    expect(err.errMsg).toMatch(/unable to find index for \$geoNear query/);
  });
});

describe('doc().get on a missing document', () => {
  it('throws under throwOnNotFound true (the default)', async () => {
    const err = await sdkError(h.db.collection('items').doc('missing').get());
    expect(err.errMsg).toMatch(/document with _id missing does not exist/);
  });

  it('answers data null under throwOnNotFound false', async () => {
    const db: Database = h.cloud.database({ throwOnNotFound: false } as never);
    expect((await db.collection('items').doc('missing').get()).data).toBeNull();
  });
});

describe('errors', () => {
  it('missing collection', async () => {
    const err = await sdkError(h.db.collection('no_such').where({}).get());
    expect(err.errCode).toBe(-502005);
    expect(err.errMsg).toMatch(/DATABASE_COLLECTION_NOT_EXIST|Db or Table not exist/);
  });

  it('createCollection makes a collection usable; creating it twice fails', async () => {
    await h.db.createCollection('created_later');
    await h.db.collection('created_later').add({ data: { ok: 1 } });
    expect((await h.db.collection('created_later').count()).total).toBe(1);
    await expect(h.db.createCollection('created_later')).rejects.toBeTruthy();
  });

  it('duplicate _id, also inside one batch, inserts nothing', async () => {
    await h.db.collection('scratch').add({ data: { _id: 'dup' } });
    const err = await sdkError(h.db.collection('scratch').add({ data: { _id: 'dup' } }));
    expect(err.errCode).toBe(-502001);
    expect(err.errMsg).toMatch(/E11000 duplicate key error .* index: _id_/);
    await sdkError(h.db.collection('scratch').add({ data: [{ _id: 'd1' }, { _id: 'd1' }] }));
    expect((await h.db.collection('scratch').where({ _id: 'd1' }).count()).total).toBe(0);
  });

  it('unique index: inserts and updates that would duplicate a key fail', async () => {
    await h.db.collection('products').add({ data: { sku: 'U1' } });
    const err = await sdkError(h.db.collection('products').add({ data: { sku: 'U1' } }));
    expect(err.errMsg).toMatch(
      /E11000 duplicate key error collection: products index: sku_unique dup key: \{ sku: "U1" \}/,
    );
    const { _id } = await h.db.collection('products').add({ data: { sku: 'U2' } });
    await sdkError(
      h.db
        .collection('products')
        .doc(_id as string)
        .update({ data: { sku: 'U1' } }),
    );
    expect((await h.db.collection('products').where({ sku: 'U1' }).count()).total).toBe(1);
  });

  it('unique index: like MongoDB, a missing field counts as null, so only one document may lack it', async () => {
    await h.db.collection('products').add({ data: { name: 'no sku' } });
    const err = await sdkError(h.db.collection('products').add({ data: { name: 'no sku either' } }));
    expect(err.errMsg).toMatch(/index: sku_unique dup key: \{ sku: null \}/);
  });

  it('invalid query and update operators', async () => {
    const query = await sdkError(
      h.db
        .collection('items')
        .where({ price: { $foo: 1 } })
        .get(),
    );
    expect(query.errCode).toBe(-502002);
    expect(query.errMsg).toMatch(/unknown query operator \$foo/);
    const update = await sdkError(
      h.db
        .collection('items')
        .where({})
        .update({ data: { $foo: { a: 1 } } }),
    );
    expect(update.errCode).toBe(-502002);
  });
});
