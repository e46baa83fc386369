import { describe, expect, it } from 'vitest';
import { ShapeSchemaCatalog } from '../../../sync/server/shape-schema.js';
import { parseColumnList, resolveShapeTable } from '../../../sync/server/shape-table.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';

describe.each(CENTRAL_BACKENDS)('shape schema cache on %s', (kind) => {
  const db = useCentralDb(kind);

  it('keeps only the most recently used schemas, however many column lists clients ask for', async () => {
    const catalog = new ShapeSchemaCatalog(db(), 2);
    const shape = (columns: string) => resolveShapeTable('owners', parseColumnList(columns));
    const first = await catalog.schemaFor(shape('id,first_name'));
    await catalog.schemaFor(shape('id,last_name'));
    // Using the first again makes the second the least recently used one.
    expect(await catalog.schemaFor(shape('id,first_name'))).toBe(first);
    await catalog.schemaFor(shape('id,email'));
    expect(catalog.size).toBe(2);
    expect(await catalog.schemaFor(shape('id,first_name'))).toBe(first);
    expect(Object.keys(await catalog.schemaFor(shape('id,last_name')))).toEqual(['id', 'last_name']);
    expect(catalog.size).toBe(2);
  });
});
