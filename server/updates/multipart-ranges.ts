import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ByteRange } from './byte-range.js';

/** A `multipart/byteranges` answer: its `Content-Type`, `Content-Length` and body. */
export interface MultipartRanges {
  contentType: string;
  length: number;
  body: Readable;
}

/**
 * The body of a 206 answer to a request for several ranges (RFC 9110 §14.6): for each range a part with its own `Content-Type` and `Content-Range`,
 * between `--<boundary>` delimiters, closed by `--<boundary>--`. Its length is known before a
 * byte is read, so the answer has a `Content-Length`. Parts are read one after the other
 * (`open` is called for each when its turn comes), so only one file handle is open at a time.
 */
export function multipartByteranges(
  parts: readonly ByteRange[],
  size: number,
  open: (part: ByteRange, index: number) => Promise<AsyncIterable<Buffer>>,
  boundary = randomBytes(16).toString('hex'),
): MultipartRanges {
  const heads = parts.map((part, index) =>
    Buffer.from(
      `${index === 0 ? '' : '\r\n'}--${boundary}\r\n` +
        `Content-Type: application/octet-stream\r\nContent-Range: bytes ${part.start}-${part.end}/${size}\r\n\r\n`,
    ),
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length =
    heads.reduce((sum, head) => sum + head.length, 0) +
    parts.reduce((sum, part) => sum + part.end - part.start + 1, 0) +
    tail.length;
  async function* chunks(): AsyncGenerator<Buffer> {
    for (const [index, part] of parts.entries()) {
      yield heads[index]!;
      yield* await open(part, index);
    }
    yield tail;
  }
  return { contentType: `multipart/byteranges; boundary=${boundary}`, length, body: Readable.from(chunks()) };
}
