/**
 * The race of set-product-status.test.ts at full scale (npm run test:slow): 下架 among forty shoppers, then ten more.
 * The scenario is in ../testing/console-races.ts; npm test runs it small.
 */
import { beforeAll, describe, it } from 'vitest';
import { TAKE_DOWN_RACE, takeDownRace } from '../testing/console-races';
import { addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const { full: race } = TAKE_DOWN_RACE;
let token: string;

beforeAll(async () => {
  await addStaff(platform, 'ops-s', 'Chongqing2026');
  token = await signIn(platform, 'ops-s', 'Chongqing2026');
});

describe('setProductStatus', () => {
  it(`races ${race.before + race.after} shoppers: sales refused only as PRODUCT_OFF_SALE, every unit counted, none after 下架 answers`, () =>
    takeDownRace(platform, token, race));
});
