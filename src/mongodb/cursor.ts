/**
 * What `find` and `aggregate` return: awaitable directly (`await collection.find()`, as in tests and realm-web),
 * and a cursor as App Services functions use it (`await collection.find().toArray()`). The query runs once, on
 * the first `then`/`toArray`.
 */
export class MockCursor<T> implements PromiseLike<T[]> {
  #result: Promise<T[]> | undefined;
  readonly #run: () => Promise<T[]>;

  constructor(run: () => Promise<T[]>) {
    this.#run = run;
  }

  toArray(): Promise<T[]> {
    this.#result ??= this.#run();
    return this.#result;
  }

  // biome-ignore lint/suspicious/noThenProperty: awaitable on purpose, so `await collection.find()` yields the array.
  then<R1 = T[], R2 = never>(
    onfulfilled?: ((value: T[]) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.toArray().then(onfulfilled, onrejected);
  }
}
