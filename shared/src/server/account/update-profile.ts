/**
 * updateProfile: the nickname (trimmed by the contract) and avatar others see, masked, on group pages
 * and cards. The nickname passes WeChat's content security first (msgSecCheck, profile scene); a risky
 * one is refused with CONTENT_RISKY and nothing is stored. The avatar is kept when none is given. Two
 * database round trips (the user, read alongside the check; the update), plus two to create a user
 * who never logged in.
 */
import type { updateProfileContract } from '../../contracts/update-profile.contract';
import { DomainError } from '../../kernel/errors';
import { isTextRisky } from '../cloudbase/content-security';
import { createUser, getUser, setProfile } from '../repositories/user.repository';
import type { UseCase } from '../runtime/define-function';

export const updateProfile: UseCase<typeof updateProfileContract> = async (input, ctx) => {
  const [risky, existing] = await Promise.all([isTextRisky(input.nickname, ctx.openid), getUser(ctx.openid)]);
  if (risky) throw new DomainError('CONTENT_RISKY', 'nickname');
  const user = existing ?? (await createUser(ctx.openid, ctx.clock.now())) ?? (await getUser(ctx.openid));
  if (!user) throw new Error(`user ${ctx.openid} is missing right after it was created`);
  await setProfile(ctx.openid, {
    nickname: input.nickname,
    ...(input.avatarUrl !== undefined ? { avatarUrl: input.avatarUrl } : {}),
  });
  return { nickname: input.nickname, avatarUrl: input.avatarUrl ?? user.avatarUrl };
};
