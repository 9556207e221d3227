/**
 * The race of order-placement.test.ts at full scale (npm run test:slow): sixty shoppers, twenty per function, race
 * for the last ten units. The scenario is in ../testing/shopper-races.ts; npm test runs it small.
 */
import { describe, it } from 'vitest';
import { STOCK_RACE, stockRace } from '../testing/shopper-races';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const { full: race } = STOCK_RACE;

describe('races', () => {
  it(`openGroup, joinGroup and buySolo racing for ${2 * race.groups} units take exactly ${2 * race.groups}, never more`, () =>
    stockRace(platform, race));
});
