/**
 * getShareCode: the mini-program code (小程序码) for a group's poster. Its scene carries the group and
 * the caller's share ref (never the openid), so whoever scans it lands on the group page and the sharer
 * is known. Visible exactly as getGroup shows it: a pending or abandoned group only to its leader, an
 * unknown one to nobody. One round of two database reads (the group, the caller), plus the ref's
 * creation the first time a caller without one shares; then one openapi call.
 */
import { encodeShareScene, type getShareCodeContract } from '../../contracts/get-share-code.contract';
import { GROUP_PAGE } from '../../contracts/routes';
import { DomainError } from '../../kernel/errors';
import { unlimitedCode } from '../cloudbase/mini-program-code';
import { getGroup as findGroup } from '../repositories/group.repository';
import { assertVisible } from './get-group';
import { ensureUserWithRef, getUser } from '../repositories/user.repository';
import type { UseCase } from '../runtime/define-function';

export const getShareCode: UseCase<typeof getShareCodeContract> = async (input, ctx) => {
  const [group, caller] = await Promise.all([findGroup(input.groupId), getUser(ctx.openid)]);
  if (!group) throw new DomainError('NOT_FOUND', `group ${input.groupId}`);
  assertVisible(group, ctx.openid);
  const ref = caller?.ref ?? (await ensureUserWithRef(ctx.openid, ctx.clock.now(), caller)).ref;
  const scene = encodeShareScene(group._id, ref);
  const png = await unlimitedCode({ scene, page: GROUP_PAGE });
  return { pngBase64: png.toString('base64'), page: GROUP_PAGE, scene };
};
