/**
 * The 拼团活动 page's reads through the bundled adminApi in the emulator: searchActivities (by phase and
 * title, newest first, a merchant's own only), getActivityRules, listSkuChoices, listPickupPointChoices (the
 * active points a 社区团 may name) and previewActivity (the
 * shopper's card and detail, drafts included), each for ops, its merchant, another merchant and service.
 */
import { describe, expect, it } from 'vitest';
import { create, HOUR, ok, outcome, published, seedSku, signInStaff } from '../testing/activities';
import { addPoint } from '../testing/leaders';
import { adminCall } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

interface Rows {
  items: { activityId: string; merchantId: string; phase: string; title: string; stockLeft: number }[];
  hasMore: boolean;
}

describe('the 拼团活动 reads', () => {
  it('searchActivities lists by phase and title, newest first, each merchant its own', async () => {
    const staff = await signInStaff(platform, 'r1');
    const a = await seedSku(platform, 'm-a', 100);
    const b = await seedSku(platform, 'm-b', 100);
    const draftA = await create(platform, staff.merchantA, a.skuId, { title: '磁器口麻花 草稿团' });
    const sellingA = (await published(platform, staff.merchantA, a, { title: '江津花椒 热卖团' })).activityId;
    const laterA = (
      await published(platform, staff.ops, a, { startAt: Date.now() + 2 * HOUR, endAt: Date.now() + 48 * HOUR })
    ).activityId;
    const pausedB = (await published(platform, staff.merchantB, b, { stockMode: 'dedicated', poolSize: 10 }))
      .activityId;
    ok(await adminCall(platform, 'pauseActivity', { activityId: pausedB }, staff.merchantB));

    const search = async (body: Record<string, unknown>, token: string) =>
      ok(await adminCall<Rows>(platform, 'searchActivities', body, token)).items.map((row) => row.activityId);
    const mine = new Set([draftA, sellingA, laterA, pausedB]);
    expect((await search({}, staff.ops)).filter((id) => mine.has(id))).toEqual([pausedB, laterA, sellingA, draftA]);
    expect(await search({}, staff.merchantA)).toEqual([laterA, sellingA, draftA]);
    // A merchant asking for another merchant's still sees only its own.
    expect(await search({ merchantId: 'm-b' }, staff.merchantA)).toEqual([laterA, sellingA, draftA]);
    expect(await search({ merchantId: 'm-b' }, staff.ops)).toEqual([pausedB]);
    expect(await search({ phase: 'draft' }, staff.merchantA)).toEqual([draftA]);
    expect(await search({ phase: 'selling' }, staff.merchantA)).toEqual([sellingA]);
    expect(await search({ phase: 'scheduled' }, staff.merchantA)).toEqual([laterA]);
    expect(await search({ phase: 'paused' }, staff.merchantA)).toEqual([]);
    expect(await search({ phase: 'paused' }, staff.merchantB)).toEqual([pausedB]);
    expect(await search({ keyword: '热卖' }, staff.merchantA)).toEqual([sellingA]);
    expect(await search({ keyword: '.*' }, staff.merchantA)).toEqual([]);
    const paged = ok(await adminCall<Rows>(platform, 'searchActivities', { limit: 2 }, staff.merchantA));
    expect(paged.hasMore).toBe(true);
    const row = ok(await adminCall<Rows>(platform, 'searchActivities', { phase: 'paused' }, staff.merchantB)).items[0];
    expect(row).toMatchObject({ merchantId: 'm-b', phase: 'paused', stockLeft: 10 });
    expect(outcome(await adminCall(platform, 'searchActivities', {}, staff.service))).toEqual([403, 'FORBIDDEN']);
  });

  it('getActivityRules and previewActivity answer the merchant its own (404 another’s), ops all, service none', async () => {
    const staff = await signInStaff(platform, 'r2');
    const a = await seedSku(platform, 'm-a', 100);
    const id = await create(platform, staff.merchantA, a.skuId, { leaderPrice: 2590, groupSize: 4 });
    for (const action of ['getActivityRules', 'previewActivity']) {
      expect(outcome(await adminCall(platform, action, { activityId: id }, staff.ops)), action).toEqual([200, 'ok']);
      expect(outcome(await adminCall(platform, action, { activityId: id }, staff.merchantA)), action).toEqual([
        200,
        'ok',
      ]);
      expect(outcome(await adminCall(platform, action, { activityId: id }, staff.merchantB)), action).toEqual([
        404,
        'NOT_FOUND',
      ]);
      expect(outcome(await adminCall(platform, action, { activityId: id }, staff.service)), action).toEqual([
        403,
        'FORBIDDEN',
      ]);
    }
    const preview = ok(
      await adminCall<{ detail: Record<string, unknown>; card: Record<string, unknown>; visible: boolean }>(
        platform,
        'previewActivity',
        { activityId: id },
        staff.merchantA,
      ),
    );
    expect(preview.visible).toBe(false);
    expect(preview.detail).toMatchObject({
      activityId: id,
      groupPrice: 2990,
      leaderPrice: 2590,
      groupSize: 4,
      stockLeft: 100,
      sku: { skuId: a.skuId, spec: '250g' },
      openGroups: [],
    });
    expect(preview.card).toMatchObject({ activityId: id, groupPrice: 2990, image: expect.stringMatching(/^cloud:/) });
    // Published, the shopper's own getActivity answers what the preview showed.
    ok(await adminCall(platform, 'publishActivity', { activityId: id }, staff.merchantA));
    const after = ok(
      await adminCall<{ detail: Record<string, unknown>; visible: boolean }>(
        platform,
        'previewActivity',
        { activityId: id },
        staff.ops,
      ),
    );
    expect(after.visible).toBe(true);
    expect(after.detail).toMatchObject({ onSale: true, status: 'active' });
  });

  it('listSkuChoices offers a merchant its own SKUs, ops every merchant’s, service none', async () => {
    const staff = await signInStaff(platform, 'r3');
    const a = await seedSku(platform, 'm-a', 40);
    const b = await seedSku(platform, 'm-b', 60);
    const choices = async (token: string, keyword?: string) =>
      ok(
        await adminCall<{ items: { skuId: string; merchantId: string; available: number }[] }>(
          platform,
          'listSkuChoices',
          keyword ? { keyword, limit: 50 } : { limit: 50 },
          token,
        ),
      ).items;
    const forA = await choices(staff.merchantA);
    expect(forA.map((c) => c.merchantId)).not.toContain('m-b');
    expect(forA.find((c) => c.skuId === a.skuId)).toMatchObject({ available: 40, price: 3990, spec: '250g' });
    const forOps = (await choices(staff.ops)).map((c) => c.skuId);
    expect(forOps).toEqual(expect.arrayContaining([a.skuId, b.skuId]));
    const product = (await platform.get('products', b.productId))!.title as string;
    expect((await choices(staff.merchantB, product)).map((c) => c.skuId)).toEqual([b.skuId]);
    expect(await choices(staff.merchantA, product)).toEqual([]);
    expect(outcome(await adminCall(platform, 'listSkuChoices', {}, staff.service))).toEqual([403, 'FORBIDDEN']);
  });

  it('listPickupPointChoices offers ops and merchants the active points by name, service none', async () => {
    const staff = await signInStaff(platform, 'r4');
    const active = await addPoint(platform);
    const closed = await addPoint(platform);
    await platform.update('pickup_points', { _id: closed }, { $set: { status: 'inactive' } });
    const choices = (token: string, body: Record<string, unknown> = {}) =>
      adminCall<{ items: { pickupPointId: string; name: string; district: string; address: string }[] }>(
        platform,
        'listPickupPointChoices',
        body,
        token,
      );
    for (const token of [staff.ops, staff.merchantA]) {
      const { items } = ok(await choices(token, { keyword: '南坪', limit: 50 }));
      const ids = items.map((p) => p.pickupPointId);
      expect(ids).toContain(active);
      expect(ids).not.toContain(closed);
      expect(items.find((p) => p.pickupPointId === active)).toEqual({
        pickupPointId: active,
        name: '南坪便民驿站',
        district: '南岸区',
        address: '南岸区南坪正街 12 号',
      });
    }
    expect(ok(await choices(staff.ops, { keyword: '没有这个点' })).items).toEqual([]);
    expect(outcome(await choices(staff.service))).toEqual([403, 'FORBIDDEN']);
  });
});
