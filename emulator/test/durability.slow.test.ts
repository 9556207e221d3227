/** The storage's kill -9 test; the scenario is in helpers/durability.ts. */
import { it } from 'vitest';
import { killMidStream } from './helpers/durability';

const WRITES_BEFORE_KILL = 1000;

it(`keeps every acknowledged write and no partial transaction across kill -9 (after ${WRITES_BEFORE_KILL} writes)`, () =>
  killMidStream(WRITES_BEFORE_KILL));
