package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** MyBatis mapper of {@code embeddings} and {@code message_embeddings}. */
interface EmbeddingMapper {

  @Select(
      "SELECT id, content FROM messages m WHERE id > #{after} AND NOT EXISTS"
          + " (SELECT 1 FROM message_embeddings e WHERE e.message_id = m.id) ORDER BY id LIMIT #{limit}")
  List<PendingRow> pending(@Param("after") long after, @Param("limit") int limit);

  @Select("SELECT id FROM embeddings WHERE model = #{model} AND text_hash = #{hash}")
  Long find(@Param("model") String model, @Param("hash") byte[] hash);

  @Insert(
      "INSERT INTO embeddings (model, text_hash, dimensions, vector)"
          + " VALUES (#{model}, #{hash}, #{dimensions}, #{vector})")
  @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
  int insert(EmbeddingInsert embedding);

  /**
   * Links messages to their vectors in one statement, leaving out messages deleted meanwhile and
   * messages already linked. One statement per batch: a MyBatis call per link cost more than the
   * rows themselves while the writer lock was held.
   */
  @Insert({
    "<script>INSERT INTO message_embeddings (message_id, embedding_id)",
    " SELECT v.column1, v.column2 FROM (VALUES ",
    "<foreach item='l' collection='links' separator=','>(#{l.messageId}, #{l.embeddingId})</foreach>",
    ") v WHERE EXISTS (SELECT 1 FROM messages m WHERE m.id = v.column1)",
    " ON CONFLICT (message_id) DO NOTHING</script>"
  })
  int linkAll(@Param("links") List<MessageLink> links);

  @Select(
      "SELECT count(*) FROM messages m WHERE m.id > #{after}"
          + " AND length(trim(content, ' ' || char(9) || char(10) || char(13))) > 0 AND NOT EXISTS"
          + " (SELECT 1 FROM message_embeddings e WHERE e.message_id = m.id)")
  long countPending(@Param("after") long after);

  /**
   * Prunes the search change log to its newest rows (searchers that fell further behind start over,
   * see {@code ScopedCandidates}).
   */
  @org.apache.ibatis.annotations.Delete(
      "DELETE FROM search_changes WHERE seq <= (SELECT max(seq) FROM search_changes) - #{keep}")
  int pruneChanges(@Param("keep") int keep);
}
