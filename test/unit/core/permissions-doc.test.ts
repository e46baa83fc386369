import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { permissionTables } from '../../helpers/permission-table.js';

const START = '<!-- permission-matrix:start -->';
const END = '<!-- permission-matrix:end -->';

describe('docs/security.md', () => {
  it('shows the permission matrix exactly as the code has it', async () => {
    const page = await readFile(new URL('../../../docs/security.md', import.meta.url), 'utf8');
    const start = page.indexOf(START);
    const end = page.indexOf(END);
    expect(start, `the page lacks ${START}`).toBeGreaterThan(-1);
    expect(end, `the page lacks ${END}`).toBeGreaterThan(start);
    expect(page.slice(start + START.length, end).trim()).toBe(permissionTables());
  });
});
