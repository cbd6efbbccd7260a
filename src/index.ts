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
export type { RequestPipeline } from "./pipeline/types.js";
export type { Snapshot } from "./runtime.js";
export type { ProviderType, SeedApiKey, SeedData, SeedIdentity, SeedUser } from "./seed.js";
export type { MockUser, MockUsers } from "./users-api.js";
