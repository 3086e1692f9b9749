/**
 * Conversations: the messages of a user's sessions and the stores that keep them.
 *
 * <p>History is append-only: a {@link dev.beca.core.conversation.MessageStore} adds messages and
 * reads them back but never rewrites what was said. Implementations must commit every append before
 * the call returns, so a crash right after a call loses nothing it acknowledged.
 */
package dev.beca.core.conversation;
