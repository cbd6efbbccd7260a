import { Long } from "bson";
import type { Doc } from "../mongodb/index.js";
import { isPlainObject } from "../mongodb/index.js";
import type { CollectionModel } from "./collections.js";
import type { GraphqlContext } from "./context.js";
import { queryMembers, updateMembers } from "./members.js";
import type { FieldModel, ItemShape, ObjectModel, RelationShape, ScalarShape } from "./model.js";
import { own } from "./output-types.js";
import { writeScalar } from "./scalars.js";

// GraphQL input values (already coerced by graphql-js: only declared members, scalars parsed to BSON) to MongoDB
// filters, documents and update documents (../shared/spec/graphql-api.md §4, §5). Asynchronous because
// relationship inputs read and write foreign collections through the MongoDB service.

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

/** Maps in order, one at a time: relationship `create`s insert in input order. */
async function inOrder<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

const scalarValue = (shape: ScalarShape, value: unknown): unknown =>
  Array.isArray(value)
    ? value.map((v) => writeScalar(shape.bsonType, v))
    : writeScalar(shape.bsonType, value);

/** A filter value: Longs in the safe range compare as numbers (the engine compares numbers across types). */
const filterValue = (shape: ScalarShape, value: unknown): unknown => {
  const stored = scalarValue(shape, value);
  if (shape.scalar !== "Long") return stored;
  const plain = (v: unknown) => {
    const n = v instanceof Long ? v.toNumber() : undefined;
    return n !== undefined && Number.isSafeInteger(n) ? n : v;
  };
  return Array.isArray(stored) ? stored.map(plain) : plain(stored);
};

/** Translates inputs of one request; relationship inputs read and write foreign collections as the user. */
export class Translator {
  readonly #context: GraphqlContext;
  readonly #target: (shape: RelationShape) => CollectionModel;

  constructor(context: GraphqlContext, target: (shape: RelationShape) => CollectionModel) {
    this.#context = context;
    this.#target = target;
  }

  /** A `…QueryInput` value as a MongoDB filter (members ANDed; nested objects by dotted path). */
  async filter(model: ObjectModel, input: unknown, prefix = ""): Promise<Doc> {
    const clauses: Doc[] = [];
    const members = queryMembers(model);
    for (const [name, value] of entries(input)) {
      if (name === "AND" || name === "OR") {
        const parts = await inOrder(inputs(value), (part) => this.filter(model, part, prefix));
        if (parts.length > 0) clauses.push({ [name === "AND" ? "$and" : "$or"]: parts });
        continue;
      }
      const member = members.get(name);
      if (member === undefined) continue;
      clauses.push(await this.#clause(member.field, member.op, value, `${prefix}${member.field.key}`));
    }
    if (clauses.length === 0) return {};
    return clauses.length === 1 ? (clauses[0] as Doc) : { $and: clauses };
  }

  async #clause(field: FieldModel, op: string, value: unknown, path: string): Promise<Doc> {
    const { shape } = field;
    // FIDELITY: `_exists: true` means "present and not null", as the docs describe.
    if (op === "exists") return { [path]: value === true ? { $ne: null } : null };
    if (value === null && op === "eq") return { [path]: null };
    if (shape.kind === "relation") return this.#relationClause(shape, op, value, path);
    if (shape.kind === "object") return this.filter(shape.type, value, `${path}.`);
    const item = shape.kind === "array" ? shape.items : shape;
    if (item.kind === "object") {
      const matches = await inOrder(inputs(value), (part) => this.filter(item.type, part));
      // FIDELITY: semantics of array-of-object filters are unconfirmed: the list form asks that every given
      // input match some element; `_in` that some element match one of them; `_nin` that none does.
      if (op === "eq") return { $and: matches.map((m) => ({ [path]: { $elemMatch: m } })) };
      const any = { [path]: { $elemMatch: { $or: matches } } };
      return op === "in" ? any : { $nor: [any] };
    }
    const stored = filterValue(item, value);
    return op === "eq" ? { [path]: stored } : { [path]: { [COMPARISONS[op] ?? "$eq"]: stored } };
  }

