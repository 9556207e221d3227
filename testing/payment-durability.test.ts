/** The scenario is in payment-burst.ts; payment-durability.slow.test.ts runs it at twice the scale. */
import { it } from 'vitest';
import { killDuringPaymentBurst, PAYMENT_BURST_GROUPS } from './payment-burst';

it(
  `kill -9 in the middle of a payment burst (${PAYMENT_BURST_GROUPS.small} groups): after a restart every payment is fulfilled or refunded once, none twice`,
  () => killDuringPaymentBurst(PAYMENT_BURST_GROUPS.small),
  120_000,
);
