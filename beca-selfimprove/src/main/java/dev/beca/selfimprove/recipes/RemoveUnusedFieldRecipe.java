package dev.beca.selfimprove.recipes;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import dev.beca.selfimprove.analysis.CodeIssue;
import dev.beca.selfimprove.analysis.IssueKind;
import dev.beca.selfimprove.analysis.internal.JavaSyntax;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Removes a private field whose name occurs nowhere else in the file (comments and strings
 * included, so a field read by reflection through its name in a string stays), with its comment.
 * Only when the declaration has one variable, no annotation, an initializer without side effects
 * (none, a literal, a constant concatenation, or {@code new} of a JDK collection or {@code
 * StringBuilder} without arguments), and lines of its own; an instance field is only removed from a
 * class that extends nothing and implements neither {@code Serializable} nor {@code Externalizable}
 * (its serialized form would change).
 */
final class RemoveUnusedFieldRecipe implements Recipe {

  private static final Set<String> HARMLESS_TYPES =
      Set.of("StringBuilder", "Object", "AtomicInteger", "AtomicLong", "AtomicBoolean");

  @Override
  public RecipeKind kind() {
    return RecipeKind.REMOVE_UNUSED_FIELD;
  }

  @Override
  public Set<IssueKind> fixes() {
    return Set.of(IssueKind.UNUSED_PRIVATE_FIELD);
  }

  @Override
  public Optional<Rewrite> rewrite(CompilationUnit unit, SourceText text, CodeIssue issue) {
    FieldDeclaration field = Recipe.locate(unit, FieldDeclaration.class, issue).orElse(null);
    if (field == null
        || field.getVariables().size() != 1
        || !field.isPrivate()
        || !field.getAnnotations().isEmpty()) {
      return Optional.empty();
    }
    VariableDeclarator variable = field.getVariable(0);
    String name = variable.getNameAsString();
    if (Shapes.occurrences(text.text(), name) != 1
        || !variable.getInitializer().map(RemoveUnusedFieldRecipe::harmless).orElse(true)
        || !field.isStatic()
        || suppressesUnused(field)) {
      return Optional.empty();
    }
    Node first = field;
    Optional<Comment> comment = field.getComment();
    if (comment.isPresent() && comment.get().getRange().isPresent()) {
      first = comment.get();
    }
    int begin = text.begin(first);
    int end = text.end(field);
    if (!text.onlyWhitespaceBefore(begin) || !text.onlyWhitespaceAfter(end)) {
      return Optional.empty();
    }
    int firstLine = first.getBegin().orElseThrow().line;
    int lastLine = field.getEnd().orElseThrow().line;
    int start = text.lineStart(firstLine);
    int stop = text.lineEndWithBreak(lastLine);
    if (firstLine > 1
        && blank(text, firstLine - 1)
        && lastLine < text.lineCount()
        && blank(text, lastLine + 1)) {
      stop = text.lineEndWithBreak(lastLine + 1);
    }
    return Optional.of(
        new Rewrite(
            List.of(new TextEdit(start, stop, "")),
            "Remove the private field " + name + ", which nothing in the file refers to."));
  }

  private static boolean blank(SourceText text, int line) {
    return text.text().substring(text.lineStart(line), text.lineEndWithBreak(line)).isBlank();
  }

  private static boolean harmless(Expression initializer) {
    if (initializer instanceof LiteralExpr) {
      return true;
    }
    if (initializer instanceof BinaryExpr binary) {
      return harmless(binary.getLeft()) && harmless(binary.getRight());
    }
    if (initializer instanceof ObjectCreationExpr creation) {
      String type = creation.getType().getNameAsString();
      return creation.getArguments().isEmpty()
          && creation.getAnonymousClassBody().isEmpty()
          && (JavaSyntax.JDK_COLLECTIONS.contains(type) || HARMLESS_TYPES.contains(type));
    }
    return false;
  }

  /** Whether the field or an enclosing type says {@code @SuppressWarnings("unused")}. */
  private static boolean suppressesUnused(Node field) {
    Node current = field;
    while (current != null) {
      if (current instanceof NodeWithAnnotations<?> annotated
          && annotated.getAnnotations().stream()
              .anyMatch(
                  a ->
                      a.getNameAsString().endsWith("SuppressWarnings")
                          && a.toString().contains("unused"))) {
        return true;
      }
      current = current.getParentNode().orElse(null);
    }
    return false;
  }
}
