/**
 * searchLeaders through the bundled adminApi in the emulator: registered 团长 by name, mobile start and point,
 * newest approval first, paged, each with the name of the point they run; ops only, bad filters INVALID_ARGUMENT.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { leaderDoc } from '../testing/commissions';
import { act, refusedWith, staffToken } from '../testing/fulfilment';
import { HOUR } from '../testing/group-buy.fixtures';
import { addPoint } from '../testing/leaders';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
let ops: string;
let merchant: string;

interface Rows {
  items: { openid: string; name: string; phone: string; pickupPointId: string; pickupPointName: string }[];
  hasMore: boolean;
}

describe('searchLeaders', () => {
  let point: string;
  beforeAll(async () => {
    [ops, merchant] = await Promise.all([
      staffToken(platform, 'leader-search-ops'),
      staffToken(platform, 'leader-search-merchant', 'm-ls'),
    ]);
    point = await addPoint(platform, 'o-ls-1');
    const now = Date.now();
    await platform.insert('leaders', [
      { ...leaderDoc('o-ls-1', point, now - 3 * HOUR), name: '李秀英', phone: '13912345678' },
      { ...leaderDoc('o-ls-2', 'pp-ls-2', now - HOUR), name: '王建国', phone: '13800001111' },
      { ...leaderDoc('o-ls-3', 'pp-ls-3', now - 2 * HOUR), name: '李大姐', phone: '13700002222' },
    ]);
  });

  const search = (body: Record<string, unknown>) => act<Rows>(platform, 'searchLeaders', body, ops);

  it('lists every leader newest approval first, with their point, a page at a time', async () => {
    const all = await search({});
    expect(all.items.map((l) => l.openid)).toEqual(['o-ls-2', 'o-ls-3', 'o-ls-1']);
    expect(all.hasMore).toBe(false);
    expect(all.items[2]).toEqual({
      openid: 'o-ls-1',
      name: '李秀英',
      phone: '13912345678',
      community: '解放碑社区',
      pickupPointId: point,
      pickupPointName: '南坪便民驿站',
      approvedAt: expect.any(Number),
    });
    // A point that is gone reads as no name.
    expect(all.items[0]?.pickupPointName).toBe('');
    const first = await search({ limit: 2 });
    expect([first.items.map((l) => l.openid), first.hasMore]).toEqual([['o-ls-2', 'o-ls-3'], true]);
    const second = await search({ limit: 2, offset: 2 });
    expect([second.items.map((l) => l.openid), second.hasMore]).toEqual([['o-ls-1'], false]);
  });

  it('filters by any part of the name, the start of the mobile and the point', async () => {
    expect((await search({ name: '李' })).items.map((l) => l.openid)).toEqual(['o-ls-3', 'o-ls-1']);
    expect((await search({ phone: '1380' })).items.map((l) => l.openid)).toEqual(['o-ls-2']);
    expect((await search({ phone: '5678' })).items).toEqual([]);
    expect((await search({ pickupPointId: point })).items.map((l) => l.openid)).toEqual(['o-ls-1']);
    expect((await search({ name: '.*' })).items).toEqual([]);
  });

  it('refuses a bad filter and anyone but ops', async () => {
    expect(await refusedWith(platform, 'searchLeaders', { phone: 'abc' }, ops)).toEqual({
      status: 400,
      code: 'INVALID_ARGUMENT',
    });
    expect(await refusedWith(platform, 'searchLeaders', {}, merchant)).toEqual({ status: 403, code: 'FORBIDDEN' });
  });
});
