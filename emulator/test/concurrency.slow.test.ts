/** concurrency.test.ts at full scale (npm run test:slow). */
import { afterAll, beforeAll, it } from 'vitest';
import { CONCURRENCY, reserveSeats, transferAtOnce } from './helpers/concurrency';
import { startWithSdk, type SdkHarness } from './helpers/sdk';

const { full } = CONCURRENCY;
let h: SdkHarness;
beforeAll(async () => {
  h = await startWithSdk();
});
afterAll(() => h.emulator.stop());

it(`${full.updates} concurrent conditional updates reserve exactly the 5 free seats`, () =>
  reserveSeats(h, full.updates));

it(`${full.transfers} concurrent runTransaction transfers conserve the total, through conflicts and retries`, () =>
  transferAtOnce(h, full.transfers));
