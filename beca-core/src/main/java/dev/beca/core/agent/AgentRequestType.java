package dev.beca.core.agent;

import dev.beca.core.InvalidInputException;
import java.util.Locale;

/** The types of request the {@link AgentRegistry} routes. */
public enum AgentRequestType {
  /** A conversation turn: the assistant. */
  CHAT,
  /** A self-improvement operation: the improvement engine. */
  IMPROVE,
  /** A call of a tool an external (MCP) agent provides: the agent that lists it. */
  EXTERNAL_TOOL;

  /** The name clients use ({@code chat}, {@code improve}, {@code external_tool}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a type's {@link #key()} (or constant name, ignoring case; {@code -} for {@code _}).
   *
   * @throws InvalidInputException for any other text
   */
  public static AgentRequestType parse(String text) {
    String key = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (AgentRequestType t : values()) {
      if (t.name().equals(key)) {
        return t;
      }
    }
    throw new InvalidInputException(
        "'" + text + "' is not a request type.", "Use chat, improve or external_tool.");
  }
}
