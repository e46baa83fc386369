import { describe, expect, it } from 'vitest';
import { LiveCursor } from '../../../server/http/routes/shape-cursor.js';

describe('LiveCursor', () => {
  it('never repeats a cursor and always moves past the one the client sent', () => {
    const cursors = new LiveCursor();
    const issued = Array.from({ length: 1000 }, () => Number(cursors.next(undefined)));
    expect(new Set(issued).size).toBe(issued.length);
    expect(issued).toEqual([...issued].sort((a, b) => a - b));
    const ahead = String(Date.now() + 10_000_000);
    expect(Number(cursors.next(ahead))).toBe(Number(ahead) + 1);
    // A client's cursor does not drag the shared counter along.
    expect(Number(cursors.next(undefined))).toBeLessThan(Number(ahead));
    expect(Number(cursors.next('not a number'))).toBeGreaterThan(issued.at(-1)!);
  });
});
