// The public entry: named exports only. Vitest helpers live in "app-services-mock/vitest", fixtures in
// "app-services-mock/fixtures", so this entry imports neither vitest nor faker.
export { type Clock, createManualClock, createOffsetClock, type ManualClock } from "./clock.js";
export { createMockApp, type MockApp } from "./create-mock-app.js";
export { AppServicesError, catalogue, type ErrorBody, type ErrorCode, isAppServicesError } from "./errors.js";
export type { EventFilter, MockEvents } from "./events/journal-api.js";
export type { MockEvent, MockEventOf, MockEventType } from "./events/types.js";
export {
  applyFaultCommand,
  type FaultCommand,
  type FaultCommandResult,
  type FaultSpecJson,
} from "./faults/command.js";
export type { RefreshLoopGuardOptions } from "./faults/refresh-guard.js";
export {
  type FaultEffect,
  type FaultEffectKind,
  type FaultHandle,
  type FaultInfo,
  type FaultRequest,
  type FaultSpec,
  type MockFaults,
  type RequestFacts,
  ROUTE_GROUPS,
  type RouteGroup,
} from "./faults/types.js";
export type {
  FunctionContext,
  FunctionDefinition,
  FunctionHandler,
  FunctionRequest,
  FunctionUser,
  MockDatabase,
  MockFunction,
  MockServiceClient,
  MongoServiceOptions,
} from "./functions/types.js";
export type {
  CollectionJsonSchema,
  CollectionSchema,
  CustomResolverConfig,
  GraphqlOptions,
  Relationship,
} from "./graphql/types.js";
export type { MockCursor } from "./mongodb/cursor.js";
export type { MongoCollectionHandle } from "./mongodb/index.js";
export type { CustomUserDataOptions, MockAppOptions, ProvidersOptions, TokenOptions } from "./options.js";
export type { MockOutbox, OutboxFilter } from "./outbox-api.js";
export type { RequestPipeline } from "./pipeline/types.js";
export type {
  AuthFunctionStatus,
  ConfirmationDetails,
  ConfirmationFunction,
  CustomAuthFunction,
  CustomFunctionConfig,
  CustomJwtConfig,
  EmailPasswordConfig,
  MetadataField,
  NoConfig,
  OAuthConfig,
  OAuthMetadataName,
  ProviderConfigs,
  ResetDetails,
  ResetFunction,
} from "./providers/config.js";
export type { MockPush } from "./push-api.js";
export type {
  CollectionRule,
  DefaultRule,
  FieldPermission,
  RuleExpression,
  RuleFilter,
  RuleRole,
  RulesOptions,
  ServiceRules,
} from "./rules/types.js";
export type { Snapshot } from "./runtime.js";
export type { ProviderType, SeedApiKey, SeedData, SeedIdentity, SeedUser } from "./seed.js";
export type { OutboxMessage, PushRegistration } from "./state/types.js";
export type { MockTime, TokenTtls } from "./time-api.js";
export type { CustomJwtClaims, CustomJwtOptions, MockTokens, OAuthProfile } from "./token-helpers.js";
export type { MockIdentity, MockUserAdmin } from "./users-admin.js";
export type { MockUser, MockUsers } from "./users-api.js";
