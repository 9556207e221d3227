/**
 * getActivity: an activity's detail page: its rules, product and SKU, the stock left, and up to ten
 * forming groups to join (凑团), fewest seats left first so a shopper's seat is likeliest to complete
 * one; a 社区团 names its point. Three rounds of reads: the activity; its product, SKU, open groups (and a
 * 社区团's point) together; the leaders'
 * profiles with the images' temporary addresses. A draft (or unknown) activity is not found; one whose
 * product is taken down (下架) shows `onSale: false`. The view itself is `activityDetailView`, which the
 * console's preview shows too.
 */
import type { getActivityContract } from '../../contracts/get-activity.contract';
import { isActivityVisible } from '../../domain/activity.machine';
import { activityDetailView } from '../../domain/activity-view';
import { scopedPickupPointId } from '../../domain/scope';
import { DomainError } from '../../kernel/errors';
import { tempUrls } from '../cloudbase/storage';
import { getActivity as findActivity, getPickupPoint, getProduct, getSku } from '../repositories/catalog.repository';
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
  const pointId = scopedPickupPointId(activity.scope);
  const [product, sku, groups, scopedPoint] = await Promise.all([
    getProduct(activity.productId),
    getSku(activity.skuId),
    listOpenGroups(activity._id, activity.groupSize, now, OPEN_GROUPS_SHOWN),
    pointId ? getPickupPoint(pointId) : null,
  ]);
  if (!product || !sku) throw new DomainError('NOT_FOUND', `product or sku of activity ${activity._id}`);
  const [leaders, imageUrl] = await Promise.all([
    getProfiles(groups.map((g) => g.leaderOpenid)),
    tempUrls(product.images, ctx.log),
  ]);
  return activityDetailView(
    {
      activity,
      product: { ...product, images: product.images.map(imageUrl) },
      sku,
      openGroups: groups.map((group) => ({ group, leader: leaders.get(group.leaderOpenid) })),
      scopedPoint,
    },
    now,
  );
};
