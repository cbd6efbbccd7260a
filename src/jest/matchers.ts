// A type-only import: TypeScript accepts the augmentation of "expect" below only once the module is in the program.
import type {} from "expect";
import {
  type MatcherContext,
  type MatcherResult,
  type MockAppMatchers,
  matchers,
} from "../testing/matchers.js";

/** The part of Jest's matcher context the messages use beyond the runner-neutral one. */
interface JestMatcherContext extends MatcherContext {
  promise?: string;
  utils: MatcherContext["utils"] & {
    matcherHint(
      name: string,
      received?: string,
      expected?: string,
      options?: { isNot?: boolean; promise?: string },
    ): string;
  };
}

type NeutralMatcher = (this: MatcherContext, received: unknown, ...expected: never[]) => MatcherResult;

/** The argument names the hint line shows, as Jest's own matchers do (`expect(received).toBe(expected)`). */
const ARGUMENTS: Record<keyof typeof matchers, string> = {
  toHaveEmitted: "type, partial",
  toHaveLoggedIn: "user, provider",
  toHaveCalledFunction: "name, args",
  toHaveInjectedFault: "partial",
};

/** One matcher with Jest's message conventions: the hint line, a blank line, the sentence, the journal. */
function withJestMessage(name: keyof typeof matchers, matcher: NeutralMatcher) {
  return function (this: JestMatcherContext, received: unknown, ...expected: never[]): MatcherResult {
    const result = matcher.call(this, received, ...expected);
    const hint = this.utils.matcherHint(name, "mock", ARGUMENTS[name], {
      isNot: this.isNot,
      promise: this.promise,
    });
    const sentence = result.message();
    return {
      pass: result.pass,
      message: () => `${hint}\n\n${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`,
    };
  };
}

/** The kit's matchers for Jest's `expect.extend`. */
export const jestMatchers = Object.fromEntries(
  (Object.keys(matchers) as (keyof typeof matchers)[]).map((name) => [
    name,
    withJestMessage(name, matchers[name] as NeutralMatcher),
  ]),
) as Record<
  keyof typeof matchers,
  (this: JestMatcherContext, received: unknown, ...expected: never[]) => MatcherResult
>;

// Jest 30's `expect` (from `@jest/globals` or the injected global) is typed by the "expect" package; projects on
// `@types/jest` type the global through the `jest` namespace. Both get the matchers.
declare module "expect" {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends MockAppMatchers<R> {}
}
declare global {
  namespace jest {
    // biome-ignore lint/complexity/noBannedTypes: must repeat @types/jest's declaration to merge with it.
    interface Matchers<R, T = {}> extends MockAppMatchers<R> {}
  }
}
