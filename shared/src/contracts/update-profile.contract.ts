/**
 * updateProfile: the nickname and avatar others see (masked), checked by content security.
 */
import { shownTextSchema } from '../domain/common.schema';
import * as z from '../kernel/zod';
import { defineContract } from './contract';

export const updateProfileContract = defineContract({
  name: 'updateProfile',
  errors: ['CONTENT_RISKY', 'UNAVAILABLE'],
  request: z.object({
    nickname: shownTextSchema(32),
    /** What `<button open-type="chooseAvatar">` gave, once uploaded (a cloud:// file id or https URL). */
    avatarUrl: z
      .string()
      .max(512)
      .regex(/^(cloud|https):\/\//, 'a cloud:// or https:// URL')
      .optional(),
  }),
  response: z.object({ nickname: z.string(), avatarUrl: z.string() }),
});
