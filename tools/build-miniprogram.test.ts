import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMiniprogramClient, CLIENT_BUNDLE_BUDGET_BYTES } from './build-miniprogram';

describe('the mini-program client bundle', () => {
  it('stays under its budget, with no server code and nothing required at run time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mp-client-'));
    try {
      // Throws past the budget, on server code or on an external require: the build's own checks.
      const { bytes } = await buildMiniprogramClient(join(dir, 'client.js'));
      console.log(`mini-program client bundle: ${(bytes / 1024).toFixed(1)} KiB`);
      expect(bytes).toBeLessThanOrEqual(CLIENT_BUNDLE_BUDGET_BYTES);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
