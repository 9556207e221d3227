/**
 * Setup for the `unit` project, whose files share a worker without isolation: whatever a test file writes to
 * `process.env` (the SDK's endpoint and identity, a sandbox token) is undone when the file ends, so the next
 * file in the worker starts from the same environment as in a worker of its own.
 */
import { afterAll } from 'vitest';

const before = { ...process.env };

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in before)) delete process.env[key];
  Object.assign(process.env, before);
});
