/**
 * getGroup: a group as the public sees it: seats, masked members, deadline, and whether the caller may join.
 */
import { idSchema, instantSchema } from '../domain/common.schema';
import { groupStatusSchema } from '../domain/group.machine';
import { groupInterventionBySchema } from '../domain/group.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { countSchema, publicProfileSchema, scopedPointSchema } from './common.schema';
import { defineContract } from './contract';

export const getGroupContract = defineContract({
  name: 'getGroup',
  errors: ['NOT_FOUND'],
  request: z.object({ groupId: idSchema }),
  response: z.object({
    groupId: idSchema,
    activityId: idSchema,
    status: groupStatusSchema,
    /** The activity's title and the SKU's spec as the group opened; the product's first image. */
    title: z.string(),
    spec: z.string(),
    image: z.string(),
    groupPrice: fenSchema,
    soloPrice: fenSchema,
    size: z.number().int().min(2),
    seatsPaid: countSchema,
    /** Seats still free (size − seats taken, paid or awaiting payment). */
    seatsLeft: countSchema,
    /** The leader first, then members who paid, in the order they paid. */
    members: z.array(publicProfileSchema.extend({ isLeader: z.boolean() })),
    deadlineAt: instantSchema,
    shareTitle: z.string(),
    /** Whether the caller could join now: forming, before its deadline, a seat left, not in it already. */
    joinable: z.boolean(),
    /** The caller's place in it: its leader, a member (paid or awaiting payment), or a visitor. */
    viewer: z.enum(['leader', 'member', 'visitor']),
    /** 社区团: the point every member collects at, as the group opened with it. */
    pickupPoint: scopedPointSchema.optional(),
    /** `platform`: 平台成团, the platform completed it with the members who paid (成团保障). */
    completedBy: groupInterventionBySchema.optional(),
  }),
});
