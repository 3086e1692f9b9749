package dev.beca.core.secrets;

import java.nio.file.Path;

/**
 * Scans a file or a folder for secrets, as a port for front ends that see only the core (the HTTP
 * API). beca-benchmark's {@code SecretTreeScanner} implements it with the walk of {@code beca scan}
 * (ignored files left out, binary and large files skipped with a note).
 */
@FunctionalInterface
public interface FolderScanner {

  /**
   * Scans a file or a folder.
   *
   * @param path the file or folder
   * @return what was found, never a secret in clear
   * @throws dev.beca.core.InvalidInputException when the path does not exist
   */
  FolderScan scan(Path path);
}
