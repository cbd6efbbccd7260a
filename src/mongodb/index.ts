// The in-memory MongoDB layer: pure actions over immutable collections (actions), a function- and test-facing
// handle (collection-handle), watch streams (watch, sse), and the value helpers they share (clone, id-key).
export { MONGO_ACTIONS, runAction } from "./actions.js";
export { isPlainObject } from "./bson-values.js";
export { cloneDoc, cloneValue, sameValue } from "./clone.js";
export type {
  ActionExecutor,
  CollectionCell,
  CountOptions,
  DeleteResult,
  FindOneAndModifyOptions,
  FindOneOptions,
  FindOptions,
  InsertManyResult,
  InsertOneResult,
  MongoCollectionHandle,
  UpdateOptions,
  UpdateResult,
} from "./collection-handle.js";
export { createCollectionHandle } from "./collection-handle.js";
export type { MongoActionErrorCode } from "./errors.js";
export { isMongoActionError, MongoActionError } from "./errors.js";
export { idKey } from "./id-key.js";
export type { SseMessage, WatchMessage } from "./sse.js";
export {
  decodeWatchBody,
  decodeWatchMessage,
  frameChangeEvent,
  frameWatchError,
  percentDecodeSseData,
  percentEncodeSseData,
  SseDecoder,
} from "./sse.js";
export type {
  ActionOutcome,
  ChangeEvent,
  ChangeOperationType,
  Doc,
  DocMap,
  FindOneAndDeleteMode,
  MongoEnv,
  Namespace,
} from "./types.js";
export type { WatchGuard, WatchOptions } from "./watch.js";
export { WatchHub } from "./watch.js";
