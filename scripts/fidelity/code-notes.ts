import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** One `FIDELITY:` comment of the kit's source. */
export interface CodeNote {
  /** `file` or `file#declaration` it was found under (the reference that named it). */
  readonly where: string;
  readonly text: string;
}

const NOTE = /FIDELITY:\s*([\s\S]*?)(?=\n\s*(?:\*\/|\*\s*\n|\*\s*$|[^/*\s])|\*\/|$)/g;

/** The text of each `FIDELITY:` comment in `text[from, to)`: the comment's lines up to its paragraph's end. */
function notesIn(text: string, from: number, to: number): string[] {
  const notes: string[] = [];
  for (const match of text.slice(from, to).matchAll(NOTE)) {
    const body = (match[1] ?? "")
      .split("\n")
      .map((line) => line.replace(/^\s*(\/\/|\*)?\s?/, ""))
      .join(" ")
      .replace(/\s+/g, " ")
      .trim();
    notes.push(body);
  }
  return notes;
}

/** The range (leading comments included) of the declaration named `name`, searched anywhere in the file. */
function declarationRange(file: string, text: string, name: string): [number, number] | undefined {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  let found: [number, number] | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const named =
      (ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isInterfaceDeclaration(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isVariableDeclaration(node)) &&
      node.name !== undefined &&
      ts.isIdentifier(node.name) &&
      node.name.text === name;
    if (named) {
      // A `const` carries its comment on the statement.
      const outer = ts.isVariableDeclaration(node) ? node.parent.parent : node;
      found = [outer.getFullStart(), outer.getEnd()];
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(root: string, path: string): string[] {
  if (!statSync(join(root, path)).isDirectory()) return [path];
  return readdirSync(join(root, path))
    .sort()
    .flatMap((name) => (name.endsWith(".test.ts") ? [] : sourceFiles(root, join(path, name))))
    .filter((file) => file.endsWith(".ts"));
}

/**
 * The `FIDELITY:` notes under a code reference: `src/x.ts` (the file), `src/dir` (every file in it) or
 * `src/x.ts#name` (the declaration named `name` and its leading comment). Throws when the reference names
 * nothing, so a renamed file or function fails the table instead of silently dropping its notes.
 */
export function codeNotes(root: string, reference: string): CodeNote[] {
  const [path = "", name] = reference.split("#");
  return sourceFiles(root, path).flatMap((file) => {
    const text = readFileSync(join(root, file), "utf8");
    if (name === undefined) return notesIn(text, 0, text.length).map((note) => ({ where: file, text: note }));
    const range = declarationRange(file, text, name);
    if (range === undefined) throw new Error(`${reference}: no declaration named ${name} in ${file}`);
    return notesIn(text, ...range).map((note) => ({ where: reference, text: note }));
  });
}
