import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { MAX_RANGES, parseRange } from '../../../server/updates/byte-range.js';
import { multipartByteranges } from '../../../server/updates/multipart-ranges.js';

describe('several byte ranges', () => {
  it('reads ascending, separate ranges as parts, leaving out those past the end', () => {
    expect(parseRange('bytes=0-1,5-6', 1000)).toEqual({
      kind: 'parts',
      parts: [
        { start: 0, end: 1 },
        { start: 5, end: 6 },
      ],
    });
    // electron-updater's form: ", " between ranges.
    expect(parseRange('bytes=0-9, 20-29, 990-', 1000)).toEqual({
      kind: 'parts',
      parts: [
        { start: 0, end: 9 },
        { start: 20, end: 29 },
        { start: 990, end: 999 },
      ],
    });
    // Several asked for, one left: still parts (the client expects multipart).
    expect(parseRange('bytes=0-9,2000-2100', 1000)).toEqual({ kind: 'parts', parts: [{ start: 0, end: 9 }] });
    expect(parseRange('bytes=1000-1001,2000-', 1000)).toEqual({ kind: 'unsatisfiable' });
  });

  it('sends the whole file for overlapping, out-of-order, too many or malformed ranges', () => {
    expect(parseRange('bytes=0-10,5-20', 1000)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=500-599,0-99', 1000)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=0-1,x', 1000)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=0-1,', 1000)).toEqual({ kind: 'whole' });
    const many = Array.from({ length: MAX_RANGES + 1 }, (_, index) => `${index * 2}-${index * 2}`).join(',');
    expect(parseRange(`bytes=${many}`, 1_000_000)).toEqual({ kind: 'whole' });
    const allowed = Array.from({ length: MAX_RANGES }, (_, index) => `${index * 2}-${index * 2}`).join(',');
    expect(parseRange(`bytes=${allowed}`, 1_000_000)).toMatchObject({ kind: 'parts' });
  });
});

describe('multipart/byteranges', () => {
  const file = Buffer.from('0123456789abcdefghij');
  const open = (part: { start: number; end: number }) =>
    Promise.resolve(Readable.from([file.subarray(part.start, part.end + 1)]));

  it("writes RFC 9110's format, with a Content-Length that is the body's length", async () => {
    const parts = [
      { start: 0, end: 3 },
      { start: 10, end: 12 },
    ];
    const answer = multipartByteranges(parts, file.length, open, 'BOUNDARY');
    expect(answer.contentType).toBe('multipart/byteranges; boundary=BOUNDARY');
    const body = await buffer(answer.body);
    expect(body.toString('latin1')).toBe(
      '--BOUNDARY\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 0-3/20\r\n\r\n0123' +
        '\r\n--BOUNDARY\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 10-12/20\r\n\r\nabc' +
        '\r\n--BOUNDARY--\r\n',
    );
    expect(answer.length).toBe(body.length);
  });

  it('opens one part at a time, in order', async () => {
    const opened: number[] = [];
    const answer = multipartByteranges(
      [
        { start: 0, end: 0 },
        { start: 5, end: 5 },
        { start: 19, end: 19 },
      ],
      file.length,
      (part, index) => {
        opened.push(index);
        return open(part);
      },
    );
    expect(opened).toEqual([]);
    const body = await buffer(answer.body);
    expect(opened).toEqual([0, 1, 2]);
    expect(answer.length).toBe(body.length);
    expect(answer.contentType).toMatch(/^multipart\/byteranges; boundary=[0-9a-f]{32}$/);
  });
});
