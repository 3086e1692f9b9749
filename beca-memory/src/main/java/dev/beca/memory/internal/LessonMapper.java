package dev.beca.memory.internal;

import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultType;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.apache.ibatis.mapping.ResultSetType;
import org.apache.ibatis.session.ResultHandler;

/**
 * MyBatis mapper of {@code lessons}, {@code lesson_uses}, {@code lessons_fts} and {@code
 * lesson_merged_texts}.
 */
interface LessonMapper {

  @Insert(
      "INSERT INTO lessons (text, text_hash, category, source, evidence, created_at, updated_at,"
          + " confidence, embedding_id) VALUES (#{text}, #{textHash}, #{category}, #{source},"
          + " #{evidence}, #{createdAt}, #{createdAt}, #{confidence}, #{embeddingId})")
  @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
  int insert(LessonInsert lesson);

  @Select("SELECT " + LessonRow.COLUMNS + " FROM lessons WHERE id = #{id}")
  LessonRow find(@Param("id") long id);

  @Select(
      "SELECT "
          + LessonRow.COLUMNS
          + " FROM lessons WHERE text_hash = #{hash} AND superseded_by IS NULL")
  LessonRow activeWithText(@Param("hash") byte[] hash);

  @Select({
    "<script>SELECT " + LessonRow.COLUMNS + " FROM lessons WHERE superseded_by IS NULL",
    "<if test='category != null'> AND category = #{category}</if>",
    " ORDER BY reuse_count DESC, confidence DESC, id DESC LIMIT #{limit}</script>"
  })
  List<LessonRow> top(@Param("category") String category, @Param("limit") int limit);

  /**
   * Active lessons matching an FTS5 expression, best (BM25) first. CROSS JOIN keeps the FTS match
   * as the outer loop: with a plain JOIN SQLite chose to walk every active lesson and probe the FTS
   * index for each (17 s at 100,000 lessons against 0.03 s).
   */
  @Select(
      "SELECT l.id FROM lessons_fts f CROSS JOIN lessons l ON l.id = f.rowid"
          + " WHERE lessons_fts MATCH #{match} AND l.superseded_by IS NULL"
          + " ORDER BY bm25(lessons_fts) LIMIT #{limit}")
  List<Long> keyword(@Param("match") String match, @Param("limit") int limit);

  @Select("SELECT coalesce(max(id), 0) FROM lessons")
  long maxLessonId();

  /** How many lesson texts hold the term (V16's {@code lessons_fts_terms}). */
  @Select("SELECT doc FROM lessons_fts_terms WHERE term = #{term}")
  Long termFrequency(@Param("term") String term);

  /** How many lesson texts hold a term of the range, counted per term (an upper bound). */
  @Select("SELECT sum(doc) FROM lessons_fts_terms WHERE term >= #{from} AND term <= #{to}")
  Long prefixFrequency(@Param("from") String from, @Param("to") String to);

  @Select(
      "SELECT id, embedding_id FROM lessons"
          + " WHERE superseded_by IS NULL AND embedding_id IS NOT NULL")
  List<LessonVectorRef> activeVectors();

  /** The lesson vector index's lists, in list order (V17). */
  @Select("SELECT list, centroid, trained_on AS trainedOn FROM lesson_vector_lists ORDER BY list")
  @org.apache.ibatis.annotations.ConstructorArgs({
    @org.apache.ibatis.annotations.Arg(column = "list", javaType = int.class),
    @org.apache.ibatis.annotations.Arg(
        column = "centroid",
        javaType = byte[].class,
        typeHandler = org.apache.ibatis.type.ByteArrayTypeHandler.class),
    @org.apache.ibatis.annotations.Arg(column = "trainedOn", javaType = long.class)
  })
  List<LessonVectorListRow> vectorLists();

  @Delete("DELETE FROM lesson_vector_lists")
  void deleteVectorLists();

  @Insert(
      "INSERT INTO lesson_vector_lists (list, centroid, trained_on)"
          + " VALUES (#{list}, #{centroid}, #{trainedOn})")
  void insertVectorList(
      @Param("list") int list,
      @Param("centroid") byte[] centroid,
      @Param("trainedOn") long trainedOn);

  /** Raises the lesson vectors' version by hand: the lists changed (no trigger sees them). */
  @Update("UPDATE lesson_vectors_version SET version = version + 1 WHERE id = 1")
  void raiseVectorsVersion();

  /** Raised by triggers on every change of the active lessons' vectors (V15). */
  @Select("SELECT version FROM lesson_vectors_version WHERE id = 1")
  Long vectorsVersion();

  @Select(
      "SELECT l.id AS id, l.embedding_id AS embeddingId, e.vector AS vector FROM lessons l"
          + " JOIN embeddings e ON e.id = l.embedding_id WHERE l.superseded_by IS NULL"
          + " ORDER BY l.id")
  @Options(fetchSize = 1000, resultSetType = ResultSetType.FORWARD_ONLY)
  @ResultType(LessonVectorRow.class)
  @org.apache.ibatis.annotations.ConstructorArgs({
    @org.apache.ibatis.annotations.Arg(column = "id", javaType = long.class),
    @org.apache.ibatis.annotations.Arg(column = "embeddingId", javaType = long.class),
    // sqlite-jdbc has no getBlob; read the bytes directly.
    @org.apache.ibatis.annotations.Arg(
        column = "vector",
        javaType = byte[].class,
        typeHandler = org.apache.ibatis.type.ByteArrayTypeHandler.class)
  })
  void activeVectorRows(ResultHandler<LessonVectorRow> rows);

