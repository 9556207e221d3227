/**
 * Fault injection for the CloudPay and openapi sandboxes, set for a run through the `EMULATOR_FAULTS` environment
 * variable (JSON) or `POST /_emulator/faults`. Everything random draws from a seeded generator so a
 * failing run can be replayed with the same seed.
 */
import { z } from 'zod';

export const faultsSchema = z.strictObject({
  /** Extra deliveries of every payment and refund callback, on top of the normal one. */
  duplicateCallbacks: z.number().int().min(0).max(10).default(0),
  /** Each delivery waits a random time in this range first, so concurrent callbacks arrive out of order. */
  callbackDelayMs: z
    .tuple([z.number().int().min(0), z.number().int().min(0)])
    .refine(([min, max]) => min <= max, 'min must not exceed max')
    .default([0, 0]),
  /** Probability that a `refund` call fails with SYSTEMERROR and records nothing. */
  refundFailureRate: z.number().min(0).max(1).default(0),
  /**
   * The first N deliveries of each callback land on a crashing instance and get no answer:
   * `before` the handler ran (nothing stored) or `after` it ran (its effect stored, the answer lost).
   */
  crashDeliveries: z.number().int().min(0).max(10).default(0),
  crashMode: z.enum(['before', 'after']).default('after'),
  /**
   * Probability that an `uploadShippingInfo` call answers `-1 system error`: `before` the upload is kept
   * (WeChat holds nothing), or `after` it (WeChat holds it and the answer is lost).
   */
  shippingInfoFailureRate: z.number().min(0).max(1).default(0),
  shippingInfoFailureMode: z.enum(['before', 'after']).default('before'),
  seed: z.number().int().default(1),
});

export type Faults = z.infer<typeof faultsSchema>;
export type FaultsInput = z.input<typeof faultsSchema>;

export const NO_FAULTS: Faults = faultsSchema.parse({});

export function faultsFromEnv(value: string | undefined): Faults {
  return value ? faultsSchema.parse(JSON.parse(value)) : NO_FAULTS;
}

/** mulberry32: a small, well-known seeded generator; plenty for fault dice. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
