package dev.beca.core.testkit;

import java.util.Locale;

/**
 * Model names the way Ollama reads them: {@code [host/][namespace/]model[:tag]}, with the host
 * defaulting to {@code registry.ollama.ai}, the namespace to {@code library} and the tag to {@code
 * latest}. So {@code llama3.2}, {@code llama3.2:latest} and {@code
 * registry.ollama.ai/library/llama3.2:latest} all name the same model.
 */
public final class OllamaNames {

  /** The registry Ollama pulls from when a name gives no host. */
  public static final String DEFAULT_HOST = "registry.ollama.ai";

  /** The namespace of official models. */
  public static final String DEFAULT_NAMESPACE = "library";

  /** The tag Ollama assumes when a name gives none. */
  public static final String DEFAULT_TAG = "latest";

  private OllamaNames() {}

  /**
   * Returns the name as {@code /api/tags} displays it: defaults filled in, then the default host
   * and namespace left out ({@code llama3.2} becomes {@code llama3.2:latest}, {@code me/coder}
   * becomes {@code me/coder:latest}).
   *
   * @param name a model name as a user or client would write it
   * @return the shortest complete form
   * @throws IllegalArgumentException when the name is blank or has too many parts
   */
  public static String normalize(String name) {
    Parts parts = parse(name);
    if (parts.host.equals(DEFAULT_HOST)) {
      if (parts.namespace.equals(DEFAULT_NAMESPACE)) {
        return parts.model + ":" + parts.tag;
      }
      return parts.namespace + "/" + parts.model + ":" + parts.tag;
    }
    return parts.host + "/" + parts.namespace + "/" + parts.model + ":" + parts.tag;
  }

  /**
   * Returns the fully qualified name Ollama prints in some errors, e.g. {@code
   * registry.ollama.ai/library/llama3.2:latest}.
   *
   * @param name a model name as a user or client would write it
   * @return host, namespace, model and tag
   */
  public static String qualified(String name) {
    Parts parts = parse(name);
    return parts.host + "/" + parts.namespace + "/" + parts.model + ":" + parts.tag;
  }

  /**
   * Returns the key under which two names that Ollama treats as the same model compare equal
   * (Ollama matches names case-insensitively).
   *
   * @param name a model name
   * @return the lower-case qualified name
   */
  public static String key(String name) {
    return qualified(name).toLowerCase(Locale.ROOT);
  }

  /**
   * Tells whether Ollama would accept the text as a model name.
   *
   * @param name any text, possibly {@code null}
   * @return {@code true} when {@link #normalize(String)} would succeed
   */
  public static boolean isValid(String name) {
    try {
      parse(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Parts parse(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("model name is blank");
    }
    String trimmed = name.trim();
    String[] segments = trimmed.split("/", -1);
    if (segments.length > 3) {
      throw new IllegalArgumentException("too many '/' in model name: " + name);
    }
    String host = segments.length == 3 ? segments[0] : DEFAULT_HOST;
    String namespace = segments.length >= 2 ? segments[segments.length - 2] : DEFAULT_NAMESPACE;
    String modelAndTag = segments[segments.length - 1];
    // The tag follows the last ':' of the model part only; a host may carry ":port".
    int colon = modelAndTag.lastIndexOf(':');
    String model = colon < 0 ? modelAndTag : modelAndTag.substring(0, colon);
    String tag = colon < 0 ? DEFAULT_TAG : modelAndTag.substring(colon + 1);
    if (host.isEmpty() || namespace.isEmpty() || model.isEmpty() || tag.isEmpty()) {
      throw new IllegalArgumentException("incomplete model name: " + name);
    }
    return new Parts(host, namespace, model, tag);
  }

  private record Parts(String host, String namespace, String model, String tag) {}
}
