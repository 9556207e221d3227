/**
 * 成团保障: an activity may let the platform complete a group that did not fill in time, when at least
 * `minPaidShare` of its seats are paid. The group then succeeds with the members it has (never invented
 * ones); the missing seats are the platform's to cover. Off unless the activity sets it.
 *
 * `minPaidShare` is a fraction with two decimals (0.6 = 60%). The seats it asks for are computed in whole
 * percent, so no float rounding decides a member's group: `minPaidSeats({ minPaidShare: 0.7 }, 10)` is 7.
 */
import * as z from '../kernel/zod';

const twoDecimals = (share: number) => Math.abs(share * 100 - Math.round(share * 100)) < 1e-9;

export const guaranteeSchema = z.object({
  minPaidShare: z
    .number({ error: '请填写成团保障比例' })
    .min(0.01, '成团保障比例须在 1% 到 99% 之间')
    .max(0.99, '成团保障比例须在 1% 到 99% 之间')
    .refine(twoDecimals, '成团保障比例须为整数百分比'),
});
export type Guarantee = z.infer<typeof guaranteeSchema>;

/** The share as a whole percent: 0.6 → 60. */
export const sharePercent = (share: number): number => Math.round(share * 100);

/** How many paid seats a group of `size` needs before the platform may complete it: ⌈size × share⌉, at least 1. */
export function minPaidSeats(guarantee: Guarantee, size: number): number {
  return Math.max(1, Math.ceil((sharePercent(guarantee.minPaidShare) * size) / 100));
}

/** Whether the guarantee can ever help a group of `size` (it asks for fewer seats than a full group). */
export const guaranteeApplies = (guarantee: Guarantee, size: number): boolean => minPaidSeats(guarantee, size) < size;

/**
 * Whether the platform may complete a group with these seats paid under the activity's guarantee: the
 * activity has one, and the paid seats reach its share without filling the group (a full group succeeds
 * on its own). The group's own state (forming, before its deadline) is the group machine's to check.
 */
export function guaranteeCovers(
  guarantee: Guarantee | undefined,
  group: { readonly size: number; readonly seatsPaid: number },
): boolean {
  return (
    guarantee !== undefined && group.seatsPaid >= minPaidSeats(guarantee, group.size) && group.seatsPaid < group.size
  );
}
