// The fleet view's figures: per-interval packet traffic by type, timeouts, wills and take-overs,
// connected clients and the detection-delay distribution. Pure: no DOM, no wall clock.

export * from './buckets';
export * from './envelope';
export * from './grid';
export * from './histogram';
export * from './intervals';
export * from './series';
export { AttentionList, type AttentionClient, type AttentionReason } from './attention';
