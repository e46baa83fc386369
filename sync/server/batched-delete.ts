/**
 * Runs `deleteBatch(batch)` until a call deletes fewer than `batch` rows, and answers the total:
 * housekeeping deletes in bounded statements, so no pass holds a long lock or a huge
 * transaction, whatever it finds.
 * @throws RangeError when `batch` is not a positive integer; `deleteBatch`'s errors as they come.
 */
export async function deleteInBatches(deleteBatch: (batch: number) => Promise<number>, batch: number): Promise<number> {
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be a positive integer, got ${batch}`);
  let removed = 0;
  for (;;) {
    const deleted = await deleteBatch(batch);
    removed += deleted;
    if (deleted < batch) return removed;
  }
}
