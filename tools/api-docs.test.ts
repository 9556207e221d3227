import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_DOC, apiDocText } from './api-docs';

describe('docs/api.md', () => {
  it('is what the contracts say now (run `npm run docs:api` after changing one)', async () => {
    const text = await apiDocText();
    expect(readFileSync(API_DOC, 'utf8')).toBe(text);
    expect(text).toContain('### joinGroup');
    expect(text).toMatch(/\| `GROUP_SUCCEEDED` +\|/);
    expect(text).toContain('### expireGroups');
    expect(text).toContain('### payCallback');
  });
});
