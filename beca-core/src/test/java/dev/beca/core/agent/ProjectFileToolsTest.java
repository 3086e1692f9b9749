package dev.beca.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFileToolsTest {

  @TempDir Path project;
  private Map<String, AgentTool> tools;

  @BeforeEach
  void createProject() throws IOException {
    Files.createDirectories(project.resolve("src/main/java/app"));
    Files.writeString(
        project.resolve("src/main/java/app/Main.java"),
        "package app;\n\nclass Main {\n  int answer() { return 41; }\n}\n");
    Files.writeString(
        project.resolve("src/main/java/app/Util.java"), "package app;\nclass Util {}\n");
    Files.writeString(project.resolve("README.md"), "# Demo\nThe answer is here.\n");
    Files.createDirectories(project.resolve(".git"));
    Files.writeString(project.resolve(".git/config"), "[core] answer\n");
    tools =
        ProjectFileTools.create(ProjectRoot.of(project)).stream()
            .collect(Collectors.toMap(AgentTool::name, Function.identity()));
  }

  private ToolResult call(String tool, String json) {
    AgentTool t = tools.get(tool);
    return t.execute(ToolArguments.parse(t.specification(), json));
  }

  @Test
  void toolsHaveTheDocumentedNamesAndArguments() {
    assertThat(ProjectFileTools.create(ProjectRoot.of(project)))
        .extracting(AgentTool::name)
        .containsExactly("read_file", "list_files", "search_files", "write_file", "edit_file");
    assertThat(tools.get("edit_file").specification().parameters().required())
        .containsExactly("path", "old_text", "new_text");
    assertThat(tools.get("list_files").specification().parameters().properties())
        .containsOnlyKeys("path", "glob");
    assertThat(tools.get("search_files").specification().parameters().required())
        .containsExactly("query");
  }

  @Test
  void readFileReturnsTheContentAndAShortDisplay() {
    ToolResult result = call("read_file", "{\"path\":\"README.md\"}");

    assertThat(result.success()).isTrue();
    assertThat(result.text()).isEqualTo("# Demo\nThe answer is here.\n");
    assertThat(result.display()).isEqualTo("read 2 lines of README.md");
  }

  @Test
  void readFileOfAMissingFileOrAFolderIsAnErrorResult() {
    assertThat(call("read_file", "{\"path\":\"nope.txt\"}"))
        .satisfies(r -> assertThat(r.success()).isFalse())
        .satisfies(r -> assertThat(r.text()).startsWith("Error: The file nope.txt does not exist"));
    assertThat(call("read_file", "{\"path\":\"src\"}").text()).contains("src is a folder");
  }

  @Test
  void binaryFileIsRefused() throws IOException {
    Files.write(project.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});

    ToolResult result = call("read_file", "{\"path\":\"logo.png\"}");

    assertThat(result.success()).isFalse();
    assertThat(result.text()).contains("binary");
  }

  @Test
  void fileOverTheSizeLimitIsRefusedWithAnAlternative() throws IOException {
    Files.write(
        project.resolve("big.log"),
        "x".repeat(ProjectFileTools.MAX_FILE_BYTES + 1).getBytes(StandardCharsets.UTF_8));

    ToolResult result = call("read_file", "{\"path\":\"big.log\"}");

    assertThat(result.success()).isFalse();
    assertThat(result.text())
        .contains("more than the " + ProjectFileTools.MAX_FILE_BYTES)
        .contains("search_files");
  }

  @Test
  void listFilesShowsAFolderWithSubfoldersMarked() {
    ToolResult result = call("list_files", "{}");

    assertThat(result.text().lines().toList()).containsExactly(".git/", "README.md", "src/");
  }

  @Test
  void listFilesWithANameGlobFindsFilesAtAnyDepthButNotInGit() {
    assertThat(call("list_files", "{\"glob\":\"*.java\"}").text().lines().toList())
        .containsExactly("src/main/java/app/Main.java", "src/main/java/app/Util.java");
    assertThat(call("list_files", "{\"glob\":\"config\"}").text())
        .startsWith("No files match config");
  }

  @Test
  void listFilesWithAPathGlobMatchesRelativeToTheFolder() {
    assertThat(call("list_files", "{\"path\":\"src/main\",\"glob\":\"java/*/M*.java\"}").text())
        .isEqualTo("src/main/java/app/Main.java");
  }

  @Test
  void listFilesOutsideTheProjectIsRefusedByTheRoot() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> call("list_files", "{\"path\":\"..\"}"))
        .isInstanceOf(ProjectPathException.class);
  }

  @Test
  void searchFilesReportsPathLineAndTextCaseInsensitively() {
    ToolResult result = call("search_files", "{\"query\":\"ANSWER\"}");

    assertThat(result.text().lines().toList())
        .containsExactlyInAnyOrder(
            "README.md:2: The answer is here.",
            "src/main/java/app/Main.java:4: int answer() { return 41; }");
    assertThat(result.display()).isEqualTo("searched for 'ANSWER': 2 matches");
  }

  @Test
  void searchFilesHonoursTheGlobAndSkipsBinaryFiles() throws IOException {
    Files.write(project.resolve("blob.bin"), "answer\0answer".getBytes(StandardCharsets.UTF_8));

    assertThat(call("search_files", "{\"query\":\"answer\",\"glob\":\"*.md\"}").text())
        .isEqualTo("README.md:2: The answer is here.");
    assertThat(call("search_files", "{\"query\":\"answer\"}").text()).doesNotContain("blob.bin");
    assertThat(call("search_files", "{\"query\":\"no such text\"}").text())
        .isEqualTo("No line contains 'no such text'.");
  }

  @Test
  void searchFilesCapsTheMatchesWithANote() throws IOException {
    Files.writeString(
        project.resolve("many.txt"), "hit\n".repeat(ProjectFileTools.MAX_MATCHES + 5));

    List<String> lines = call("search_files", "{\"query\":\"hit\"}").text().lines().toList();

    assertThat(lines).hasSize(ProjectFileTools.MAX_MATCHES + 1);
    assertThat(lines.get(lines.size() - 1))
        .contains("only the first " + ProjectFileTools.MAX_MATCHES + " matches");
  }

  @Test
  void writeFileCreatesMissingFoldersAndReplacesExistingFiles() throws IOException {
    ToolResult created =
        call("write_file", "{\"path\":\"docs/guide/intro.md\",\"content\":\"Hello\\nWorld\\n\"}");
    ToolResult replaced = call("write_file", "{\"path\":\"README.md\",\"content\":\"new\"}");

    assertThat(Files.readString(project.resolve("docs/guide/intro.md")))
        .isEqualTo("Hello\nWorld\n");
    assertThat(created.display()).isEqualTo("created docs/guide/intro.md (2 lines)");
    assertThat(Files.readString(project.resolve("README.md"))).isEqualTo("new");
    assertThat(replaced.display()).startsWith("replaced README.md");
  }

  @Test
  void editFileReplacesTheUniqueText() throws IOException {
    ToolResult result =
        call(
            "edit_file",
            "{\"path\":\"src/main/java/app/Main.java\",\"old_text\":\"return 41;\",\"new_text\":\"return 42;\"}");

    assertThat(result.success()).isTrue();
    assertThat(Files.readString(project.resolve("src/main/java/app/Main.java")))
        .contains("return 42;")
        .doesNotContain("41");
  }

  @Test
  void editFileWithMissingTextChangesNothingAndSaysToReadAgain() throws IOException {
    String before = Files.readString(project.resolve("README.md"));

    ToolResult result =
        call("edit_file", "{\"path\":\"README.md\",\"old_text\":\"no such\",\"new_text\":\"x\"}");

    assertThat(result.success()).isFalse();
    assertThat(result.text())
        .contains("old_text was not found in README.md")
        .contains("Read the file again");
    assertThat(Files.readString(project.resolve("README.md"))).isEqualTo(before);
  }

  @Test
  void editFileWithAmbiguousTextChangesNothingAndSaysHowOften() throws IOException {
    ToolResult result =
        call(
            "edit_file",
            "{\"path\":\"src/main/java/app/Util.java\",\"old_text\":\"l\",\"new_text\":\"L\"}");

    assertThat(result.success()).isFalse();
    assertThat(result.text()).contains("occurs 2 times").contains("more surrounding lines");
    assertThat(Files.readString(project.resolve("src/main/java/app/Util.java")))
        .isEqualTo("package app;\nclass Util {}\n");
  }

  @Test
  void editAfterTheFileChangedOnDiskFailsInsteadOfOverwritingTheChange() throws IOException {
    String seen = call("read_file", "{\"path\":\"src/main/java/app/Main.java\"}").text();
    Files.writeString(
        project.resolve("src/main/java/app/Main.java"), seen.replace("return 41;", "return 40;"));

    ToolResult result =
        call(
            "edit_file",
            "{\"path\":\"src/main/java/app/Main.java\",\"old_text\":\"return 41;\",\"new_text\":\"return 42;\"}");

    assertThat(result.success()).isFalse();
    assertThat(Files.readString(project.resolve("src/main/java/app/Main.java")))
        .contains("return 40;");
  }

  @Test
  void editFileRefusesEmptyOrUnchangedText() {
    assertThat(
            call("edit_file", "{\"path\":\"README.md\",\"old_text\":\"\",\"new_text\":\"x\"}")
                .text())
        .contains("old_text is empty");
    assertThat(
            call(
                    "edit_file",
                    "{\"path\":\"README.md\",\"old_text\":\"Demo\",\"new_text\":\"Demo\"}")
                .text())
        .contains("would change nothing");
  }

  @Test
  void writeAndEditDescribeThemselvesAsWritesCarryingTheNewText() {
    AgentTool edit = tools.get("edit_file");
    ToolAction action =
        edit.describe(
            ToolArguments.parse(
                edit.specification(),
                "{\"path\":\"a.txt\",\"old_text\":\"x\",\"new_text\":\"y\"}"));

    assertThat(action.kind()).isEqualTo(ActionKind.WRITE);
    assertThat(action.paths()).containsExactly("a.txt");
    assertThat(action.content()).contains("y");
  }
}