  /**
   * FIDELITY: relationship filters are unconfirmed; the kit reads the foreign documents matching the input (as
   * the user) and matches source values among their foreign keys.
   */
  async #relationClause(shape: RelationShape, op: string, value: unknown, path: string): Promise<Doc> {
    const target = this.#target(shape);
    const keysOf = async (input: unknown): Promise<unknown[]> => {
      const query = await this.filter(target.type, input);
      const found = (await this.#context.run(target.ns, "find", { query })) as Doc[];
      return found.map((doc) => own(doc, shape.foreignKey)).filter((v) => v !== undefined);
    };
    if (!shape.isList) return { [path]: { $in: await keysOf(value) } };
    const keys = await inOrder(inputs(value), keysOf);
    if (op === "eq") return { $and: keys.map((some) => ({ [path]: { $in: some } })) };
    return { [path]: { [op === "in" ? "$in" : "$nin"]: keys.flat() } };
  }

  /** An `…InsertInput` value as a document to store (stored keys, BSON types, relationships resolved). */
  async document(model: ObjectModel, input: unknown): Promise<Doc> {
    const doc: Doc = {};
    for (const field of model.fields) {
      if (!isPlainObject(input) || !Object.hasOwn(input, field.name)) continue;
      doc[field.key] = await this.#value(field, input[field.name]);
    }
    return doc;
  }

  /** A field value of an insert or `set` input, as stored. */
  async #value(field: FieldModel, value: unknown): Promise<unknown> {
    const { shape } = field;
    if (value === null) return null;
    if (shape.kind === "relation") return this.#link(shape, value);
    if (shape.kind !== "array") return this.#write(shape, value);
    return Array.isArray(value) ? inOrder(value, (v) => this.#write(shape.items, v)) : value;
  }

  async #write(shape: ItemShape, value: unknown): Promise<unknown> {
    if (value === null) return null;
    return shape.kind === "scalar" ? writeScalar(shape.bsonType, value) : this.document(shape.type, value);
  }

  /** `{ link, create }`: `create` inserts foreign documents (as the user) and wins over `link`. */
  async #link(shape: RelationShape, value: unknown): Promise<unknown> {
    if (!isPlainObject(value)) return null;
    const { create, link } = value;
    if (create === undefined || create === null)
      return link === undefined ? null : scalarValue(shape.source, link);
    const target = this.#target(shape);
    const insert = async (input: unknown): Promise<unknown> => {
      const document = await this.document(target.type, input);
      const { insertedId } = (await this.#context.run(target.ns, "insertOne", { document })) as Doc;
      return shape.foreignKey === "_id" ? insertedId : own(document, shape.foreignKey);
    };
    return Array.isArray(create) ? inOrder(create, insert) : insert(create);
  }

  /**
   * A `…UpdateInput` value as `{ $set, $unset, $inc }` (empty operators left out).
   *
   * FIDELITY: the update mapping is unconfirmed: `f` → `$set`, `f_unset: true` → `$unset`, `f_inc` → `$inc`; an
   * embedded object's `…UpdateInput` updates its fields by dotted path (the rest of the object is kept).
   */
  async update(
    model: ObjectModel,
    input: unknown,
    prefix = "",
    into: Record<string, Doc> = {},
  ): Promise<Record<string, Doc>> {
    const put = (operator: string, path: string, value: unknown) => {
      into[operator] = { ...into[operator], [path]: value };
    };
    const members = updateMembers(model);
    for (const [name, value] of entries(input)) {
      const member = members.get(name);
      if (member === undefined) continue;
      const { field, op } = member;
      const { shape } = field;
      const path = `${prefix}${field.key}`;
      if (op === "unset") {
        if (value === true) put("$unset", path, "");
      } else if (op === "inc") {
        if (value !== null) put("$inc", path, await this.#value(field, value));
      } else if (shape.kind === "object" && isPlainObject(value)) {
        await this.update(shape.type, value, `${path}.`, into);
      } else if (shape.kind === "array" && shape.items.kind === "object" && Array.isArray(value)) {
        const nested = shape.items.type;
        put("$set", path, await inOrder(inputs(value), (v) => this.#updateAsDocument(nested, v)));
      } else {
        put("$set", path, await this.#value(field, value));
      }
    }
    return into;
  }

  /** An element of a list of embedded `…UpdateInput`s: its set members make the new element. */
  async #updateAsDocument(model: ObjectModel, input: Input): Promise<Doc> {
    const doc: Doc = {};
    for (const [name, value] of Object.entries(input)) {
      const member = updateMembers(model).get(name);
      if (member?.op === "set") doc[member.field.key] = await this.#value(member.field, value);
    }
    return doc;
  }
}
