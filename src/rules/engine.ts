/** Rules per data source, indexed by namespace, and the per-request object every decision goes through. */
import { AppServicesError, notPermitted } from "../errors.js";
import type { FunctionRequest, FunctionUser } from "../functions/types.js";
import { projectDocs } from "../mongodb/engine.js";
import type { Doc, Namespace } from "../mongodb/index.js";
import { loadMingo } from "../mongodb/mingo.js";
import { type DocumentTest, prepareApplyWhen } from "./apply-when.js";
import { assignRole, mayWrite, passesReadFilter, readableView, type WriteKind } from "./decisions.js";
import { type ExpressionScope, evaluateRule, resolve } from "./expression.js";
import { runStep, type Step } from "./steps.js";
import type { CollectionRule, DefaultRule, RuleFilter, RuleRole, RulesOptions } from "./types.js";

/** Who a rule-checked request runs for. */
export interface RuleActor {
  readonly user: FunctionUser;
  /** `%%request`: the client request, when there is one. */
  readonly request?: FunctionRequest | undefined;
}

/** Calls an app function for `%function`, as a system call that still sees `user` as `context.user`. */
export type RuleFunctionRunner = (name: string, args: unknown[], user: FunctionUser) => Promise<unknown>;

/** The rules of one collection for one request. Every method is a decision of app-config.md §7.3–7.5. */
export interface CollectionRules {
  readonly namespace: Namespace;
  /** The applying filters' queries, ANDed (undefined when no filter applies). Evaluated once per object. */
  queryFilter(): Promise<Doc | undefined>;
  /** The applying filters' projections merged (undefined when none). */
  projection(): Promise<Doc | undefined>;
  /**
   * The documents the user may read, in order, each reduced to its readable fields and then to the filters'
   * projection; unreadable documents are omitted. Results are fresh copies.
   */
  filterRead(docs: readonly Doc[]): Promise<Doc[]>;
  /** `filterRead` of one document: its readable view, or undefined. */
  readOne(doc: Doc): Promise<Doc | undefined>;
  /** The documents a write may match: those with a role whose `document_filters` let the user see them. */
  writable(docs: readonly Doc[]): Promise<Doc[]>;
  /** Throws `insert not permitted` unless the role chosen for the new document allows it. */
  checkInsert(doc: Doc): Promise<void>;
  /** Throws `update not permitted` unless the role chosen for the new version allows the change. */
  checkUpdate(before: Doc, after: Doc): Promise<void>;
  /** Throws `delete not permitted` unless the role chosen for the document allows deleting it. */
  checkDelete(doc: Doc): Promise<void>;
}

interface ServiceIndex {
  readonly defaultRule: DefaultRule | undefined;
  readonly collections: ReadonlyMap<string, CollectionRule>;
}

const nsKey = (database: string, collection: string): string => `${database}\u0000${collection}`;

/** What expansions outside the documents resolve against. */
export interface RulesEnvironment {
  readonly values: Readonly<Record<string, unknown>>;
  readonly environment?: { readonly tag: string; readonly values: Readonly<Record<string, unknown>> };
}

/** The candidate roles and the filters of a namespace (§7.3 step 2: no fallback between the two sets of roles). */
interface NamespaceRules {
  readonly roles: readonly RuleRole[];
  readonly filters: readonly RuleFilter[];
}

/** The rules of every rule-checked data source of one app. */
export class RulesEngine {
  readonly #services: ReadonlyMap<string, ServiceIndex>;
  readonly #environment: RulesEnvironment;
  #runFunction: RuleFunctionRunner | undefined;

