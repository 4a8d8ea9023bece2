// The audit log's hash chain: each event row carries the hash of the row before it and its own hash
// over a canonical form of its columns and that previous hash. Editing, deleting or reordering a row
// breaks the chain from that row on, so `verify-audit` can point at it. The form and the hash live in
// shared (chain.ts, node.ts): the region's central service checks the same chain as rows arrive.
export { type ChainedRow, canonicalRow, GENESIS_HASH } from '@vikno/shared';
export { rowHash } from '@vikno/shared/node';
