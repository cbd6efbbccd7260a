import type { Doc } from "../mongodb/index.js";
import { isPlainObject } from "../mongodb/index.js";
import type { CollectionModel } from "./collections.js";
import type { GraphqlContext } from "./context.js";
import { queryMembers, updateMembers } from "./members.js";
import type { FieldModel, ItemShape, ObjectModel, RelationShape } from "./model.js";
import { own } from "./output-types.js";
import { writeScalar } from "./scalars.js";

// GraphQL input values (already coerced by graphql-js: only declared members, scalars parsed to BSON) to MongoDB
// filters, documents and update documents (../shared/spec/graphql-api.md §4, §5).

const COMPARISONS: Readonly<Record<string, string>> = {
  ne: "$ne",
  gt: "$gt",
  gte: "$gte",
  lt: "$lt",
  lte: "$lte",
  in: "$in",
  nin: "$nin",
};

type Input = Readonly<Record<string, unknown>>;

const entries = (input: unknown): [string, unknown][] => (isPlainObject(input) ? Object.entries(input) : []);
const inputs = (value: unknown): Input[] => (Array.isArray(value) ? value.filter(isPlainObject) : []);

/** Translates inputs of one request; relationship inputs read and write foreign collections as the user. */
export class Translator {
  readonly #context: GraphqlContext;
  readonly #target: (shape: RelationShape) => CollectionModel;

  constructor(context: GraphqlContext, target: (shape: RelationShape) => CollectionModel) {
    this.#context = context;
    this.#target = target;
  }

  /** A `…QueryInput` value as a MongoDB filter (members ANDed; nested objects by dotted path). */
  filter(model: ObjectModel, input: unknown, prefix = ""): Doc {
    const clauses: Doc[] = [];
    const members = queryMembers(model);
    for (const [name, value] of entries(input)) {
      if (name === "AND" || name === "OR") {
        const parts = inputs(value).map((part) => this.filter(model, part, prefix));
        if (parts.length > 0) clauses.push({ [name === "AND" ? "$and" : "$or"]: parts });
        continue;
      }
      const member = members.get(name);
      if (member === undefined) continue;
      clauses.push(this.#clause(member.field, member.op, value, `${prefix}${member.field.key}`));
    }
    if (clauses.length === 0) return {};
    return clauses.length === 1 ? (clauses[0] as Doc) : { $and: clauses };
  }

  #clause(field: FieldModel, op: string, value: unknown, path: string): Doc {
    const { shape } = field;
    // FIDELITY: `_exists: true` means "present and not null", as the docs describe.
    if (op === "exists") return { [path]: value === true ? { $ne: null } : null };
    if (shape.kind === "relation") return this.#relationClause(shape, op, value, path);
    if (shape.kind === "object")
      return value === null ? { [path]: null } : this.filter(shape.type, value, `${path}.`);
    if (shape.kind === "array" && shape.items.kind === "object") {
      const nested = shape.items.type;
      const matches = inputs(value).map((part) => this.filter(nested, part));
      // FIDELITY: semantics of array-of-object filters are unconfirmed: the list form asks that every given
      // input match some element; `_in` that some element match one of them; `_nin` that none does.
      if (op === "eq")
        return value === null
          ? { [path]: null }
          : { $and: matches.map((m) => ({ [path]: { $elemMatch: m } })) };
      const any = { [path]: { $elemMatch: { $or: matches } } };
      return op === "in" ? any : { $nor: [any] };
    }
    const stored = this.#write(shape.kind === "array" ? shape.items : shape, value);
    if (op === "eq") return { [path]: shape.kind === "array" ? this.#array(shape.items, value) : stored };
    const operator = COMPARISONS[op] ?? "$eq";
    return {
      [path]: {
        [operator]: Array.isArray(value)
          ? this.#array(shape.kind === "array" ? shape.items : shape, value)
          : stored,
      },
    };
  }

  /**
   * FIDELITY: relationship filters are unconfirmed; the kit reads the foreign documents matching the input (as
   * the user) and matches source values among their foreign keys.
   */
  #relationClause(shape: RelationShape, op: string, value: unknown, path: string): Doc {
    const keysOf = (input: unknown): unknown[] => {
      const target = this.#target(shape);
      const found = this.#context.run(target.ns, "find", { query: this.filter(target.type, input) }) as Doc[];
      return found.map((doc) => own(doc, shape.foreignKey)).filter((v) => v !== undefined);
    };
    if (value === null) return { [path]: null };
    if (!shape.isList) return { [path]: { $in: keysOf(value) } };
    const parts = inputs(value);
    if (op === "eq") return { $and: parts.map((part) => ({ [path]: { $in: keysOf(part) } })) };
    const keys = parts.flatMap(keysOf);
    return { [path]: { [op === "in" ? "$in" : "$nin"]: keys } };
  }

