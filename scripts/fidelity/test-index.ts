import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/** One test case as written in a test file: the title of its `it`/`test` call and the source of its body. */
export interface TestCase {
  /** Path from the repository root, e.g. `test/integration/auth.login.test.ts`. */
  readonly file: string;
  readonly title: string;
  readonly body: string;
}

const TEST_FILE = /\.test\.ts$/;

function testFiles(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : testFiles(root, path);
    return TEST_FILE.test(entry.name) ? [path] : [];
  });
}

/** `it`, `test`, `it.concurrent`, `it.skipIf(x)`… : the callee names a test when its root identifier does. */
function isTestCallee(callee: ts.Expression): boolean {
  let node: ts.Expression = callee;
  while (ts.isPropertyAccessExpression(node) || ts.isCallExpression(node)) {
    node = ts.isCallExpression(node) ? node.expression : node.expression;
  }
  return ts.isIdentifier(node) && (node.text === "it" || node.text === "test");
}

/** The test cases of one file whose title is a plain string (titles built at run time are not addressable). */
export function testsInSource(file: string, text: string): TestCase[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: TestCase[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isTestCallee(node.expression)) {
      const [title, body] = node.arguments;
      if (title && body && (ts.isStringLiteral(title) || ts.isNoSubstitutionTemplateLiteral(title))) {
        found.push({ file, title: title.text, body: body.getText(source) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every addressable test case under `dirs` (relative to `root`). */
export function indexTests(root: string, dirs: readonly string[]): TestCase[] {
  return dirs
    .flatMap((dir) => testFiles(root, dir))
    .sort()
    .flatMap((path) =>
      testsInSource(relative(root, join(root, path)), readFileSync(join(root, path), "utf8")),
    );
}
