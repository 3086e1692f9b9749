package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Select;

/** MyBatis mapper of the search queries: FTS5 keyword search and term statistics. */
interface SearchMapper {

  String FILTER =
      "<if test='threadId != null'> AND m.thread_id = #{threadId}</if>"
          + "<if test='sessionId != null'> AND m.session_id = #{sessionId}</if>"
          + "<if test='role != null'> AND m.role = #{role}</if>"
          + "<if test='from != null'> AND m.created_at &gt;= #{from}</if>"
          + "<if test='until != null'> AND m.created_at &lt; #{until}</if>";

  /**
   * BM25 via FTS5's {@code rank} (lower is better, so the score is negated; the rank function
   * weighs the content column only). The query is the full FTS5 expression, scope included (see
   * {@link SqliteHistorySearch#match}); the filter is applied again on {@code messages}, where it
   * costs a lookup per scoped match only.
   */
  @Select(
      "<script>SELECT m.id, m.session_id, m.thread_id, m.parent_id, m.role, m.content, m.created_at,"
          + " m.tools_json, m.success, m.token_count, -messages_fts.rank AS score,"
          + " snippet(messages_fts, 0, '[', ']', '...', 16) AS snippet"
          + " FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid"
          + " WHERE messages_fts MATCH #{query}"
          + FILTER
          + " ORDER BY messages_fts.rank LIMIT #{limit}</script>")
  List<KeywordRow> keyword(SearchParams params);

  @Select({
    "<script>SELECT term, doc FROM messages_fts_terms WHERE col = 'content' AND term IN ",
    "<foreach item='t' collection='terms' open='(' separator=',' close=')'>#{t}</foreach>",
    "</script>"
  })
  List<TermRow> documentFrequencies(
      @org.apache.ibatis.annotations.Param("terms") java.util.Collection<String> terms);

  @Select("SELECT coalesce(max(id), 0) FROM messages")
  long maxMessageId();
}
