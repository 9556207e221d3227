import { afterAll, beforeAll, it } from 'vitest';
import { CONCURRENCY, reserveSeats, transferAtOnce } from './helpers/concurrency';
import { startWithSdk, type SdkHarness } from './helpers/sdk';

/** The scenarios run small here; concurrency.slow.test.ts runs them at full scale. */
const { small } = CONCURRENCY;
let h: SdkHarness;
beforeAll(async () => {
  h = await startWithSdk();
});
afterAll(() => h.emulator.stop());

it(`${small.updates} concurrent conditional updates reserve exactly the 5 free seats`, () =>
  reserveSeats(h, small.updates));

it(`${small.transfers} concurrent runTransaction transfers conserve the total, through conflicts and retries`, () =>
  transferAtOnce(h, small.transfers));
