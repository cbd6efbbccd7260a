import pluralize from "pluralize";

// Naming of generated GraphQL types and fields (../shared/spec/graphql-api.md §2.1, §2.2).

const VALID_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

const upperFirst = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * A GraphQL field name for a stored key: valid names are kept verbatim; otherwise unsupported characters split the
 * key into words whose first letters are capitalised, and leading digits are dropped. Undefined: no usable name
 * (empty, or starting with `__`, which GraphQL reserves).
 */
export function graphqlFieldName(key: string): string | undefined {
  if (key.startsWith("__")) return undefined;
  if (VALID_NAME.test(key)) return key;
  const joined = key
    .split(/[^_0-9A-Za-z]+/)
    .filter((word) => word !== "")
    .map(upperFirst)
    .join("")
    .replace(/^[0-9]+/, "");
  return joined === "" || joined.startsWith("__") ? undefined : joined;
}

/** A type name from a schema title: singularised (ActiveSupport-like rules), first letter upper-cased. */
export function typeNameOf(title: string): string {
  return upperFirst(pluralize.singular(graphqlFieldName(title) ?? title));
}

/** The name of an embedded object's type: parent type + field (first letter upper-cased), singularised. */
export function nestedTypeName(parent: string, field: string): string {
  return `${parent}${upperFirst(pluralize.singular(field))}`;
}

/** The singular and plural forms of a collection's root type, as query fields and in mutation names. */
export interface CollectionNames {
  /** `Task` */
  readonly type: string;
  /** `task` */
  readonly singular: string;
  /** `tasks` */
  readonly plural: string;
}

/**
 * Plural: the natural English plural when `natural`; if disabled or unchanged by pluralisation, `s` is appended
 * (`entity` → `entities`, `taxa` → `taxas`, `Mouse` → `mice`).
 */
export function collectionNames(type: string, natural: boolean): CollectionNames {
  const singular = lowerFirst(type);
  const plural = natural ? pluralize.plural(singular) : singular;
  return { type, singular, plural: plural === singular ? `${singular}s` : plural };
}

export { lowerFirst, upperFirst };
