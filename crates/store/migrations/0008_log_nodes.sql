-- Hashes of the transparency log's complete subtrees (level ≥ 1; level 0 is
-- log_leaves.leaf_hash), written in the same transaction as the leaf that completes them, so a
-- tree head or a proof reads O(log n) rows instead of every leaf.
-- id = level · 2^48 + index: the subtree over leaves [index·2^level, (index+1)·2^level).
CREATE TABLE log_nodes (
    id BIGINT PRIMARY KEY,
    hash TEXT NOT NULL
);
