/**
 * listLeaderActivities (开团工具): the live activities a registered 团长 can open a group of now, with their prices
 * and commission rule. One aggregation (the activities with their stock left, spec, product status and image),
 * beside the leader's own document; the images' temporary addresses in one storage request. An activity whose
 * product is taken down, or with no unit left, is left out, as openGroup would refuse it.
 */
import type { listLeaderActivitiesContract } from '../../contracts/list-leader-activities.contract';
import { commissionRuleText, unitsLeft } from '../../domain/leader-tools';
import { unitPriceFor } from '../../domain/pricing';
import { productSaleRefusal } from '../../domain/product.machine';
import { DomainError } from '../../kernel/errors';
import { tempUrls } from '../cloudbase/storage';
import { listOpenableActivities } from '../repositories/activity-listing.repository';
import { getLeader } from '../repositories/leader.repository';
import type { UseCase } from '../runtime/define-function';

export const listLeaderActivities: UseCase<typeof listLeaderActivitiesContract> = async (_input, ctx) => {
  const [leader, activities] = await Promise.all([getLeader(ctx.openid), listOpenableActivities(ctx.clock.now())]);
  if (!leader) throw new DomainError('FORBIDDEN', 'not a registered leader');
  const openable = activities
    .map((activity) => ({ activity, left: unitsLeft(activity) }))
    .filter(
      ({ activity, left }) =>
        left > 0 && !productSaleRefusal(activity.productStatus ? { status: activity.productStatus } : null),
    );
  const imageUrl = await tempUrls(
    openable.map(({ activity }) => activity.image ?? ''),
    ctx.log,
  );
  return {
    pickupPointId: leader.pickupPointId,
    items: openable.map(({ activity, left }) => ({
      activityId: activity._id,
      title: activity.title,
      image: imageUrl(activity.image ?? ''),
      spec: activity.spec ?? '',
      leaderPrice: unitPriceFor(activity, 'leader'),
      groupPrice: activity.groupPrice,
      soloPrice: activity.soloPrice,
      groupSize: activity.groupSize,
      endAt: activity.endAt,
      unitsLeft: left,
      earnsCommission: activity.commission !== undefined,
      commissionText: commissionRuleText(activity.commission),
    })),
  };
};
