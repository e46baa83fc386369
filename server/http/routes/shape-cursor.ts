/**
 * Values for the `electric-cursor` header. The client sends the last one back as `cursor` on its
 * next live request, so a response cache keyed by URL can never answer a live request with an
 * older response; the next cursor must therefore differ from the one sent. This one is also
 * strictly increasing per server process and sent on every response, live or not: the official
 * client suppresses an `up-to-date` whose cursor equals the one it recorded for the same shape in
 * the last 60 seconds (it takes that for a replay from a CDN cache), which would leave a stream
 * restarted within a minute waiting for a live response before it is up to date.
 */
export class LiveCursor {
  #last = 0;

  /** A cursor above the one the client sent and above every cursor issued before. */
  next(requested: string | undefined): string {
    this.#last = Math.max(this.#last + 1, Date.now());
    const echoed = requested === undefined ? Number.NaN : Number(requested);
    // A client's cursor only moves this one response forward, never the shared counter, so an
    // odd value from one client cannot push every later cursor towards 2^53.
    if (Number.isSafeInteger(echoed) && echoed >= this.#last) return String(echoed + 1);
    return String(this.#last);
  }
}
