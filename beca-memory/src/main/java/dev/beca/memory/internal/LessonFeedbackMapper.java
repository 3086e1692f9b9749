package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** MyBatis mapper of {@code turn_outcomes} and {@code lesson_extractions}. */
interface LessonFeedbackMapper {

  @Select(
      "SELECT message_id AS messageId, verdict, reason, decided_at AS decidedAt FROM turn_outcomes"
          + " WHERE message_id = #{messageId}")
  TurnOutcomeRow outcome(@Param("messageId") long messageId);

  @Insert(
      "INSERT INTO turn_outcomes (message_id, verdict, reason, decided_at) VALUES (#{messageId},"
          + " #{verdict}, #{reason}, #{at}) ON CONFLICT (message_id) DO UPDATE SET"
          + " verdict = excluded.verdict, reason = excluded.reason, decided_at = excluded.decided_at")
  int judge(
      @Param("messageId") long messageId,
      @Param("verdict") String verdict,
      @Param("reason") String reason,
      @Param("at") long at);

  @Select(
      "SELECT "
          + ExtractionRow.COLUMNS
          + " FROM lesson_extractions WHERE session_id = #{sessionId} AND message_id = #{messageId}")
  ExtractionRow extractionFor(
      @Param("sessionId") String sessionId, @Param("messageId") long messageId);

  @Select("SELECT " + ExtractionRow.COLUMNS + " FROM lesson_extractions WHERE id = #{id}")
  ExtractionRow extraction(@Param("id") long id);

  @Insert(
      "INSERT INTO lesson_extractions (session_id, message_id, attempts, failure, raw_reply,"
          + " queued_at, updated_at) VALUES (#{sessionId}, #{messageId}, #{attempts}, #{failure},"
          + " #{rawReply}, #{at}, #{at}) ON CONFLICT (session_id, message_id) DO UPDATE SET"
          + " state = 'open', attempts = excluded.attempts, failure = excluded.failure,"
          + " raw_reply = excluded.raw_reply, claimed_by = NULL, lease_until = NULL,"
          + " updated_at = excluded.updated_at")
  int queue(
      @Param("sessionId") String sessionId,
      @Param("messageId") long messageId,
      @Param("attempts") int attempts,
      @Param("failure") String failure,
      @Param("rawReply") String rawReply,
      @Param("at") long at);

  @Select(
      "SELECT id FROM lesson_extractions WHERE state = 'open'"
          + " AND (lease_until IS NULL OR lease_until <= #{now}) ORDER BY id LIMIT 1")
  Long claimable(@Param("now") long now);

  @Update(
      "UPDATE lesson_extractions SET claimed_by = #{worker}, lease_until = #{until},"
          + " attempts = attempts + 1, updated_at = #{now} WHERE id = #{id}")
  int claim(
      @Param("id") long id,
      @Param("worker") String worker,
      @Param("until") long until,
      @Param("now") long now);

  @Select(
      "SELECT attempts FROM lesson_extractions WHERE id = #{id} AND claimed_by = #{worker}"
          + " AND state = 'open' AND lease_until IS NOT NULL")
  Integer heldAttempts(@Param("id") long id, @Param("worker") String worker);

  @Update(
      "UPDATE lesson_extractions SET state = #{state}, claimed_by = NULL, lease_until = NULL,"
          + " failure = COALESCE(#{failure}, failure), raw_reply = COALESCE(#{rawReply}, raw_reply),"
          + " updated_at = #{now} WHERE id = #{id} AND claimed_by = #{worker} AND state = 'open'")
  int finish(
      @Param("id") long id,
      @Param("worker") String worker,
      @Param("state") String state,
      @Param("failure") String failure,
      @Param("rawReply") String rawReply,
      @Param("now") long now);

  @Select({
    "<script>SELECT " + ExtractionRow.COLUMNS + " FROM lesson_extractions",
    "<if test='state != null'> WHERE state = #{state}</if>",
    " ORDER BY id DESC LIMIT #{limit}</script>"
  })
  List<ExtractionRow> extractions(@Param("state") String state, @Param("limit") int limit);
}
