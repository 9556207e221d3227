/** The kill comes after a few hundred writes here; durability.slow.test.ts waits for a thousand. */
import { it } from 'vitest';
import { killMidStream, WRITES_BEFORE_KILL } from './helpers/durability';

it(
  `keeps every acknowledged write and no partial transaction across kill -9 (after ${WRITES_BEFORE_KILL.small} writes)`,
  () => killMidStream(WRITES_BEFORE_KILL.small),
  60_000,
);
