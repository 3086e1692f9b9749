-- The default embedding model became all-MiniLM-L6-v2 quantised to 8 bits, stored under the key
-- 'all-minilm-l6-v2-q' (the full-precision model took 83 MB of the 90 MB the app's jar grew by;
-- retrieval measured in docs/memory.md). Vectors of the full-precision model ('all-minilm-l6-v2')
-- must never be compared with the new model's: a message keeps one vector link whatever its model,
-- so the links to them go, and the vectors with them. The embedding indexer then re-embeds those
-- messages with the new model, as it does any message without a vector; until it has, semantic
-- search misses them and keyword search finds them as before. (V7 and V8 are other branches'.)
DELETE FROM message_embeddings
 WHERE embedding_id IN (SELECT id FROM embeddings WHERE model = 'all-minilm-l6-v2');
DELETE FROM embeddings WHERE model = 'all-minilm-l6-v2';
