import { Decimal128, Long, ObjectId } from "bson";
import {
  GraphQLBoolean,
  GraphQLError,
  GraphQLFloat,
  GraphQLInt,
  GraphQLScalarType,
  GraphQLString,
  Kind,
  type ValueNode,
} from "graphql";
import { bsonTypeOf as bsonClassOf } from "../mongodb/bson-values.js";
import type { ScalarName } from "./model.js";

// Custom scalars of the generated schema (../shared/spec/graphql-api.md §2.3).

const HEX24 = /^[0-9a-fA-F]{24}$/;

function objectIdHex(value: unknown): string {
  if (typeof value === "string" && HEX24.test(value)) return value.toLowerCase();
  const kind = bsonClassOf(value);
  if (kind === "ObjectId" || kind === "ObjectID") return (value as ObjectId).toHexString();
  throw new GraphQLError(`ObjectId cannot represent value: ${String(value)}`);
}

function parseObjectId(value: unknown): ObjectId {
  if (typeof value === "string" && HEX24.test(value)) return ObjectId.createFromHexString(value);
  throw new GraphQLError(`ObjectId cannot represent a non-ObjectId value: ${JSON.stringify(value)}`);
}

const literal = (ast: ValueNode): unknown =>
  ast.kind === Kind.STRING
    ? ast.value
    : ast.kind === Kind.INT || ast.kind === Kind.FLOAT
      ? Number(ast.value)
      : null;

export const GraphQLObjectId = new GraphQLScalarType<ObjectId, string>({
  name: "ObjectId",
  serialize: objectIdHex,
  parseValue: parseObjectId,
  parseLiteral: (ast) => parseObjectId(literal(ast)),
});

/** RFC 3339 with a time zone; dates alone (`2025-01-31`) are read as midnight UTC. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/;

function parseDateTime(value: unknown): Date {
  const date = typeof value === "string" && RFC3339.test(value) ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime cannot represent a non-RFC 3339 value: ${JSON.stringify(value)}`);
  }
  return date;
}

// FIDELITY: DateTime values are written as ISO strings in UTC with milliseconds (`2025-01-31T00:00:00.000Z`);
// the real server's formatting of milliseconds is unconfirmed.
export const GraphQLDateTime = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  serialize: (value) => {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    if (bsonClassOf(value) === "Timestamp") {
      return new Date((value as { high: number }).high * 1000).toISOString();
    }
    if (typeof value === "string") return parseDateTime(value).toISOString();
    throw new GraphQLError(`DateTime cannot represent value: ${String(value)}`);
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(literal(ast)),
});

function parseLong(value: unknown): Long {
  if (typeof value === "number" && Number.isSafeInteger(value)) return Long.fromNumber(value);
  if (typeof value === "string" && /^-?\d{1,19}$/.test(value)) {
    const long = Long.fromString(value);
    if (long.toString() === value.replace(/^(-?)0+(?=\d)/, "$1")) return long;
  }
  throw new GraphQLError(`Long cannot represent a non-64-bit-integer value: ${JSON.stringify(value)}`);
}

// FIDELITY: the wire form of Long is unconfirmed: the kit writes a JSON number when it is a safe integer, else a
// decimal string, and reads both.
export const GraphQLLong = new GraphQLScalarType<Long, number | string>({
  name: "Long",
  serialize: (value) => {
    const long =
      bsonClassOf(value) === "Long"
        ? (value as Long)
        : typeof value === "number" && Number.isInteger(value)
          ? Long.fromNumber(value)
          : undefined;
    if (long === undefined) throw new GraphQLError(`Long cannot represent value: ${String(value)}`);
    const n = long.toNumber();
    return Number.isSafeInteger(n) ? n : long.toString();
  },
  parseValue: parseLong,
  parseLiteral: (ast) => parseLong(ast.kind === Kind.INT ? ast.value : literal(ast)),
});

/** The GraphQL scalar of each scalar name. */
export const SCALAR_TYPES: Readonly<Record<ScalarName, GraphQLScalarType>> = {
  ObjectId: GraphQLObjectId,
  String: GraphQLString,
  Boolean: GraphQLBoolean,
  Int: GraphQLInt,
  Long: GraphQLLong,
  Float: GraphQLFloat,
  DateTime: GraphQLDateTime,
};

/** A stored value as the built-in scalars expect it (BSON number wrappers and Decimal128 to JS numbers). */
export function readScalar(scalar: ScalarName, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if ((scalar === "Int" || scalar === "Float") && typeof value === "object") {
    const kind = bsonClassOf(value);
    if (kind === "Decimal128") return Number.parseFloat((value as Decimal128).toString());
    if (kind === "Int32" || kind === "Double" || kind === "Long") return Number(value.valueOf());
  }
  return value;
}

/** A GraphQL input value as stored for the field's BSON type (decimal fields become Decimal128). */
export function writeScalar(bsonType: string, value: unknown): unknown {
  if (bsonType === "decimal" && typeof value === "number") return Decimal128.fromString(String(value));
  return value;
}
