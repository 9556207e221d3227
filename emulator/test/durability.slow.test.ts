/** durability.test.ts at full scale (npm run test:slow). */
import { it } from 'vitest';
import { killMidStream, WRITES_BEFORE_KILL } from './helpers/durability';

it(`keeps every acknowledged write and no partial transaction across kill -9 (after ${WRITES_BEFORE_KILL.full} writes)`, () =>
  killMidStream(WRITES_BEFORE_KILL.full));
