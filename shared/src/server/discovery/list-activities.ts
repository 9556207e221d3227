/**
 * listActivities: the live activities (active, inside their window), a page at a time.
 * - `ending_soon`: by end time, straight from the `status_endAt` index; then the page's images and sold
 *   counts (2 rounds of reads).
 * - `hot`: by units sold (a dedicated activity's pool, a shared one's SKU), most first. Sales live on the
 *   pools and SKUs, so every live activity is read (up to the query cap), then the sold counts of the
 *   shared ones' SKUs in one query, ranked here, then the page's images (3 rounds of reads).
 * Ties go to the activity that ends sooner, then by id, so pages do not overlap. The images are shown by
 * their temporary addresses (one storage request a page).
 */
import type { listActivitiesContract } from '../../contracts/list-activities.contract';
import { activityCardView } from '../../domain/activity-view';
import {
  type ActivityCard,
  firstImages,
  listLiveActivities,
  QUERY_CAP,
  soldBySku,
  soldOf,
} from '../repositories/activity-listing.repository';
import { tempUrls } from '../cloudbase/storage';
import type { UseCase } from '../runtime/define-function';

const sharedSkus = (cards: readonly ActivityCard[]) =>
  cards.filter((c) => c.stockMode === 'shared').map((c) => c.skuId);

export const listActivities: UseCase<typeof listActivitiesContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const { offset, limit } = input;

  let page: { card: ActivityCard; sold: number }[];
  let hasMore: boolean;
  let images: Map<string, string>;
  if (input.sort === 'ending_soon') {
    const cards = await listLiveActivities(now, { offset, limit: limit + 1 });
    const shown = cards.slice(0, limit);
    const [imageMap, skuSold] = await Promise.all([
      firstImages(shown.map((c) => c.productId)),
      soldBySku(sharedSkus(shown)),
    ]);
    page = shown.map((card) => ({ card, sold: soldOf(card, skuSold) }));
    hasMore = cards.length > limit;
    images = imageMap;
  } else {
    const cards = await listLiveActivities(now, { offset: 0, limit: QUERY_CAP });
    const skuSold = await soldBySku(sharedSkus(cards));
    const ranked = cards
      .map((card) => ({ card, sold: soldOf(card, skuSold) }))
      .sort(
        (a, b) =>
          b.sold - a.sold ||
          a.card.endAt - b.card.endAt ||
          (a.card._id < b.card._id ? -1 : a.card._id > b.card._id ? 1 : 0),
      );
    page = ranked.slice(offset, offset + limit);
    hasMore = ranked.length > offset + limit;
    images = await firstImages(page.map((p) => p.card.productId));
  }

  const imageUrl = await tempUrls(images.values(), ctx.log);
  return {
    items: page.map(({ card, sold }) => activityCardView(card, imageUrl(images.get(card.productId) ?? ''), sold)),
    hasMore,
  };
};
