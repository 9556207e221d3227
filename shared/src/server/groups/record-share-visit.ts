/**
 * recordShareVisit: a visit through someone's share card or poster (`domain/share-funnel.ts`). The visitor is the
 * caller; the ref is resolved to its holder here, so an unknown ref or the sharer's own visit records nothing. The
 * target must exist. One round of two reads (the ref's holder, the group or activity), then one insert under the
 * visit's deterministic id: a repeat the same day, or many at once, is one document.
 */
import type { recordShareVisitContract } from '../../contracts/record-share-visit.contract';
import { shareDay, type ShareTarget, shareVisitRefusal } from '../../domain/share-funnel';
import { DomainError } from '../../kernel/errors';
import { getActivity } from '../repositories/catalog.repository';
import { getGroup } from '../repositories/group.repository';
import { insertShareVisit } from '../repositories/share-event.repository';
import { findUserByRef } from '../repositories/user.repository';
import type { UseCase } from '../runtime/define-function';

const targetExists = async (target: ShareTarget): Promise<boolean> =>
  'groupId' in target ? (await getGroup(target.groupId)) !== null : (await getActivity(target.activityId)) !== null;

export const recordShareVisit: UseCase<typeof recordShareVisitContract> = async (input, ctx) => {
  const at = ctx.clock.now();
  const target: ShareTarget = 'groupId' in input ? { groupId: input.groupId } : { activityId: input.activityId };
  const [sharer, exists] = await Promise.all([findUserByRef(input.ref), targetExists(target)]);
  if (!exists) throw new DomainError('NOT_FOUND', JSON.stringify(target));
  if (!sharer || shareVisitRefusal(sharer.openid, ctx.openid)) return { recorded: false };
  const recorded = await insertShareVisit({
    ref: input.ref,
    sharerOpenid: sharer.openid,
    visitorOpenid: ctx.openid,
    target,
    stage: input.stage,
    at,
    day: shareDay(at),
  });
  return { recorded };
};
