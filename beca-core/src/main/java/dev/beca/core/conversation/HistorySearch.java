package dev.beca.core.conversation;

import java.util.List;

/**
 * Searching the message history by keyword, by meaning, or both.
 *
 * <p>Implementations are thread-safe and translate storage errors into {@link
 * dev.beca.core.StorageException}.
 */
public interface HistorySearch {

  /**
   * Full-text search, best match first (BM25 in the stock store).
   *
   * @param query words to find; the stock store accepts the FTS5 query syntax ({@code "exact
   *     phrase"}, {@code prefix*}, {@code a OR b}, {@code NOT}), and plain words match all
   * @param filter which messages to look at
   * @param limit how many hits at most; positive
   * @return the hits with snippets
   * @throws dev.beca.core.InvalidInputException when the query is blank or not valid syntax
   */
  List<SearchHit> keyword(String query, SearchFilter filter, int limit);

  /**
   * Search by meaning (embedding similarity), most similar first. Messages whose embeddings are not
   * computed yet are not found until they are.
   *
   * @throws dev.beca.core.InvalidInputException when the query is blank
   * @throws dev.beca.core.ModelUnavailableException when no embedding model is configured
   */
  List<SearchHit> semantic(String query, SearchFilter filter, int limit);

  /**
   * Keyword and semantic search fused by reciprocal rank: the default "relevant history" query.
   * Works from the keyword side alone when semantic search is unavailable. Any text is accepted: it
   * is turned into a keyword query, never rejected for its syntax.
   *
   * @throws dev.beca.core.InvalidInputException when the query is blank
   */
  List<SearchHit> hybrid(String query, SearchFilter filter, int limit);
}
