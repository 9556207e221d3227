/**
 * The races of activity-lifecycle.test.ts at full scale (npm run test:slow): a pause, and ten ends at once, each
 * racing dozens of shoppers. The scenarios are in ../testing/console-races.ts; npm test runs them small.
 */
import { describe, it } from 'vitest';
import { END_RACE, endRace, PAUSE_RACE, pauseRace } from '../testing/console-races';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const { full: pause } = PAUSE_RACE;
const { full: end } = END_RACE;

describe('pauseActivity and resumeActivity', () => {
  it(`a pause racing ${pause.joins + pause.opens} shoppers opening and joining groups leaves every group consistent and stock conserved`, () =>
    pauseRace(platform, pause));
});

describe('endActivity', () => {
  it(`${end.ends} ends at once racing ${end.shoppers} shoppers end it once and give back each unit once`, () =>
    endRace(platform, end));
});
