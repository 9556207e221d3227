/**
 * getShareCode: the mini-program code (小程序码, `wxacode.getUnlimited`) a group's poster carries. Its scene
 * names the group and the sharer; a shopper who scans it lands on the group page.
 */
import { idSchema } from '../domain/common.schema';
import { userRefSchema } from '../domain/user.schema';
import * as z from '../kernel/zod';
import { defineContract } from './contract';

/** WeChat caps a code's scene at 32 characters: a group id (≤ 23) + `.` + the sharer's 8-character ref. */
export const SHARE_SCENE_MAX = 32;

export function encodeShareScene(groupId: string, ref: string): string {
  const scene = `${groupId}.${ref}`;
  if (scene.length > SHARE_SCENE_MAX) throw new RangeError(`scene over ${SHARE_SCENE_MAX} characters: ${scene}`);
  return scene;
}

/** The group and sharer of a scanned code (`options.scene` arrives URI-encoded), or null if it is not ours. */
export function decodeShareScene(scene: string): { groupId: string; ref?: string } | null {
  const [groupId, ref, ...rest] = decodeURIComponent(scene).split('.');
  if (!groupId || rest.length > 0 || !idSchema.safeParse(groupId).success) return null;
  return ref && userRefSchema.safeParse(ref).success ? { groupId, ref } : { groupId };
}

export const getShareCodeContract = defineContract({
  name: 'getShareCode',
  errors: ['NOT_FOUND', 'UNAVAILABLE'],
  request: z.object({ groupId: idSchema }),
  response: z.object({
    /** The code as a PNG, base64: the poster draws it on a canvas. */
    pngBase64: z.string().min(1),
    page: z.string(),
    scene: z.string().max(SHARE_SCENE_MAX),
  }),
});
