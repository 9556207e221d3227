/**
 * Two emulator processes and a kill -9 between them, so it runs in npm run test:slow; the in-process crash cases
 * (a callback instance dying before or after its effect) are in pay-callback.test.ts and retry-refunds.test.ts.
 */
import { it } from 'vitest';
import { killDuringPaymentBurst } from './payment-burst';

const GROUPS = 8;

it(`kill -9 in the middle of a payment burst (${GROUPS} groups): after a restart every payment is fulfilled or refunded once, none twice`, () =>
  killDuringPaymentBurst(GROUPS));
