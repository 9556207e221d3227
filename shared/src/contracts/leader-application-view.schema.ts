/**
 * A 团长 application as its applicant reads it (applyForLeader, getMyLeaderApplication,
 * retractLeaderApplication): what they sent, where it stands, ops' reason if declined, what they may do now.
 */
import { districtSchema, idSchema, instantSchema } from '../domain/common.schema';
import { leaderApplicationStatusSchema } from '../domain/leader-application.machine';
import { leaderPointChoiceSchema } from '../domain/leader.schema';
import * as z from '../kernel/zod';

export const leaderApplicationActionSchema = z.enum(['retract']);

export const leaderApplicationViewSchema = z.object({
  applicationId: idSchema,
  status: leaderApplicationStatusSchema,
  statusLabel: z.string(),
  name: z.string(),
  phone: z.string(),
  community: z.string(),
  point: leaderPointChoiceSchema,
  pointLabel: z.string(),
  declineReason: z.string().optional(),
  /** The point they run, once approved. */
  pickupPointId: idSchema.optional(),
  createdAt: instantSchema,
  decidedAt: instantSchema.optional(),
  actions: z.array(leaderApplicationActionSchema),
});
export type LeaderApplicationView = z.infer<typeof leaderApplicationViewSchema>;

/** A registered leader and the point they run. */
export const leaderViewSchema = z.object({
  name: z.string(),
  phone: z.string(),
  community: z.string(),
  approvedAt: instantSchema,
  pickupPoint: z.object({ pickupPointId: idSchema, name: z.string(), address: z.string(), district: districtSchema }),
});
export type LeaderView = z.infer<typeof leaderViewSchema>;
