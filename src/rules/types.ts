// The collection rules of a MongoDB data source, in the shape of an exported app's files
// (`data_sources/<service>/default_rule.json` and `<db>/<coll>/rules.json`; ../shared/spec/app-config.md §7.2).
// This is the contract between the app loader (which reads the files) and the rules engine (which enforces them).

/** A rule expression: a boolean, or a JSON object using `%%` expansions and `%` operators (§7.7). */
export type RuleExpression = boolean | { readonly [key: string]: unknown };

/** Field-level permissions; a field's permission covers its embedded fields. */
export interface FieldPermission {
  readonly read?: RuleExpression;
  readonly write?: RuleExpression;
  readonly fields?: Readonly<Record<string, FieldPermission>>;
}

/** One role of a collection (or of the default rule). */
export interface RuleRole {
  readonly name: string;
  readonly apply_when?: RuleExpression;
  readonly document_filters?: { readonly read?: RuleExpression; readonly write?: RuleExpression };
  readonly read?: RuleExpression;
  readonly write?: RuleExpression;
  readonly insert?: RuleExpression;
  readonly delete?: RuleExpression;
  readonly search?: RuleExpression;
  readonly fields?: Readonly<Record<string, FieldPermission>>;
  readonly additional_fields?: { readonly read?: RuleExpression; readonly write?: RuleExpression };
}

/** A query filter merged into every rule-checked request it applies to. */
export interface RuleFilter {
  readonly name: string;
  readonly apply_when?: RuleExpression;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly projection?: Readonly<Record<string, unknown>>;
}

/** `default_rule.json`. */
export interface DefaultRule {
  readonly roles?: readonly RuleRole[];
  readonly filters?: readonly RuleFilter[];
}

/** `<db>/<coll>/rules.json`. */
export interface CollectionRule extends DefaultRule {
  readonly database: string;
  readonly collection: string;
}

/** The rules of one data source. */
export interface ServiceRules {
  readonly defaultRule?: DefaultRule;
  readonly collections?: readonly CollectionRule[];
}

/**
 * `createMockApp({ rules })`: rules per MongoDB data source name. A service named here is rule-checked for client
 * requests and user functions (a namespace with no rule and no default rule is refused: NoMatchingRuleFound); a
 * service not named keeps the kit's default of no rules (every authenticated user may read and write).
 */
export type RulesOptions = Readonly<Record<string, ServiceRules>>;
