package dev.beca.server.mcp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.beca.core.InvalidInputException;
import dev.beca.core.agent.ActionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One external MCP server whose tools BECA's agent may use: the program to start (it speaks MCP on
 * its standard input and output), its arguments and extra environment, and what its tools do, as
 * the user declares it (an MCP server's own hints are the server's word, not a rule): {@code read}
 * (low risk), {@code write} (medium) or {@code command} (high, the default).
 *
 * <p>Read from {@code mcp.toml} in BECA's data directory:
 *
 * <pre>{@code
 * [servers.files]
 * command = "npx"
 * args = ["-y", "@modelcontextprotocol/server-filesystem", "/home/me/notes"]
 * env = { LOG_LEVEL = "warn" }
 * kind = "read"
 * }</pre>
 *
 * @param name the server's name, letters, digits, {@code -} and {@code _}; its tools are offered as
 *     {@code mcp__<name>__<tool>}
 * @param command the program
 * @param args its arguments
 * @param env variables added to its environment
 * @param kind what every tool of the server does
 */
public record McpServerConfig(
    String name, String command, List<String> args, Map<String, String> env, ActionKind kind) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  /** Checks the components. */
  public McpServerConfig {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "The MCP server name '" + name + "' is not valid.",
          "Use 1 to 40 letters, digits, '-' or '_'.");
    }
    if (command == null || command.isBlank()) {
      throw new InvalidInputException(
          "The MCP server '" + name + "' has no command.",
          "Give the program that serves MCP on its standard input and output: command = \"...\".");
    }
    args = List.copyOf(args);
    env = Map.copyOf(env);
    Objects.requireNonNull(kind, "kind");
    if (kind != ActionKind.READ && kind != ActionKind.WRITE && kind != ActionKind.COMMAND) {
      throw new InvalidInputException(
          "The MCP server '" + name + "' has kind " + kind + ".",
          "Use kind = \"read\", \"write\" or \"command\".");
    }
  }

  /**
   * The servers of a configuration file.
   *
   * @param file the TOML file ({@code [servers.NAME]} tables); a missing file means none
   * @return the servers in the file's order
   * @throws InvalidInputException when the file is not valid TOML or a server is malformed
   */
  public static List<McpServerConfig> load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new InvalidInputException(
          "Could not read the MCP configuration " + file + ": " + e.getMessage() + ".",
          "Check that the file is readable.");
    }
    JsonNode root;
    try {
      root = new TomlMapper().readTree(text);
    } catch (JacksonException e) {
      throw new InvalidInputException(
          "The MCP configuration " + file + " is not valid TOML: " + e.getOriginalMessage() + ".",
          "Fix the file; each server is a [servers.NAME] table with command, args, env and kind.");
    }
    JsonNode servers = root == null ? null : root.get("servers");
    if (servers == null || servers.isNull()) {
      return List.of();
    }
    List<McpServerConfig> configs = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = servers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      configs.add(parse(file, entry.getKey(), entry.getValue()));
    }
    return List.copyOf(configs);
  }

  private static McpServerConfig parse(Path file, String name, JsonNode node) {
    String where = "[servers." + name + "] in " + file;
    if (!node.isObject()) {
      throw new InvalidInputException(
          where + " is not a table.", "Write it as [servers." + name + "].");
    }
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!List.of("command", "args", "env", "kind").contains(key)) {
        throw new InvalidInputException(
            where + " has an unknown key '" + key + "'.", "Use command, args, env and kind.");
      }
    }
    JsonNode command = node.get("command");
    List<String> args = new ArrayList<>();
    JsonNode argsNode = node.get("args");
    if (argsNode != null) {
      if (!argsNode.isArray()) {
        throw new InvalidInputException(
            where + ": args must be a list of strings.", "args = [\"--flag\"]");
      }
      argsNode.forEach(a -> args.add(a.asText()));
    }
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode envNode = node.get("env");
    if (envNode != null) {
      if (!envNode.isObject()) {
        throw new InvalidInputException(
            where + ": env must be a table.", "env = { NAME = \"value\" }");
      }
      envNode.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    }
    ActionKind kind = ActionKind.COMMAND;
    JsonNode kindNode = node.get("kind");
    if (kindNode != null) {
      kind =
          switch (kindNode.asText().toLowerCase(Locale.ROOT)) {
            case "read" -> ActionKind.READ;
            case "write" -> ActionKind.WRITE;
            case "command" -> ActionKind.COMMAND;
            default ->
                throw new InvalidInputException(
                    where + " has kind '" + kindNode.asText() + "'.",
                    "Use kind = \"read\", \"write\" or \"command\".");
          };
    }
    return new McpServerConfig(name, command == null ? null : command.asText(), args, env, kind);
  }
}
