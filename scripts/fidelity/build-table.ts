import { type Claim, type RouteClaim, type Status, sdkThrows } from "../../test/fidelity/registry.js";
import { type CodeNote, codeNotes } from "./code-notes.js";
import type { SdkMember } from "./sdk-surface.js";
import type { TestCase } from "./test-index.js";

/** One row of the fidelity table. */
export interface FidelityRow {
  readonly kind: "sdk" | "route";
  readonly id: string;
  readonly status: Status;
  readonly missing: string | undefined;
  readonly deviation: string | undefined;
  /** `file › title`, each checked to exist. */
  readonly tests: readonly string[];
  readonly code: readonly string[];
  readonly notes: readonly CodeNote[];
  /** Routes: the realm-web members that send it. */
  readonly via: readonly string[];
}

export interface FidelityInput {
  readonly root: string;
  readonly members: readonly SdkMember[];
  /** Members realm-web itself implements as "Not yet implemented". */
  readonly stubs: ReadonlySet<string>;
  /** Route ids in the pipeline's matching order (plus the fallback row). */
  readonly routes: readonly string[];
  readonly tests: readonly TestCase[];
  readonly sdkClaims: Readonly<Record<string, Claim>>;
  readonly routeClaims: Readonly<Record<string, RouteClaim>>;
  /** The bold leads of the README's "Deviations" entries, and the text of each. */
  readonly deviations: ReadonlyMap<string, string>;
}

export interface FidelityTable {
  readonly rows: readonly FidelityRow[];
  /** Everything that makes the table wrong; `npm test` fails unless empty. */
  readonly problems: readonly string[];
}

const literal = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What a test that exercises `member` must contain: a use of the member, an option key or an event type. */
function witness(member: SdkMember): RegExp {
  if (member.witness.startsWith('"')) return new RegExp(literal(member.witness));
  if (member.id === "functions[name]") return /\.functions\.\w+\(/;
  const word = literal(member.witness);
  return new RegExp(`\\.${word}\\b|\\b${word}\\s*:`);
}

/** Checks each test reference and returns the problems found (unknown or ambiguous test, no use of the member). */
function checkTests(
  id: string,
  references: readonly string[],
  tests: readonly TestCase[],
  member: SdkMember | undefined,
): string[] {
  return references.flatMap((reference) => {
    const [file, title] = reference.split(" › ");
    const found = tests.filter((t) => t.file === file && t.title === title);
    if (found.length === 0) return [`${id}: no test "${title}" in ${file}`];
    if (found.length > 1) return [`${id}: ${found.length} tests are titled "${title}" in ${file}`];
    const [test] = found;
    if (member && test && !witness(member).test(test.body)) {
      return [`${id}: the test "${title}" (${file}) does not use ${member.witness}`];
    }
    return [];
  });
}

/**
 * Joins realm-web's members and the kit's routes with the registry: one row each, in the order of the SDK's
 * declarations and of the route table. Every gap is a problem, never a silent omission.
 */
export function buildTable(input: FidelityInput): FidelityTable {
  const problems: string[] = [];
  const members = new Map(input.members.map((m) => [m.id, m]));
  const rowFor = (
    kind: "sdk" | "route",
    id: string,
    claim: Claim | RouteClaim | undefined,
  ): FidelityRow[] => {
    if (claim === undefined) {
      problems.push(`${id}: no row (add it to test/fidelity/registry.ts)`);
      return [];
    }
    const via = "via" in claim ? (claim.via ?? []) : [];
    for (const name of via)
      if (!members.has(name)) problems.push(`${id}: via names no realm-web member ${name}`);
    const tests = [
      ...(claim.tests ?? []),
      ...via
        .flatMap((name) => input.sdkClaims[name]?.tests ?? [])
        .filter((t, i, all) => all.indexOf(t) === i),
    ];
    problems.push(...checkTests(id, claim.tests ?? [], input.tests, members.get(id)));
    if (claim.status === "emulated" && tests.length === 0) problems.push(`${id}: ✅ without a test`);
    if (claim.status === "partial" && tests.length === 0)
      problems.push(`${id}: ◐ without a test of what works`);
    if (claim.status !== "emulated" && (claim.missing === undefined || claim.deviation === undefined)) {
      problems.push(`${id}: a ◐/❌ row must say what is missing and name its README "Deviations" entry`);
    }
    if (input.stubs.has(id) && claim.status !== "missing") {
      problems.push(`${id}: realm-web 2.0.1 throws "Not yet implemented" here, so the row must be ❌`);
    }
    if (claim === sdkThrows && !input.stubs.has(id)) {
      problems.push(`${id}: realm-web implements it; the row says realm-web throws "Not yet implemented"`);
    }
    if (claim.deviation !== undefined && !input.deviations.has(claim.deviation)) {
      problems.push(`${id}: README "Deviations" has no entry "${claim.deviation}"`);
    }
    let notes: CodeNote[] = [];
    try {
      notes = (claim.code ?? []).flatMap((reference) => codeNotes(input.root, reference));
    } catch (error) {
      problems.push(`${id}: ${(error as Error).message}`);
    }
    return [
      {
        kind,
        id,
        status: claim.status,
        missing: claim.missing,
        deviation: claim.deviation,
        tests,
        code: claim.code ?? [],
        notes,
        via,
      },
    ];
  };
  const rows = [
    ...input.members.flatMap((m) => rowFor("sdk", m.id, input.sdkClaims[m.id])),
    ...input.routes.flatMap((id) => rowFor("route", id, input.routeClaims[id])),
  ];
  const known = new Set([...members.keys(), ...input.routes]);
  for (const id of [...Object.keys(input.sdkClaims), ...Object.keys(input.routeClaims)]) {
    if (!known.has(id))
      problems.push(`${id}: the registry has a row for something realm-web or the kit lacks`);
  }
  // The other direction: a Deviations entry that says the kit answers 501 must be some ◐/❌ row's explanation.
  const explained = new Set(rows.filter((r) => r.status !== "emulated").map((r) => r.deviation));
  for (const [lead, text] of input.deviations) {
    if (/\b501\b/.test(text) && !explained.has(lead)) {
      problems.push(`README "Deviations" entry "${lead}" names a 501, but no ◐/❌ row links it`);
    }
  }
  return { rows, problems };
}
