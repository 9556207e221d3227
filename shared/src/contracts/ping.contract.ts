/** ping: who am I, which environment, what time is it on the server. The pattern every function follows. */
import * as z from '../kernel/zod';
import { defineContract } from './contract';

export const pingContract = defineContract({
  name: 'ping',
  request: z.object({}),
  response: z.object({
    openid: z.string().min(1),
    env: z.string(),
    now: z.number().int(),
  }),
});
