/** 团长 applications as ops read and answer them in the console. */
import { actionKeySchema } from '../../domain/after-sale.schema';
import { districtSchema, geoPointSchema, idSchema, instantSchema } from '../../domain/common.schema';
import { leaderPointChoiceSchema } from '../../domain/leader.schema';
import { leaderApplicationStatusSchema } from '../../domain/leader-application.machine';
import { pickupPointStatusSchema } from '../../domain/pickup-point.machine';
import * as z from '../../kernel/zod';

export {
  LEADER_APPLICATION_STATUS_LABELS,
  type LeaderApplicationStatus,
} from '../../domain/leader-application.machine';
export { LEADER_POINT_CHOICE_LABELS, type LeaderPointChoice } from '../../domain/leader.schema';

export const consoleLeaderApplicationSchema = z.object({
  applicationId: idSchema,
  openid: z.string(),
  status: leaderApplicationStatusSchema,
  statusLabel: z.string(),
  name: z.string(),
  phone: z.string(),
  community: z.string(),
  point: leaderPointChoiceSchema,
  pointLabel: z.string(),
  declineReason: z.string().optional(),
  /** The point the leader runs, once approved. */
  pickupPointId: idSchema.optional(),
  /** Who answered it (`staff:<account>`) and when. */
  decidedBy: z.string().optional(),
  decidedAt: instantSchema.optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  /** What ops may do now. */
  actions: z.array(z.enum(['approve', 'decline'])),
});
export type ConsoleLeaderApplication = z.infer<typeof consoleLeaderApplicationSchema>;

/** The existing point an application names (or the point it made), as it is now. */
export const leaderPointViewSchema = z.object({
  pickupPointId: idSchema,
  name: z.string(),
  district: districtSchema,
  address: z.string(),
  /** Where it is on the map (GeoJSON: longitude, latitude). */
  location: geoPointSchema,
  status: pickupPointStatusSchema,
  /** Its keeper now, if any: someone else's means approving is refused. */
  keeperOpenid: z.string().optional(),
});
export type LeaderPointView = z.infer<typeof leaderPointViewSchema>;

/** An answer to one application: its id and the console's key for this answer (one per dialog). */
export const leaderApplicationActionRequestSchema = z.object({
  applicationId: idSchema,
  requestKey: actionKeySchema,
});

export const leaderApplicationActionResponseSchema = z.object({ application: consoleLeaderApplicationSchema });
