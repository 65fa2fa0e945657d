/**
 * Batches without a timer: the first item is written at once; items added while a write is under way
 * wait for it and then go together in the next one. A lone item is never held back, and under load
 * the batches grow with it. Each add() settles with its own item's result when its batch is written
 * (or fails with it).
 *
 * For reads this keeps the freshness of one query per item: every item is answered by a query that
 * started after it was added, never by one already under way (which could predate a change the
 * caller must see, like a Retry-After pause written by another replica).
 */
export class BatchWhileBusy<T, R = void> {
  private waiting: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  private writing = false;

  constructor(
    /** Handles one batch; returns one result per item, in the items' order. */
    private readonly write: (items: T[]) => Promise<readonly R[]>,
    private readonly maxBatch: number,
  ) {}

  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const results = await this.write(batch.map(({ item }) => item));
        batch.forEach(({ resolve }, index) => {
          resolve(results[index] as R);
        });
      } catch (error) {
        for (const { reject } of batch) reject(error);
      }
    }
    this.writing = false;
  }
}