  /** An `…InsertInput` value as a document to store (stored keys, BSON types, relationships resolved). */
  document(model: ObjectModel, input: unknown): Doc {
    const doc: Doc = {};
    for (const field of model.fields) {
      if (!isPlainObject(input) || !Object.hasOwn(input, field.name)) continue;
      doc[field.key] = this.#value(field, input[field.name]);
    }
    return doc;
  }

  /** A field value of an insert or `set` input, as stored. */
  #value(field: FieldModel, value: unknown): unknown {
    const { shape } = field;
    if (value === null) return null;
    if (shape.kind === "relation") return this.#link(shape, value);
    if (shape.kind === "array") return this.#array(shape.items, value);
    return this.#write(shape, value);
  }

  #array(items: ItemShape, value: unknown): unknown {
    return Array.isArray(value) ? value.map((v) => this.#write(items, v)) : value;
  }

  #write(shape: ItemShape, value: unknown): unknown {
    if (value === null) return null;
    return shape.kind === "scalar" ? writeScalar(shape.bsonType, value) : this.document(shape.type, value);
  }

  /** `{ link, create }`: `create` inserts foreign documents (as the user) and wins over `link`. */
  #link(shape: RelationShape, value: unknown): unknown {
    if (!isPlainObject(value)) return null;
    const { create, link } = value;
    if (create === undefined || create === null) {
      return Array.isArray(link) ? link.map((v) => writeScalar(shape.source.bsonType, v)) : (link ?? null);
    }
    const target = this.#target(shape);
    const insert = (input: unknown): unknown => {
      const doc = this.document(target.type, input);
      const { insertedId } = this.#context.run(target.ns, "insertOne", { document: doc }) as {
        insertedId: unknown;
      };
      return shape.foreignKey === "_id" ? insertedId : own(doc, shape.foreignKey);
    };
    return Array.isArray(create) ? create.map(insert) : insert(create);
  }

  /**
   * A `…UpdateInput` value as `{ $set, $unset, $inc }` (empty operators left out).
   *
   * FIDELITY: the update mapping is unconfirmed: `f` → `$set`, `f_unset: true` → `$unset`, `f_inc` → `$inc`; an
   * embedded object's `…UpdateInput` updates its fields by dotted path (the rest of the object is kept).
   */
  update(
    model: ObjectModel,
    input: unknown,
    prefix = "",
    into: Record<string, Doc> = {},
  ): Record<string, Doc> {
    const put = (operator: string, path: string, value: unknown) => {
      into[operator] = { ...into[operator], [path]: value };
    };
    const members = updateMembers(model);
    for (const [name, value] of entries(input)) {
      const member = members.get(name);
      if (member === undefined) continue;
      const { field, op } = member;
      const path = `${prefix}${field.key}`;
      if (op === "unset") {
        if (value === true) put("$unset", path, "");
      } else if (op === "inc") {
        if (value !== null) put("$inc", path, this.#value(field, value));
      } else if (field.shape.kind === "object" && isPlainObject(value)) {
        this.update(field.shape.type, value, `${path}.`, into);
      } else if (field.shape.kind === "array" && field.shape.items.kind === "object") {
        const nested = field.shape.items.type;
        put(
          "$set",
          path,
          Array.isArray(value) ? inputs(value).map((v) => this.#updateAsDocument(nested, v)) : null,
        );
      } else {
        put("$set", path, this.#value(field, value));
      }
    }
    return into;
  }

  /** An element of a list of embedded `…UpdateInput`s: its set members make the new element. */
  #updateAsDocument(model: ObjectModel, input: Input): Doc {
    const doc: Doc = {};
    for (const [name, value] of Object.entries(input)) {
      const member = updateMembers(model).get(name);
      if (member?.op === "set") doc[member.field.key] = this.#value(member.field, value);
    }
    return doc;
  }
}
