package dev.beca.core.agent;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The project file tools, with their stable names and JSON arguments: {@value #READ_FILE}{@code
 * {path}}, {@value #LIST_FILES}{@code {path, glob}}, {@value #SEARCH_FILES}{@code {query, glob}},
 * {@value #WRITE_FILE}{@code {path, content}} and {@value #EDIT_FILE}{@code {path, old_text,
 * new_text}}. Every path goes through the {@link ProjectRoot}; the {@code .git} folder is never
 * listed or searched; files over {@value #MAX_FILE_BYTES} bytes and binary files (a NUL byte in
 * their first 8 KiB) are refused by {@code read_file} and {@code edit_file} and skipped by {@code
 * search_files}.
 */
public final class ProjectFileTools {

  /** Reads a text file. */
  public static final String READ_FILE = "read_file";

  /** Lists a folder, or the files matching a glob below it. */
  public static final String LIST_FILES = "list_files";

  /** Searches file contents for a literal text. */
  public static final String SEARCH_FILES = "search_files";

  /** Creates or replaces a file. */
  public static final String WRITE_FILE = "write_file";

  /** Replaces one exact, unique text in a file. */
  public static final String EDIT_FILE = "edit_file";

  /** The largest file read, edited or searched (1 MiB). */
  public static final int MAX_FILE_BYTES = 1 << 20;

  /** The most entries {@code list_files} returns. */
  public static final int MAX_ENTRIES = 500;

  /** The most matching lines {@code search_files} returns. */
  public static final int MAX_MATCHES = 200;

  private static final String PATH = "path of the file, relative to the project root";
  private static final int BINARY_PROBE = 8192;
  private static final int MAX_MATCH_LINE = 200;

  private ProjectFileTools() {}

  /**
   * The five file tools on a project.
   *
   * @param root the project they are confined to
   * @return the tools, in the order above
   */
  public static List<AgentTool> create(ProjectRoot root) {
    Objects.requireNonNull(root, "root");
    return List.of(
        new ReadFile(root),
        new ListFiles(root),
        new SearchFiles(root),
        new WriteFile(root),
        new EditFile(root));
  }

  /** A file's text, or an error result saying why it cannot be used as text. */
  private record TextFile(String text, ToolResult error) {}