  constructor(rules: RulesOptions | undefined, environment: RulesEnvironment) {
    this.#environment = environment;
    this.#services = new Map(
      Object.entries(rules ?? {}).map(([service, serviceRules]) => [
        service,
        {
          defaultRule: serviceRules.defaultRule,
          collections: new Map(
            (serviceRules.collections ?? []).map((rule) => [nsKey(rule.database, rule.collection), rule]),
          ),
        },
      ]),
    );
  }

  /** The app's function runner, for `%function` (set once the runner exists). */
  useFunctions(run: RuleFunctionRunner): void {
    this.#runFunction = run;
  }

  /** True when the data source is rule-checked. */
  has(service: string): boolean {
    return this.#services.has(service);
  }

  /**
   * The rules of a collection for one request; undefined when the data source has no rules (everything allowed).
   * Throws NoMatchingRuleFound for a namespace with neither collection rules nor a default rule.
   */
  forCollection(ns: Namespace, actor: RuleActor): CollectionRules | undefined {
    const index = this.#services.get(ns.service);
    if (index === undefined) return undefined;
    const rule = index.collections.get(nsKey(ns.database, ns.collection));
    if (rule === undefined && index.defaultRule === undefined) {
      throw new AppServicesError(
        "NoMatchingRuleFound",
        `no rule exists for namespace '${ns.database}.${ns.collection}'`,
      );
    }
    // FIDELITY: a rules file without roles uses the default roles, and one without filters the default filters.
    const pick = <T>(own: readonly T[] | undefined, fallback: readonly T[] | undefined): readonly T[] =>
      own !== undefined && own.length > 0 ? own : (fallback ?? []);
    const resolved: NamespaceRules = {
      roles: pick(rule?.roles, index.defaultRule?.roles),
      filters: pick(rule?.filters, index.defaultRule?.filters),
    };
    const runFunction = this.#runFunction;
    const scope: ExpressionScope = {
      user: actor.user,
      values: this.#environment.values,
      ...(this.#environment.environment ? { environment: this.#environment.environment } : {}),
      request: actor.request,
      callFunction: runFunction ? (name, args) => runFunction(name, args, actor.user) : undefined,
    };
    return new RequestRules({ ...ns }, resolved, scope);
  }
}

/** Merges applying filters' projections; inclusive and exclusive ones cannot be mixed. */
function mergeProjections(projections: readonly Doc[]): Doc | undefined {
  const merged: Doc = {};
  for (const projection of projections) Object.assign(merged, projection);
  const kinds = new Set(
    Object.entries(merged)
      .filter(([key]) => key !== "_id")
      .map(([, value]) => (value === 0 || value === false ? "exclude" : "include")),
  );
  if (kinds.size > 1) {
    throw new AppServicesError(
      "MongoDBError",
      "the applying filters mix inclusive and exclusive projections",
    );
  }
  return Object.keys(merged).length > 0 ? merged : undefined;
}

class RequestRules implements CollectionRules {
  readonly namespace: Namespace;
  readonly #rules: NamespaceRules;
  readonly #scope: ExpressionScope;
  #filters: Promise<{ query: Doc | undefined; projection: Doc | undefined }> | undefined;
  #prepared: readonly (DocumentTest | undefined)[] | undefined;

  constructor(namespace: Namespace, rules: NamespaceRules, scope: ExpressionScope) {
    this.namespace = namespace;
    this.#rules = rules;
    this.#scope = scope;
  }

