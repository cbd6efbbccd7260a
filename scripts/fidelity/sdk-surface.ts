import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** One public member of realm-web's API, named `Owner.member` (e.g. `User.refreshCustomData`). */
export interface SdkMember {
  readonly id: string;
  /** The declaration it comes from: a class of the bundle or an interface of the `Realm` namespace. */
  readonly owner: string;
  /** The word a test that exercises it must contain (the member's own name, an option key, an event type). */
  readonly witness: string;
}

/** The classes of realm-web's bundle whose public members are rows. */
const CLASSES = ["App", "User", "Credentials", "EmailPasswordAuth", "ApiKeyAuth", "MongoDBRealmError"];
/** Interfaces of the `Realm` namespace (types/realm/*.d.ts), by the name a row gives them. */
const INTERFACES: Readonly<Record<string, string>> = {
  BaseFunctionsFactory: "functions",
  MongoDB: "MongoDB",
  MongoDBDatabase: "MongoDBDatabase",
  MongoDBCollection: "MongoDBCollection",
  FindOneOptions: "FindOneOptions",
  FindOptions: "FindOptions",
  FindOneAndModifyOptions: "FindOneAndModifyOptions",
  CountOptions: "CountOptions",
  UpdateOptions: "UpdateOptions",
};

function parse(root: string, path: string): ts.SourceFile {
  const file = join(root, "node_modules/realm-web", path);
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
}

const isPrivate = (member: ts.ClassElement | ts.TypeElement): boolean =>
  ts.canHaveModifiers(member) &&
  (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);

const nameOf = (member: ts.ClassElement | ts.TypeElement): string | undefined =>
  member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))
    ? member.name.text
    : undefined;

/** `watch({ ids })`: a method overload whose only parameter is an object type is its own row per key. */
function overloadVariant(member: ts.TypeElement): string | undefined {
  if (!ts.isMethodSignature(member) || member.parameters.length !== 1) return undefined;
  const type = member.parameters[0]?.type;
  if (!type || !ts.isTypeLiteralNode(type) || member.parameters[0]?.questionToken) return undefined;
  const keys = type.members.map(nameOf).filter((k): k is string => k !== undefined);
  return keys.length === 0 ? undefined : `({ ${keys.join(", ")} })`;
}

function add(rows: Map<string, SdkMember>, owner: string, name: string, witness: string): void {
  const id = name.startsWith("[") ? `${owner}${name}` : `${owner}.${name}`;
  if (!rows.has(id)) rows.set(id, { id, owner, witness });
}

function walkNamespaces(node: ts.Node, visit: (statement: ts.Statement) => void): void {
  if (ts.isSourceFile(node) || ts.isModuleBlock(node)) {
    for (const statement of node.statements) {
      visit(statement);
      if (ts.isModuleDeclaration(statement) && statement.body) walkNamespaces(statement.body, visit);
    }
  } else if (ts.isModuleDeclaration(node) && node.body) {
    walkNamespaces(node.body, visit);
  }
}

/**
 * The public members of realm-web's declarations (`dist/bundle.d.ts` and `types/realm/*.d.ts`), read with the
 * TypeScript parser: public class members (statics included, constructors and `private` members left out),
 * the members of the functions factory, the MongoDB service and its options, and one row per change-event type.
 */
export function readSdkSurface(root: string): SdkMember[] {
  const rows = new Map<string, SdkMember>();
  for (const statement of parse(root, "dist/bundle.d.ts").statements) {
    if (!ts.isClassDeclaration(statement) || !statement.name || !CLASSES.includes(statement.name.text))
      continue;
    for (const member of statement.members) {
      const name = nameOf(member);
      if (name !== undefined && !isPrivate(member)) add(rows, statement.name.text, name, name);
    }
  }
  for (const path of ["types/realm/app.d.ts", "types/realm/services.d.ts"]) {
    walkNamespaces(parse(root, path), (statement) => {
      if (ts.isInterfaceDeclaration(statement)) {
        const owner = INTERFACES[statement.name.text];
        if (owner === undefined) return;
        for (const member of statement.members) {
          const name = nameOf(member);
          if (name === undefined) continue;
          add(rows, owner, name, name);
          const variant = overloadVariant(member);
          if (variant !== undefined) add(rows, owner, `${name}${variant}`, name);
        }
        // `user.functions.myFunction(…)`: the factory's index signature.
        if (statement.name.text === "BaseFunctionsFactory") add(rows, owner, "[name]", "functions");
      }
      if (ts.isTypeAliasDeclaration(statement) && statement.name.text === "OperationType") {
        const union = statement.type;
        if (!ts.isUnionTypeNode(union)) throw new Error("realm-web: OperationType is no longer a union");
        for (const literal of union.types) {
          if (ts.isLiteralTypeNode(literal) && ts.isStringLiteral(literal.literal)) {
            add(rows, "ChangeEvent", literal.literal.text, `"${literal.literal.text}"`);
          }
        }
      }
    });
  }
  return [...rows.values()];
}

/**
 * The members realm-web implements as a bare `throw new Error("Not yet implemented")` (read from its ES bundle,
 * the code tests run): rows that are ❌ whatever the kit does.
 */
export function readSdkStubs(root: string): Set<string> {
  const source = parse(root, "dist/bundle.es.js");
  const stubs = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isClassDeclaration(statement) || !statement.name || !CLASSES.includes(statement.name.text))
      continue;
    for (const member of statement.members) {
      const [only, ...rest] = ts.isMethodDeclaration(member) ? (member.body?.statements ?? []) : [];
      const name = nameOf(member);
      if (
        only &&
        rest.length === 0 &&
        name &&
        /^throw new Error\("Not yet implemented"\);$/.test(only.getText(source))
      ) {
        stubs.add(`${statement.name.text}.${name}`);
      }
    }
  }
  return stubs;
}