  /**
   * Every lesson's text (superseded ones too: {@code lessons_fts} holds them), for the keyword
   * index.
   */
  @Select("SELECT id, text, superseded_by IS NULL AS active FROM lessons ORDER BY id")
  @Options(fetchSize = 1000, resultSetType = ResultSetType.FORWARD_ONLY)
  @ResultType(LessonTextRow.class)
  @org.apache.ibatis.annotations.ConstructorArgs({
    @org.apache.ibatis.annotations.Arg(column = "id", javaType = long.class),
    @org.apache.ibatis.annotations.Arg(column = "text", javaType = String.class),
    @org.apache.ibatis.annotations.Arg(column = "active", javaType = boolean.class)
  })
  void allTextRows(ResultHandler<LessonTextRow> rows);

  @Update(
      "UPDATE lessons SET evidence = #{evidence}, confidence = #{confidence}, updated_at = #{at}"
          + " WHERE id = #{id}")
  int update(
      @Param("id") long id,
      @Param("evidence") String evidence,
      @Param("confidence") double confidence,
      @Param("at") long at);

  @Update("UPDATE lessons SET superseded_by = #{by}, updated_at = #{at} WHERE id = #{id}")
  int supersede(@Param("id") long id, @Param("by") long by, @Param("at") long at);

  @Select("SELECT id FROM lessons WHERE superseded_by = #{id}")
  List<Long> predecessors(@Param("id") long id);

  @Delete({
    "<script>DELETE FROM lessons WHERE id IN ",
    "<foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach>",
    "</script>"
  })
  int delete(@Param("ids") Collection<Long> ids);

  @Update("UPDATE lessons SET reuse_count = reuse_count + 1, last_used_at = #{at} WHERE id = #{id}")
  int used(@Param("id") long id, @Param("at") long at);

  @Insert(
      "INSERT INTO lesson_uses (message_id, lesson_id, used_at) VALUES (#{messageId}, #{lessonId},"
          + " #{at}) ON CONFLICT DO NOTHING")
  int recordUse(
      @Param("messageId") long messageId, @Param("lessonId") long lessonId, @Param("at") long at);

  @Select("SELECT lesson_id FROM lesson_uses WHERE message_id = #{messageId} ORDER BY lesson_id")
  List<Long> usedBy(@Param("messageId") long messageId);

  @Select(
      "SELECT "
          + MergedTextRow.COLUMNS
          + " FROM lesson_merged_texts WHERE lesson_id = #{lessonId} ORDER BY id")
  List<MergedTextRow> mergedInto(@Param("lessonId") long lessonId);

  @Select("SELECT " + MergedTextRow.COLUMNS + " FROM lesson_merged_texts WHERE id = #{id}")
  MergedTextRow mergedText(@Param("id") long id);

  @Select(
      "SELECT "
          + MergedTextRow.COLUMNS
          + " FROM lesson_merged_texts WHERE lesson_id = #{lessonId} AND text_hash = #{hash}")
  MergedTextRow mergedWithText(@Param("lessonId") long lessonId, @Param("hash") byte[] hash);

  @Insert(
      "INSERT INTO lesson_merged_texts (lesson_id, text, text_hash, category, source, evidence,"
          + " confidence, added_evidence, confidence_gain, merged_at) VALUES (#{lessonId}, #{text},"
          + " #{hash}, #{category}, #{source}, #{evidence}, #{confidence}, #{added}, #{gain},"
          + " #{at})")
  void insertMerged(
      @Param("lessonId") long lessonId,
      @Param("text") String text,
      @Param("hash") byte[] hash,
      @Param("category") String category,
      @Param("source") String source,
      @Param("evidence") String evidence,
      @Param("confidence") double confidence,
      @Param("added") String addedEvidence,
      @Param("gain") double confidenceGain,
      @Param("at") long mergedAt);

  /** The same text merged into the same lesson again: its evidence and what it gave add up. */
  @Update(
      "UPDATE lesson_merged_texts SET evidence = #{evidence}, added_evidence = #{added},"
          + " confidence_gain = confidence_gain + #{gain} WHERE id = #{id}")
  void mergedAgain(
      @Param("id") long id,
      @Param("evidence") String evidence,
      @Param("added") String addedEvidence,
      @Param("gain") double confidenceGain);

  @Update("UPDATE lesson_merged_texts SET added_evidence = #{added} WHERE id = #{id}")
  void setAddedEvidence(@Param("id") long id, @Param("added") String addedEvidence);

  @Update(
      "UPDATE lesson_merged_texts SET confidence_gain = confidence_gain + #{gain} WHERE id = #{id}")
  void addGain(@Param("id") long id, @Param("gain") double confidenceGain);

  @Delete("DELETE FROM lesson_merged_texts WHERE id = #{id}")
  void deleteMerged(@Param("id") long id);
}
