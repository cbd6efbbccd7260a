import {
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLNullableType,
  GraphQLObjectType,
} from "graphql";
import type { Doc } from "../mongodb/index.js";
import type { CollectionModel } from "./collections.js";
import type { GraphqlContext } from "./context.js";
import type { InputTypes, SortValue } from "./input-types.js";
import { upperFirst } from "./naming.js";
import type { OutputTypes } from "./output-types.js";
import { GraphQLObjectId } from "./scalars.js";
import { Translator } from "./translate.js";

// The generated queries and mutations of each collection (../shared/spec/graphql-api.md §3, §4).

type Field = GraphQLFieldConfig<unknown, GraphqlContext, Record<string, unknown>>;
type Fields = GraphQLFieldConfigMap<unknown, GraphqlContext>;

const DEFAULT_LIMIT = 100;
const nonNull = <T extends GraphQLNullableType>(type: T) => new GraphQLNonNull(type);

/** The payload types shared by every collection. */
export const payloadTypes = {
  insertMany: new GraphQLObjectType({
    name: "InsertManyPayload",
    fields: { insertedIds: { type: nonNull(new GraphQLList(GraphQLObjectId)) } },
  }),
  updateMany: new GraphQLObjectType({
    name: "UpdateManyPayload",
    fields: { matchedCount: { type: nonNull(GraphQLInt) }, modifiedCount: { type: nonNull(GraphQLInt) } },
  }),
  deleteMany: new GraphQLObjectType({
    name: "DeleteManyPayload",
    fields: { deletedCount: { type: nonNull(GraphQLInt) } },
  }),
};

/** Builds the root fields of one collection; every resolver runs as the requesting user. */
export class RootFields {
  readonly #model: CollectionModel;
  readonly #outputs: OutputTypes;
  readonly #inputs: InputTypes;

  constructor(model: CollectionModel, outputs: OutputTypes, inputs: InputTypes) {
    this.#model = model;
    this.#outputs = outputs;
    this.#inputs = inputs;
  }

  /** A resolver with the request's translator; counted against the operation's limits. */
  #resolver(body: (args: Record<string, unknown>, io: Io) => Promise<unknown>): Field["resolve"] {
    return (_source, args, context, info) => {
      context.track(info, false);
      const io: Io = {
        tr: new Translator(context, (shape) => this.#outputs.target(shape)),
        run: (action, arg) => context.run(this.#model.ns, action, arg),
      };
      return body(args, io);
    };
  }

  /** `upsertOne…` and `replaceOne…`: the first match replaced by `data`, the post-image returned. */
  #replace(upsert: boolean): Field {
    const { type } = this.#model;
    return {
      type: this.#outputs.objectType(type),
      args: {
        query: { type: this.#inputs.queryInput(type) },
        data: { type: nonNull(this.#inputs.insertInput(type)) },
      },
      resolve: this.#resolver(async (args, io) =>
        io.run("findOneAndReplace", {
          filter: await io.tr.filter(type, args.query),
          update: await io.tr.document(type, args.data),
          upsert,
          returnNewDocument: true,
        }),
      ),
    };
  }

  queries(): Fields {
    const { type, singular, plural } = this.#model;
    const doc = this.#outputs.objectType(type);
    const query = { type: this.#inputs.queryInput(type) };
    const sort = this.#inputs.sortInput(type);
    return {
      [singular]: {
        type: doc,
        args: { query },
        resolve: this.#resolver(async (args, io) =>
          io.run("findOne", { query: await io.tr.filter(type, args.query) }),
        ),
      },
      [plural]: {
        type: nonNull(new GraphQLList(doc)),
        args: {
          query,
          limit: { type: GraphQLInt, defaultValue: DEFAULT_LIMIT },
          ...(sort ? { sortBy: { type: sort } } : {}),
        },
        // FIDELITY: a limit ≤ 0 is passed on as the MongoDB service reads it (0: no limit; negative: its absolute
        // value); the real server's answer is unconfirmed.
        resolve: this.#resolver(async (args, io) => {
          const sortBy = args.sortBy as SortValue | undefined;
          return io.run("find", {
            query: await io.tr.filter(type, args.query),
            limit: args.limit ?? DEFAULT_LIMIT,
            ...(sortBy ? { sort: { [sortBy.key]: sortBy.direction } } : {}),
          });
        }),
      },
    };
  }

  mutations(): Fields {
    const { type } = this.#model;
    const one = this.#model.type.name;
    const many = upperFirst(this.#model.plural);
    const doc = this.#outputs.objectType(type);
    const query = { type: this.#inputs.queryInput(type) };
    const data = { type: nonNull(this.#inputs.insertInput(type)) };
    const set = { type: nonNull(this.#inputs.updateInput(type)) };
    return {
      [`insertOne${one}`]: {
        type: doc,
        args: { data },
        resolve: this.#resolver(async (args, io) => {
          const document = await io.tr.document(type, args.data);
          const { insertedId } = (await io.run("insertOne", { document })) as Doc;
          return io.run("findOne", { query: { _id: insertedId } });
        }),
      },
      [`insertMany${many}`]: {
        type: payloadTypes.insertMany,
        args: { data: { type: nonNull(new GraphQLList(nonNull(this.#inputs.insertInput(type)))) } },
        resolve: this.#resolver(async (args, io) => {
          const documents: Doc[] = [];
          for (const data of args.data as unknown[]) documents.push(await io.tr.document(type, data));
          return io.run("insertMany", { documents });
        }),
      },
      [`updateOne${one}`]: {
        type: doc,
        args: { query, set },
        // FIDELITY: the updated document is returned (post-image); no match → null.
        resolve: this.#resolver(async (args, io) => {
          const filter = await io.tr.filter(type, args.query);
          const update = await io.tr.update(type, args.set);
          if (Object.keys(update).length === 0) return io.run("findOne", { query: filter });
          return io.run("findOneAndUpdate", { filter, update, returnNewDocument: true });
        }),
      },
      [`updateMany${many}`]: {
        type: payloadTypes.updateMany,
        args: { query, set },
        // FIDELITY: without `query` every document is updated (the docs' "first document only" reads as a slip).
        resolve: this.#resolver(async (args, io) => {
          const filter = await io.tr.filter(type, args.query);
          const update = await io.tr.update(type, args.set);
          if (Object.keys(update).length === 0) {
            return { matchedCount: await io.run("count", { query: filter }), modifiedCount: 0 };
          }
          return io.run("updateMany", { query: filter, update });
        }),
      },
      // A match is replaced by `data`; otherwise `data` is inserted. The resulting document is returned.
      [`upsertOne${one}`]: this.#replace(true),
      // FIDELITY: the replacement is returned (post-image); no match → null.
      [`replaceOne${one}`]: this.#replace(false),
      [`deleteOne${one}`]: {
        type: doc,
        args: { query: { type: nonNull(this.#inputs.queryInput(type)) } },
        resolve: this.#resolver(async (args, io) =>
          io.run("findOneAndDelete", { filter: await io.tr.filter(type, args.query) }),
        ),
      },
      [`deleteMany${many}`]: {
        type: payloadTypes.deleteMany,
        args: { query },
        resolve: this.#resolver(async (args, io) =>
          io.run("deleteMany", { query: await io.tr.filter(type, args.query) }),
        ),
      },
    };
  }
}

interface Io {
  readonly tr: Translator;
  readonly run: (action: string, arg: Doc) => Promise<unknown>;
}
