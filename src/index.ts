// Creating mock apps
export { createMockApp, type MockApp } from "./create-mock-app.js";
export type { CustomUserDataOptions, MockAppOptions, ProvidersOptions, TokenOptions } from "./options.js";
export type { ProviderType, SeedApiKey, SeedData, SeedIdentity, SeedUser } from "./seed.js";
export type { MockUser, MockUsers } from "./users-api.js";
export type { Snapshot } from "./runtime.js";
export type { RequestPipeline } from "./pipeline/types.js";

// Time
export { createManualClock, createOffsetClock, type Clock, type ManualClock } from "./clock.js";

// Errors
export { AppServicesError, catalogue, isAppServicesError, type ErrorBody, type ErrorCode } from "./errors.js";

// Events
export type { MockEvent, MockEventOf, MockEventType } from "./events/types.js";
export type { EventFilter, MockEvents } from "./events/journal-api.js";
