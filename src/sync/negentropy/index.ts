/** NIP-77 negentropy, both roles, pure TypeScript (runs in Node and in the browser). */
export { Negentropy, MIN_FRAME_SIZE, type ReconcileOptions, type RoundResult } from './reconciler.ts';
export { VectorStorage, type NegItem, type NegStorage } from './storage.ts';
export { PROTOCOL_VERSION } from './codec.ts';