  private static TextFile text(ProjectRoot root, Path file) throws IOException {
    String shown = root.relative(file);
    if (!Files.exists(file)) {
      return new TextFile(
          null,
          ToolResult.error(
              "The file "
                  + shown
                  + " does not exist. List the folder with list_files to find it."));
    }
    if (Files.isDirectory(file)) {
      return new TextFile(
          null,
          ToolResult.error(
              shown + " is a folder, not a file. Use list_files to see what it holds."));
    }
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      return new TextFile(
          null,
          ToolResult.error(
              "The file "
                  + shown
                  + " has "
                  + size
                  + " bytes, more than the "
                  + MAX_FILE_BYTES
                  + " a tool reads. Use search_files to find the lines you need."));
    }
    byte[] bytes = Files.readAllBytes(file);
    if (isBinary(bytes)) {
      return new TextFile(
          null,
          ToolResult.error(
              "The file "
                  + shown
                  + " is binary, not text; the file tools work on text files only."));
    }
    return new TextFile(new String(bytes, StandardCharsets.UTF_8), null);
  }

  private static boolean isBinary(byte[] bytes) {
    int end = Math.min(bytes.length, BINARY_PROBE);
    for (int i = 0; i < end; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static int lines(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    int n = (int) text.chars().filter(c -> c == '\n').count();
    return text.endsWith("\n") ? n : n + 1;
  }

  /**
   * A glob matcher: without a {@code /} it matches file names at any depth, else relative paths.
   */
  private static Predicate<Path> glob(Optional<String> glob) {
    if (glob.isEmpty() || glob.get().isBlank()) {
      return p -> true;
    }
    String pattern = glob.get().strip();
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    return pattern.contains("/")
        ? matcher::matches
        : p -> p.getFileName() != null && matcher.matches(p.getFileName());
  }

  /**
   * Visits the regular files below a folder, skipping {@code .git}, without following links out.
   */
  private static void walk(Path start, java.util.function.Function<Path, Boolean> onFile)
      throws IOException {
    Files.walkFileTree(
        start,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(start) && dir.getFileName().toString().equals(".git")
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!attrs.isRegularFile()) {
              return FileVisitResult.CONTINUE;
            }
            return onFile.apply(file) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) {
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static ToolResult ioError(String action, ProjectRoot root, Path file, IOException e) {
    String reason =
        e instanceof NoSuchFileException
            ? "it does not exist"
            : e.getClass().getSimpleName()
                + (e.getMessage() == null
                    ? ""
                    : ": " + e.getMessage().replace(root.path().toString() + "/", ""));
    return ToolResult.error("Cannot " + action + " " + root.relative(file) + ": " + reason + ".");
  }

  /** A tool on the project's files: its root and its specification. */
  private abstract static class FileTool extends SpecifiedTool {
    final ProjectRoot root;

    FileTool(ProjectRoot root, String name, String description, JsonObjectSchema parameters) {
      super(name, description, parameters);
      this.root = root;
    }
  }

  private static final class ReadFile extends FileTool {
    ReadFile(ProjectRoot root) {
      super(
          root,
          READ_FILE,
          "Read a UTF-8 text file of the project and return its whole content.",
          JsonObjectSchema.builder().addStringProperty("path", PATH).required("path").build());
    }

    @Override
    public ToolAction describe(ToolArguments arguments) {
      return ToolAction.read(arguments.string("path"));
    }

    @Override
    public ToolResult execute(ToolArguments arguments) {
      Path file = root.resolve(arguments.string("path"));
      try {
        TextFile loaded = text(root, file);
        if (loaded.error() != null) {
          return loaded.error();
        }
        String content = loaded.text();
        return ToolResult.ok(
            content, "read " + lines(content) + " lines of " + root.relative(file));
      } catch (IOException e) {
        return ioError("read", root, file, e);
      }
    }
  }

  private static final class ListFiles extends FileTool {
    ListFiles(ProjectRoot root) {
      super(
          root,
          LIST_FILES,
          "List a folder of the project (folders end with /). With a glob, list the files below it that match: "
              + "a glob without / matches file names at any depth (*.java), one with / matches paths (src/**/*.java).",
          JsonObjectSchema.builder()
              .addStringProperty("path", "folder relative to the project root; default: the root")
              .addStringProperty("glob", "optional glob the files must match")
              .build());
    }

    @Override
    public ToolAction describe(ToolArguments arguments) {
      return ToolAction.read(arguments.optionalString("path").orElse("."));
    }

    @Override
    public ToolResult execute(ToolArguments arguments) {
      Path folder = root.resolve(arguments.optionalString("path").orElse("."));
      String shown = root.relative(folder);
      if (!Files.isDirectory(folder)) {
        return ToolResult.error(
            shown
                + " is not a folder of the project. List the root with list_files {\"path\": \".\"}.");
      }
      List<String> entries = new ArrayList<>();
      boolean[] more = {false};
      try {
        Optional<String> globArg = arguments.optionalString("glob");
        if (globArg.isEmpty() || globArg.get().isBlank()) {
          try (Stream<Path> children = Files.list(folder)) {
            children
                .sorted()
                .forEach(
                    child -> {
                      if (entries.size() >= MAX_ENTRIES) {
                        more[0] = true;
                      } else {
                        entries.add(child.getFileName() + (Files.isDirectory(child) ? "/" : ""));
                      }
                    });
          }
        } else {
          Predicate<Path> matches = glob(globArg);
          walk(
              folder,
              file -> {
                if (matches.test(folder.relativize(file))) {
                  if (entries.size() >= MAX_ENTRIES) {
                    more[0] = true;
                    return false;
                  }
                  entries.add(root.relative(file));
                }
                return true;
              });
          entries.sort(null);
        }
      } catch (IOException e) {
        return ioError("list", root, folder, e);
      }
      if (entries.isEmpty()) {
        return ToolResult.ok(
            "No files"
                + arguments.optionalString("glob").map(g -> " match " + g).orElse("")
                + " in "
                + shown
                + ".",
            "listed " + shown + ": empty");
      }
      String text =
          String.join("\n", entries)
              + (more[0]
                  ? "\n[only the first " + MAX_ENTRIES + " entries; narrow the path or the glob]"
                  : "");
      return ToolResult.ok(text, "listed " + entries.size() + " entries of " + shown);
    }
  }

  private static final class SearchFiles extends FileTool {
    SearchFiles(ProjectRoot root) {
      super(
          root,
          SEARCH_FILES,
          "Search the project's text files for a literal text (case-insensitive); returns path:line: text for each "
              + "matching line.",
          JsonObjectSchema.builder()
              .addStringProperty("query", "the text to look for")
              .addStringProperty("glob", "optional glob of the files to search, such as *.java")
              .required("query")
              .build());
    }

    @Override
    public ToolAction describe(ToolArguments arguments) {
      return ToolAction.read(".");
    }

    @Override
    public ToolResult execute(ToolArguments arguments) {
      String query = arguments.string("query");
      if (query.isBlank()) {
        return ToolResult.error("The query is empty. Give the text to look for.");
      }
      String needle = query.toLowerCase(Locale.ROOT);
      Predicate<Path> matches = glob(arguments.optionalString("glob"));
      List<String> hits = new ArrayList<>();
      boolean[] more = {false};
      Path start = root.path();
      try {
        walk(
            start,
            file -> {
              if (!matches.test(start.relativize(file))) {
                return true;
              }
              try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                  return true;
                }
                byte[] bytes = Files.readAllBytes(file);
                if (isBinary(bytes)) {
                  return true;
                }
                String[] fileLines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
                for (int i = 0; i < fileLines.length; i++) {
                  if (fileLines[i].toLowerCase(Locale.ROOT).contains(needle)) {
                    if (hits.size() >= MAX_MATCHES) {
                      more[0] = true;
                      return false;
                    }
                    String line = fileLines[i].strip();
                    hits.add(
                        root.relative(file)
                            + ":"
                            + (i + 1)
                            + ": "
                            + (line.length() <= MAX_MATCH_LINE
                                ? line
                                : line.substring(0, MAX_MATCH_LINE) + "..."));
                  }
                }
              } catch (IOException e) {
                // unreadable file: skipped like a binary one
              }
              return true;
            });
      } catch (IOException e) {
        return ioError("search", root, start, e);
      }
      if (hits.isEmpty()) {
        return ToolResult.ok(
            "No line contains '" + query + "'.", "searched for '" + query + "': no matches");
      }
      String text =
          String.join("\n", hits)
              + (more[0]
                  ? "\n[only the first " + MAX_MATCHES + " matches; narrow the query or the glob]"
                  : "");
      return ToolResult.ok(text, "searched for '" + query + "': " + hits.size() + " matches");
    }
  }

  private static final class WriteFile extends FileTool {
    WriteFile(ProjectRoot root) {
      super(
          root,
          WRITE_FILE,
          "Create a text file of the project, or replace its whole content; missing folders are created.",
          JsonObjectSchema.builder()
              .addStringProperty("path", PATH)
              .addStringProperty("content", "the complete new content")
              .required("path", "content")
              .build());
    }

    @Override
    public ToolAction describe(ToolArguments arguments) {
      return ToolAction.write(arguments.string("path"), arguments.string("content"));
    }

    @Override
    public ToolResult execute(ToolArguments arguments) {
      Path file = root.resolve(arguments.string("path"));
      String content = arguments.string("content");
      String shown = root.relative(file);
      if (Files.isDirectory(file)) {
        return ToolResult.error(shown + " is a folder; give the path of a file.");
      }
      boolean existed = Files.exists(file);
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return ioError("write", root, file, e);
      }
      String what =
          (existed ? "replaced " : "created ") + shown + " (" + lines(content) + " lines)";
      return ToolResult.ok("Wrote " + content.length() + " characters to " + shown + ".", what);
    }
  }

  private static final class EditFile extends FileTool {
    EditFile(ProjectRoot root) {
      super(
          root,
          EDIT_FILE,
          "Replace one exact text in a file of the project by another. old_text must occur exactly once, with "
              + "the same spaces and line breaks; include surrounding lines to make it unique.",
          JsonObjectSchema.builder()
              .addStringProperty("path", PATH)
              .addStringProperty("old_text", "the exact text to replace; must occur once")
              .addStringProperty("new_text", "the text to put in its place")
              .required("path", "old_text", "new_text")
              .build());
    }

    @Override
    public ToolAction describe(ToolArguments arguments) {
      return ToolAction.write(arguments.string("path"), arguments.string("new_text"));
    }

    @Override
    public ToolResult execute(ToolArguments arguments) {
      Path file = root.resolve(arguments.string("path"));
      String oldText = arguments.string("old_text");
      String newText = arguments.string("new_text");
      String shown = root.relative(file);
      if (oldText.isEmpty()) {
        return ToolResult.error(
            "old_text is empty. Copy the exact text to replace from the file; to write a "
                + "whole file use write_file.");
      }
      if (oldText.equals(newText)) {
        return ToolResult.error(
            "old_text and new_text are the same, so the edit would change nothing.");
      }
      try {
        TextFile loaded = text(root, file);
        if (loaded.error() != null) {
          return loaded.error();
        }
        String content = loaded.text();
        int first = content.indexOf(oldText);
        if (first < 0) {
          return ToolResult.error(
              "old_text was not found in "
                  + shown
                  + ". Read the file again (it may have "
                  + "changed) and copy the text exactly, with its spaces and line breaks.");
        }
        int count = 0;
        for (int at = first; at >= 0; at = content.indexOf(oldText, at + 1)) {
          count++;
        }
        if (count > 1) {
          return ToolResult.error(
              "old_text occurs "
                  + count
                  + " times in "
                  + shown
                  + ", so the edit is ambiguous. "
                  + "Include more surrounding lines so it occurs exactly once.");
        }
        String edited =
            content.substring(0, first) + newText + content.substring(first + oldText.length());
        Files.writeString(file, edited, StandardCharsets.UTF_8);
        return ToolResult.ok(
            "Edited "
                + shown
                + ": replaced "
                + lines(oldText)
                + " line(s) by "
                + lines(newText)
                + ".",
            "edited " + shown + " (-" + lines(oldText) + " +" + lines(newText) + " lines)");
      } catch (IOException e) {
        return ioError("edit", root, file, e);
      }
    }
  }
}
