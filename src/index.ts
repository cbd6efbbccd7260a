// The public entry: named exports only. Vitest helpers live in "app-services-mock/vitest", fixtures in
// "app-services-mock/fixtures", so this entry imports neither vitest nor faker.
export { type Clock, createManualClock, createOffsetClock, type ManualClock } from "./clock.js";
export type { EventFilter, MockEvents } from "./control/journal-api.js";
export type { MockOutbox, OutboxFilter } from "./control/outbox-api.js";
export type { MockPush } from "./control/push-api.js";
export type { MockTime, TokenTtls } from "./control/time-api.js";
export type { CustomJwtClaims, CustomJwtOptions, MockTokens, OAuthProfile } from "./control/token-helpers.js";
export type { MockIdentity, MockUserAdmin } from "./control/users-admin.js";
export type { MockUser, MockUsers } from "./control/users-api.js";
export { createMockApp, type MockApp } from "./create-mock-app.js";
export { AppServicesError, catalogue, type ErrorBody, type ErrorCode, isAppServicesError } from "./errors.js";
export type { MockEvent, MockEventOf, MockEventType } from "./events/types.js";
export type { UserListener } from "./events/user-listeners.js";
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
export type { Logger } from "./logger.js";
export type { MockCursor } from "./mongodb/cursor.js";
export type { MongoCollectionHandle } from "./mongodb/index.js";
export type { CustomUserDataOptions, MockAppOptions, ProvidersOptions, TokenOptions } from "./options.js";
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
export type { ProviderType, SeedApiKey, SeedData, SeedIdentity, SeedUser } from "./seed.js";
export type { Snapshot } from "./snapshot.js";
export type { OutboxMessage, PushRegistration } from "./state/types.js";
