// The one intermediate form every layout and single-JSON shape is read into; `to-options.ts` turns it into
// `createMockApp` options. Field names follow the exported files (snake_case), each part remembers where it came
// from so later checks can name the file and the field.
import type { CollectionSchema, GraphqlOptions } from "../../graphql/types.js";
import type { CollectionRule, DefaultRule } from "../../rules/types.js";
import type { JsonObject, Where } from "./fields.js";

export interface ProviderModel {
  readonly where: Where;
  readonly name: string;
  readonly type: string;
  readonly disabled: boolean;
  readonly config: JsonObject;
  readonly secretConfig: JsonObject;
  readonly metadataFields: readonly JsonObject[];
  readonly redirectUris: readonly string[];
  readonly domainRestrictions: readonly string[];
}

export interface FunctionModel {
  readonly where: Where;
  readonly name: string;
  readonly source: string;
  /** The file the source came from (or the config field holding it), for stack traces and messages. */
  readonly file: string;
  readonly private: boolean;
  readonly runAsSystem: boolean;
  readonly canEvaluate: unknown;
  readonly runAsUserId: string;
  readonly runAsUserIdScript: string;
}

export interface ValueModel {
  readonly where: Where;
  readonly name: string;
  readonly fromSecret: boolean;
  readonly value: unknown;
}

export interface CustomUserDataModel {
  readonly where: Where;
  readonly enabled: boolean;
  readonly serviceName: string;
  readonly database: string;
  readonly collection: string;
  readonly userIdField: string;
  readonly onUserCreationFunction: string | undefined;
}

export interface DataSourceModel {
  readonly where: Where;
  readonly name: string;
  readonly type: string;
  readonly defaultRule: DefaultRule | undefined;
  readonly collections: readonly CollectionRule[];
}

/** One exported app, whatever form it came in. */
export interface AppModel {
  readonly name: string | undefined;
  /** The public App ID, when the export records it. */
  readonly clientAppId: string | undefined;
  /** The environment the app selects (`""`: none). */
  readonly environment: string;
  /** Values of each environment (`""` is `no-environment.json`). */
  readonly environments: Readonly<Record<string, JsonObject>>;
  readonly providers: readonly ProviderModel[];
  readonly customUserData: CustomUserDataModel | undefined;
  readonly functions: readonly FunctionModel[];
  /** npm packages of `functions/package.json`. */
  readonly dependencies: readonly string[];
  /** A file packages are resolved from (`functions/package.json`); undefined: the working directory. */
  readonly resolveFrom: string | undefined;
  readonly values: readonly ValueModel[];
  /** Secret values shipped with the app (`secrets.json`, the importer's `secrets`). */
  readonly secrets: Readonly<Record<string, string>>;
  readonly dataSources: readonly DataSourceModel[];
  readonly schemas: readonly CollectionSchema[];
  readonly graphql: GraphqlOptions | undefined;
  /** Settings the kit does not emulate, each described with its file and field. */
  readonly unsupported: readonly string[];
}
