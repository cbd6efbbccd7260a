/** The message of the assertion error `assertion` throws; throws itself when the assertion passes. */
export function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the assertion passed");
}
