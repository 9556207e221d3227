/**
 * The race of join-group.test.ts at full scale (npm run test:slow): 300 shoppers join one group of five at once.
 * The scenario is in ../testing/shopper-races.ts; npm test runs it small.
 */
import { describe, it } from 'vitest';
import { SEAT_RACE, seatRace } from '../testing/shopper-races';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const { full: race } = SEAT_RACE;

describe('races', () => {
  it(`${race.joiners} concurrent joins on a 5-seat group: exactly 4 joiners hold seats`, () =>
    seatRace(platform, race));
});
