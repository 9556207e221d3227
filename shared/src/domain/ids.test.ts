import { describe, expect, it } from 'vitest';
import { parseBusinessTime } from '../kernel/time';
import { formatId } from './ids';

describe('ids', () => {
  it('are the prefix, the Shanghai second, and 8 characters of [0-9a-z] from the random bytes', () => {
    const id = formatId(
      'O',
      parseBusinessTime('2026-11-25 20:30'),
      Uint8Array.from([0, 1, 35, 36, 37, 255, 10, 11, 99]),
    );
    expect(id).toBe('O2026112520300001z013ab');
    expect(id.length).toBeLessThanOrEqual(32);
  });
});
