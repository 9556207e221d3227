/**
 * The race of adjust-stock.test.ts at full scale (npm run test:slow): sixty adjustments and forty shoppers' orders
 * at once. The scenario is in ../testing/console-races.ts; npm test runs it small.
 */
import { beforeAll, describe, it } from 'vitest';
import { ADJUST_RACE, adjustRace } from '../testing/console-races';
import { addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const { full: race } = ADJUST_RACE;
let token: string;

beforeAll(async () => {
  await addStaff(platform, 'ops-adj', 'Chongqing2026');
  token = await signIn(platform, 'ops-adj', 'Chongqing2026');
});

describe('adjustStock', () => {
  it(`races ${race.adjustments} adjustments and ${race.orders} shoppers’ orders (solo and new groups): every unit counted, never below held or sold`, () =>
    adjustRace(platform, token, race));
});
