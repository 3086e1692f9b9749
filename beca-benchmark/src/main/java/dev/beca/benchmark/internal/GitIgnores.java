package dev.beca.benchmark.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The {@code .gitignore} files met while walking a tree, each applying to its own folder and below;
 * deeper files take precedence, as in git. Parsed by JGit.
 */
public final class GitIgnores {

  private record Scope(String dir, IgnoreNode node) {}

  private final List<Scope> scopes = new ArrayList<>();

  /** Reads the folder's {@code .gitignore}, if any, before its entries are visited. */
  public void enter(Path dir, String rel) throws IOException {
    Path file = dir.resolve(".gitignore");
    if (!Files.isRegularFile(file)) {
      return;
    }
    IgnoreNode node = new IgnoreNode();
    try (InputStream in = Files.newInputStream(file)) {
      node.parse(in);
    }
    scopes.add(new Scope(rel, node));
  }

  /**
   * Whether a path is ignored.
   *
   * @param rel the path relative to the root, {@code /}-separated
   * @param directory whether it is a folder
   */
  public boolean isIgnored(String rel, boolean directory) {
    for (int i = scopes.size() - 1; i >= 0; i--) {
      Scope scope = scopes.get(i);
      String inScope;
      if (scope.dir.isEmpty()) {
        inScope = rel;
      } else if (rel.startsWith(scope.dir + "/")) {
        inScope = rel.substring(scope.dir.length() + 1);
      } else {
        continue;
      }
      Boolean ignored = scope.node.checkIgnored(inScope, directory);
      if (ignored != null) {
        return ignored;
      }
    }
    return false;
  }
}
