/**
 * getActivity: an activity's detail page: its rules, product and SKU, the stock left, and up to ten
 * forming groups to join (凑团), fewest seats left first so a shopper's seat is likeliest to complete
 * one. Three rounds of reads: the activity; its product, SKU and open groups together; the leaders'
 * profiles with the images' temporary addresses. A draft (or unknown) activity is not found; one whose
 * product is taken down (下架) shows `onSale: false`.
 */
import type { getActivityContract } from '../../contracts/get-activity.contract';
import { isActivityVisible, isOnSale } from '../../domain/activity.machine';
import { maskNickname } from '../../domain/display';
import { seatsLeft } from '../../domain/group.machine';
import { isProductOnSale } from '../../domain/product.machine';
import { DomainError } from '../../kernel/errors';
import { tempUrls } from '../cloudbase/storage';
import { getActivity as findActivity, getProduct, getSku } from '../repositories/catalog.repository';
import { listOpenGroups } from '../repositories/group-listing.repository';
import { getProfiles } from '../repositories/profile.repository';
import type { UseCase } from '../runtime/define-function';

/** How many groups the 凑团 list offers. */
export const OPEN_GROUPS_SHOWN = 10;

export const getActivity: UseCase<typeof getActivityContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const activity = await findActivity(input.activityId);
  if (!activity || !isActivityVisible(activity.status))
    throw new DomainError('NOT_FOUND', `activity ${input.activityId}`);
  const [product, sku, groups] = await Promise.all([
    getProduct(activity.productId),
    getSku(activity.skuId),
    listOpenGroups(activity._id, activity.groupSize, now, OPEN_GROUPS_SHOWN),
  ]);
  if (!product || !sku) throw new DomainError('NOT_FOUND', `product or sku of activity ${activity._id}`);
  const [leaders, imageUrl] = await Promise.all([
    getProfiles(groups.map((g) => g.leaderOpenid)),
    tempUrls(product.images, ctx.log),
  ]);

  return {
    activityId: activity._id,
    title: activity.title,
    status: activity.status,
    onSale: isOnSale(activity, now) && isProductOnSale(product),
    groupPrice: activity.groupPrice,
    soloPrice: activity.soloPrice,
    ...(activity.leaderPrice !== undefined ? { leaderPrice: activity.leaderPrice } : {}),
    groupSize: activity.groupSize,
    validityHours: activity.validityHours,
    startAt: activity.startAt,
    endAt: activity.endAt,
    perOrderLimit: activity.perOrderLimit,
    perUserLimit: activity.perUserLimit,
    newCustomerOnly: activity.newCustomerOnly,
    ...(activity.scope ? { scope: activity.scope } : {}),
    stockMode: activity.stockMode,
    stockLeft: activity.stockMode === 'dedicated' ? (activity.pool?.available ?? 0) : sku.stock.available,
    product: {
      productId: product._id,
      title: product.title,
      subtitle: product.subtitle,
      images: product.images.map(imageUrl),
      origin: product.origin,
    },
    sku: { skuId: sku._id, spec: sku.spec },
    openGroups: groups.map((g) => {
      const leader = leaders.get(g.leaderOpenid);
      return {
        groupId: g._id,
        seatsLeft: seatsLeft(g),
        deadlineAt: g.deadlineAt,
        leader: { nickname: maskNickname(leader?.nickname ?? ''), avatarUrl: leader?.avatarUrl ?? '' },
      };
    }),
  };
};
