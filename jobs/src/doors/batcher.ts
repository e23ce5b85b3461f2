/**
 * Gathers the writes of many jobs in flight into one statement: each `add` waits for the flush that
 * carries it (at most `maxWaitMs` later, or at once when `maxSize` are waiting), and gets its own
 * answer from the flush's. One round trip for a hundred acknowledgements instead of a hundred.
 */
export class Batcher<T, R> {
  private waiting: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Flushes run one after another: two statements updating the same rows in other orders could deadlock. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly flushAll: (items: T[]) => Promise<R[]>,
    private readonly maxWaitMs = 5,
    private readonly maxSize = 200,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.maxSize) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.maxWaitMs);
    });
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return this.chain;
    this.chain = this.chain.then(async () => {
      try {
        const results = await this.flushAll(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    });
    return this.chain;
  }
}
