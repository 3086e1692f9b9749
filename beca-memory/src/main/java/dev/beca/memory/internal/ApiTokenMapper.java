package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** MyBatis mapper of the {@code api_tokens} table. */
interface ApiTokenMapper {

  String COLUMNS = "token_id, name, role, salt, hash, created_at, expires_at, revoked_at";

  @Insert(
      "INSERT INTO api_tokens (token_id, name, role, salt, hash, created_at, expires_at) "
          + "VALUES (#{tokenId}, #{name}, #{role}, #{salt}, #{hash}, #{createdAt}, #{expiresAt})")
  int insert(ApiTokenRow row);

  @Select("SELECT " + COLUMNS + " FROM api_tokens ORDER BY id DESC")
  List<ApiTokenRow> all();

  @Select("SELECT " + COLUMNS + " FROM api_tokens WHERE token_id = #{tokenId}")
  ApiTokenRow byTokenId(@Param("tokenId") String tokenId);

  @Select("SELECT " + COLUMNS + " FROM api_tokens WHERE name = #{name} AND revoked_at IS NULL")
  ApiTokenRow inForce(@Param("name") String name);

  @Update("UPDATE api_tokens SET revoked_at = #{at} WHERE name = #{name} AND revoked_at IS NULL")
  int revoke(@Param("name") String name, @Param("at") long at);

  /** A row of the {@code api_tokens} table. */
  record ApiTokenRow(
      String tokenId,
      String name,
      String role,
      String salt,
      String hash,
      long createdAt,
      Long expiresAt,
      Long revokedAt) {}
}
