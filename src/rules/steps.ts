/**
 * Rule evaluation is synchronous unless an expression calls a function (`%function`). Evaluators are generators
 * that yield the promises they wait on; `runStep` runs one without a single await when nothing is yielded, so
 * checking thousands of documents does not cost a microtask per comparison.
 */
export type Step<T> = Generator<Promise<unknown>, T, unknown>;

async function resume<T>(step: Step<T>, pending: Promise<unknown>): Promise<T> {
  let next = step.next(await pending);
  while (!next.done) next = step.next(await next.value);
  return next.value;
}

/** The step's value, or a promise of it once the step waits on something. */
export function runStep<T>(step: Step<T>): T | Promise<T> {
  const next = step.next();
  return next.done ? next.value : resume(step, next.value);
}
