/** Shoppers as others see them: the nickname and avatar on the user document, read many at once. */
import * as z from '../../kernel/zod';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getMany } from '../cloudbase/db';

export interface Profile {
  readonly nickname: string;
  readonly avatarUrl: string;
}

const profileSchema = z.object({
  _id: z.string(),
  nickname: z.string().catch(''),
  avatarUrl: z.string().catch(''),
});

/**
 * The profiles of these openids, in one query (only the two fields are read). A shopper without a user
 * document is simply absent from the map; no query is made for no openids.
 */
export async function getProfiles(openids: readonly string[]): Promise<Map<string, Profile>> {
  const ids = [...new Set(openids)];
  if (ids.length === 0) return new Map();
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.users)
      .where({ _id: cmd().in(ids) })
      .field({ nickname: true, avatarUrl: true })
      .limit(Math.min(ids.length, 1000)),
  );
  return new Map(
    docs.map((doc) => {
      const { _id, nickname, avatarUrl } = profileSchema.parse(doc);
      return [_id, { nickname, avatarUrl }];
    }),
  );
}
