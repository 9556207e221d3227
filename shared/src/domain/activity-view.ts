/**
 * An activity as the shopper sees it: the detail page (getActivity) and the list card (listActivities).
 * One function each, used by those functions and by the console's preview, so what a merchant previews is
 * what a shopper is sent: the same prices, stock left, rules and masked leaders.
 */
import type { Fen } from '../kernel/money';
import type { ActivityStatus } from './activity.machine';
import { isOnSale } from './activity.machine';
import type { Activity, ActivityScope, StockMode } from './activity.schema';
import type { PickupPoint, Product, Sku } from './catalog.schema';
import { maskNickname } from './display';
import { seatsLeft } from './group.machine';
import { isProductOnSale } from './product.machine';
import { scopedPickupPointId } from './scope';

/** Units that can still be bought: the dedicated pool's, or the SKU's for a shared activity. */
export const stockLeftOf = (
  activity: { readonly stockMode: StockMode; readonly pool?: { readonly available: number } | undefined },
  sku: { readonly stock: { readonly available: number } },
): number => (activity.stockMode === 'dedicated' ? (activity.pool?.available ?? 0) : sku.stock.available);

/** Units sold: the dedicated pool's, or the SKU's for a shared activity (what the card shows and `hot` ranks by). */
export const soldOfActivity = (
  activity: { readonly stockMode: StockMode; readonly pool?: { readonly sold: number } | undefined },
  skuSold: number,
): number => (activity.stockMode === 'dedicated' ? (activity.pool?.sold ?? 0) : skuSold);

/** A forming group offered to join (凑团), and its leader's profile if they have one. */
export interface OpenGroupSource {
  readonly group: {
    readonly _id: string;
    readonly size: number;
    readonly seatsTaken: number;
    readonly deadlineAt: number;
    readonly leaderOpenid: string;
  };
  readonly leader?: { readonly nickname: string; readonly avatarUrl: string } | undefined;
}

export interface ActivityDetailView {
  readonly activityId: string;
  readonly title: string;
  readonly status: ActivityStatus;
  readonly onSale: boolean;
  readonly groupPrice: Fen;
  readonly soloPrice: Fen;
  readonly leaderPrice?: Fen;
  readonly groupSize: number;
  readonly validityHours: number;
  readonly startAt: number;
  readonly endAt: number;
  readonly perOrderLimit: number;
  readonly perUserLimit: number;
  readonly newCustomerOnly: boolean;
  readonly scope?: ActivityScope;
  /** 社区团: the point its scope names, when it is found. */
  readonly pickupPoint?: { readonly pickupPointId: string; readonly name: string };
  readonly stockMode: StockMode;
  readonly stockLeft: number;
  readonly product: {
    readonly productId: string;
    readonly title: string;
    readonly subtitle: string;
    images: string[];
    readonly origin: string;
  };
  readonly sku: { readonly skuId: string; readonly spec: string };
  openGroups: {
    readonly groupId: string;
    readonly seatsLeft: number;
    readonly deadlineAt: number;
    readonly leader: { readonly nickname: string; readonly avatarUrl: string };
  }[];
}

/** The detail page (getActivity's answer). Leaders' nicknames are masked; the platform guarantee is not shown. */
export function activityDetailView(
  source: {
    readonly activity: Activity;
    readonly product: Pick<Product, '_id' | 'title' | 'subtitle' | 'images' | 'origin' | 'status'>;
    readonly sku: Pick<Sku, '_id' | 'spec' | 'stock'>;
    readonly openGroups: readonly OpenGroupSource[];
    /** The point a 社区团's scope names (read only for one). */
    readonly scopedPoint?: Pick<PickupPoint, '_id' | 'name'> | null | undefined;
  },
  now: number,
): ActivityDetailView {
  const { activity, product, sku } = source;
  return {
    activityId: activity._id,
    title: activity.title,
    status: activity.status,
    // A product taken down (下架) sells nothing, whatever its activities say.
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
    ...(source.scopedPoint && scopedPickupPointId(activity.scope) === source.scopedPoint._id
      ? { pickupPoint: { pickupPointId: source.scopedPoint._id, name: source.scopedPoint.name } }
      : {}),
    stockMode: activity.stockMode,
    stockLeft: stockLeftOf(activity, sku),
    product: {
      productId: product._id,
      title: product.title,
      subtitle: product.subtitle,
      images: product.images,
      origin: product.origin,
    },
    sku: { skuId: sku._id, spec: sku.spec },
    openGroups: source.openGroups.map(({ group, leader }) => ({
      groupId: group._id,
      seatsLeft: seatsLeft(group),
      deadlineAt: group.deadlineAt,
      leader: { nickname: maskNickname(leader?.nickname ?? ''), avatarUrl: leader?.avatarUrl ?? '' },
    })),
  };
}

export interface ActivityCardView {
  readonly activityId: string;
  readonly title: string;
  readonly image: string;
  readonly groupPrice: Fen;
  readonly soloPrice: Fen;
  readonly groupSize: number;
  readonly endAt: number;
  readonly sold: number;
}

/** The list card (one item of listActivities): the product's first image ('' if none) and the units sold. */
export function activityCardView(
  activity: {
    readonly _id: string;
    readonly title: string;
    readonly groupPrice: Fen;
    readonly soloPrice: Fen;
    readonly groupSize: number;
    readonly endAt: number;
  },
  image: string,
  sold: number,
): ActivityCardView {
  return {
    activityId: activity._id,
    title: activity.title,
    image,
    groupPrice: activity.groupPrice,
    soloPrice: activity.soloPrice,
    groupSize: activity.groupSize,
    endAt: activity.endAt,
    sold,
  };
}