  /** Filters see no document (`%%root` is unset in their apply_when). */
  #applyingFilters(): Promise<{ query: Doc | undefined; projection: Doc | undefined }> {
    this.#filters ??= (async () => {
      const queries: Doc[] = [];
      const projections: Doc[] = [];
      for (const filter of this.#rules.filters) {
        if ((await evaluateRule(filter.apply_when ?? {}, this.#scope)) !== true) continue;
        if (filter.query && Object.keys(filter.query).length > 0) {
          queries.push((await resolve(filter.query, this.#scope)) as Doc);
        }
        if (filter.projection && Object.keys(filter.projection).length > 0) {
          projections.push(filter.projection as Doc);
        }
      }
      const query = queries.length === 0 ? undefined : queries.length === 1 ? queries[0] : { $and: queries };
      return { query, projection: mergeProjections(projections) };
    })();
    return this.#filters;
  }

  /** The roles' `apply_when`, prepared once for this request where their shape allows (see apply-when.ts). */
  #roleTests(): readonly (DocumentTest | undefined)[] {
    this.#prepared ??= this.#rules.roles.map((role) => prepareApplyWhen(role.apply_when, this.#scope));
    return this.#prepared;
  }

  async queryFilter(): Promise<Doc | undefined> {
    return (await this.#applyingFilters()).query;
  }

  async projection(): Promise<Doc | undefined> {
    return (await this.#applyingFilters()).projection;
  }

  async readOne(doc: Doc): Promise<Doc | undefined> {
    const [view] = await this.filterRead([doc]);
    return view;
  }

  async filterRead(docs: readonly Doc[]): Promise<Doc[]> {
    await loadMingo();
    const roles = this.#rules.roles;
    const base = this.#scope;
    const prepared = this.#roleTests();
    const views = await runStep(
      (function* (): Step<Doc[]> {
        const out: Doc[] = [];
        // One scope for every document (a copy per document was a third of the time): documents are decided one
        // after the other, and nothing keeps the scope past its document.
        const scope: { -readonly [K in keyof ExpressionScope]: ExpressionScope[K] } = { ...base };
        for (const doc of docs) {
          scope.root = doc;
          const role = yield* assignRole(roles, scope, prepared);
          const view = role === undefined ? undefined : yield* readableView(role, doc, scope);
          if (view !== undefined) out.push(view);
        }
        return out;
      })(),
    );
    return projectDocs(views, await this.projection());
  }

  async writable(docs: readonly Doc[]): Promise<Doc[]> {
    await loadMingo();
    const roles = this.#rules.roles;
    const base = this.#scope;
    const prepared = this.#roleTests();
    return runStep(
      (function* (): Step<Doc[]> {
        const out: Doc[] = [];
        const scope: { -readonly [K in keyof ExpressionScope]: ExpressionScope[K] } = { ...base };
        for (const doc of docs) {
          scope.root = doc;
          const role = yield* assignRole(roles, scope, prepared);
          if (role !== undefined && (yield* passesReadFilter(role, scope))) out.push(doc);
        }
        return out;
      })(),
    );
  }

  async #check(kind: WriteKind, scope: ExpressionScope): Promise<void> {
    await loadMingo();
    const roles = this.#rules.roles;
    const prepared = this.#roleTests();
    const allowed = await runStep(
      (function* (): Step<boolean> {
        const role = yield* assignRole(roles, scope, prepared);
        return role !== undefined && (yield* mayWrite(role, kind, scope));
      })(),
    );
    if (!allowed) throw notPermitted(kind);
  }

  checkInsert(doc: Doc): Promise<void> {
    return this.#check("insert", { ...this.#scope, root: doc });
  }

  checkUpdate(before: Doc, after: Doc): Promise<void> {
    return this.#check("update", { ...this.#scope, root: after, prevRoot: before });
  }

  checkDelete(doc: Doc): Promise<void> {
    return this.#check("delete", { ...this.#scope, root: doc, prevRoot: doc });
  }
}

/** The rules engine of each app, for other engines (GraphQL) that need the same decisions. */
const engines = new WeakMap<object, RulesEngine>();

/** Registers the rules engine of an app runtime (done once by the MongoDB services). */
export function attachRules(runtime: object, engine: RulesEngine): void {
  engines.set(runtime, engine);
}

/**
 * The rules of a collection for one request of `actor`, or undefined when the data source is not rule-checked
 * (or the runtime has no rules engine). Throws NoMatchingRuleFound like a client request would.
 */
export function rulesFor(runtime: object, ns: Namespace, actor: RuleActor): CollectionRules | undefined {
  return engines.get(runtime)?.forCollection(ns, actor);
}
