// Creating mock apps

// Time
export { type Clock, createManualClock, createOffsetClock, type ManualClock } from "./clock.js";
export { createMockApp, type MockApp } from "./create-mock-app.js";
// Errors
export { AppServicesError, catalogue, type ErrorBody, type ErrorCode, isAppServicesError } from "./errors.js";
export type { EventFilter, MockEvents } from "./events/journal-api.js";
// Events
export type { MockEvent, MockEventOf, MockEventType } from "./events/types.js";
// Functions and the MongoDB service
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
export type { MongoCollectionHandle } from "./mongodb/index.js";
export type { CustomUserDataOptions, MockAppOptions, ProvidersOptions, TokenOptions } from "./options.js";
// Auth providers, outbox, push, tokens
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
export type { Snapshot } from "./runtime.js";
export type { ProviderType, SeedApiKey, SeedData, SeedIdentity, SeedUser } from "./seed.js";
export type { OutboxMessage, PushRegistration } from "./state/types.js";
export type { CustomJwtClaims, CustomJwtOptions, MockTokens, OAuthProfile } from "./token-helpers.js";
export type { MockIdentity, MockUserAdmin } from "./users-admin.js";
export type { MockUser, MockUsers } from "./users-api.js";
