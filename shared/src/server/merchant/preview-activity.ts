/**
 * previewActivity (ops, merchant): what a shopper is sent for the activity, drafts included: the detail page
 * and the list card, made by the same functions getActivity and listActivities use (`activityDetailView`,
 * `activityCardView`), from the same reads.
 */
import type { previewActivityContract } from '../../contracts/admin';
import { isActivityVisible } from '../../domain/activity.machine';
import { activityCardView, activityDetailView, soldOfActivity } from '../../domain/activity-view';
import { DomainError } from '../../kernel/errors';
import { OPEN_GROUPS_SHOWN } from '../discovery/get-activity';
import { getProduct, getSku } from '../repositories/catalog.repository';
import { listOpenGroups } from '../repositories/group-listing.repository';
import { getProfiles } from '../repositories/profile.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { scopedActivity } from './activity-console';

export const previewActivity: AdminUseCase<typeof previewActivityContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const activity = await scopedActivity(ctx, input.activityId);
  const visible = isActivityVisible(activity.status);
  const [product, sku, groups] = await Promise.all([
    getProduct(activity.productId),
    getSku(activity.skuId),
    visible ? listOpenGroups(activity._id, activity.groupSize, now, OPEN_GROUPS_SHOWN) : Promise.resolve([]),
  ]);
  if (!product || !sku) throw new DomainError('NOT_FOUND', `product or sku of activity ${activity._id}`);
  const leaders = await getProfiles(groups.map((g) => g.leaderOpenid));
  const openGroups = groups.map((group) => ({ group, leader: leaders.get(group.leaderOpenid) }));
  return {
    detail: activityDetailView({ activity, product, sku, openGroups }, now),
    card: activityCardView(activity, product.images[0] ?? '', soldOfActivity(activity, sku.stock.sold)),
    visible,
  };
};
