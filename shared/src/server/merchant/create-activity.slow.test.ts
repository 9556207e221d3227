/**
 * The race of create-activity.test.ts at full scale (npm run test:slow): ten dedicated pools asked at once while
 * thirty shoppers buy the same SKU. The scenario is in ../testing/console-races.ts; npm test runs it small.
 */
import { describe, it } from 'vitest';
import { CARVE_RACE, carveRace } from '../testing/console-races';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const { full: carve } = CARVE_RACE;

describe('createActivity', () => {
  it(`racing ${carve.buys} shoppers buying the same SKU, carves each of ${carve.creates} pools whole or not at all, and loses no unit`, () =>
    carveRace(platform, carve));
});
