/**
 * searchActivities (ops, merchant): the 拼团活动 list, newest first, with each row's product, SKU and stock.
 * Three indexed queries a page: the activities (scoped to the merchant), then their products and SKUs.
 */
import type { searchActivitiesContract } from '../../contracts/admin';
import { activityPhase } from '../../domain/activity-edit';
import { soldOfActivity, stockLeftOf } from '../../domain/activity-view';
import { merchantScope } from '../runtime/staff-scope';
import { productsByIds, searchActivities as search, skusByIds } from '../repositories/activity-admin.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

export const searchActivities: AdminUseCase<typeof searchActivitiesContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const found = await search(
    {
      ...(input.merchantId !== undefined ? { merchantId: input.merchantId } : {}),
      ...merchantScope(ctx),
      phase: input.phase,
      keyword: input.keyword,
    },
    { offset: input.offset, limit: input.limit + 1 },
    now,
  );
  const page = found.slice(0, input.limit);
  const [products, skus] = await Promise.all([
    productsByIds(page.map((a) => a.productId)),
    skusByIds(page.map((a) => a.skuId)),
  ]);
  return {
    items: page.map((activity) => {
      const sku = skus.get(activity.skuId);
      const noStock = { stock: { available: 0, sold: 0 } };
      return {
        activityId: activity._id,
        merchantId: activity.merchantId,
        title: activity.title,
        status: activity.status,
        phase: activityPhase(activity, now),
        productTitle: products.get(activity.productId)?.title ?? '',
        spec: sku?.spec ?? '',
        groupPrice: activity.groupPrice,
        soloPrice: activity.soloPrice,
        groupSize: activity.groupSize,
        startAt: activity.startAt,
        endAt: activity.endAt,
        stockMode: activity.stockMode,
        stockLeft: stockLeftOf(activity, sku ?? noStock),
        sold: soldOfActivity(activity, (sku ?? noStock).stock.sold),
        ...(activity.pool
          ? { pool: { available: activity.pool.available, reserved: activity.pool.reserved, sold: activity.pool.sold } }
          : {}),
        createdAt: activity.createdAt,
      };
    }),
    hasMore: found.length > input.limit,
  };
};
