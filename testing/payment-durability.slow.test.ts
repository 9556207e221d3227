/** payment-durability.test.ts at full scale (npm run test:slow). */
import { it } from 'vitest';
import { killDuringPaymentBurst, PAYMENT_BURST_GROUPS } from './payment-burst';

it(`kill -9 in the middle of a payment burst (${PAYMENT_BURST_GROUPS.full} groups): after a restart every payment is fulfilled or refunded once, none twice`, () =>
  killDuringPaymentBurst(PAYMENT_BURST_GROUPS.full));
