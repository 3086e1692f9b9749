package dev.beca.selfimprove.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The engine's files in a repository's common git folder ({@code .git/beca-improve/}): the cycle
 * lock, the stop flag another process may set, and the registry of temporary worktrees.
 */
public final class EngineState {

  private final Path dir;

  /** The state of a repository whose common git folder is {@code commonGitDir}. */
  public EngineState(Path commonGitDir) {
    this.dir = commonGitDir.resolve("beca-improve");
  }

  /** The folder. */
  public Path directory() {
    return dir;
  }

  /** The stop flag file. */
  public Path stopFlag() {
    return dir.resolve("stop");
  }

  /** The worktree registry folder. */
  public Path registry() {
    return dir.resolve("worktrees");
  }

  /** A held lock; closing releases it. */
  public static final class Lock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private Lock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // closing the channel releases the lock either way
      }
    }
  }

  /**
   * Takes the engine's lock of this repository, or nothing when another cycle (in this or another
   * process) holds it.
   */
  public Optional<Lock> tryLock() {
    try {
      Files.createDirectories(dir);
      FileChannel channel =
          FileChannel.open(
              dir.resolve("cycle.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      channel.truncate(0);
      channel.write(
          java.nio.ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
      return Optional.of(new Lock(channel, lock));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The engine's lock file in " + dir + " could not be opened: " + e.getMessage(), e);
    }
  }

  /** Sets the stop flag. */
  public void requestStop() {
    try {
      Files.createDirectories(dir);
      Files.writeString(stopFlag(), ProcessHandle.current().pid() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The stop flag " + stopFlag() + " could not be written: " + e.getMessage(), e);
    }
  }

  /** Whether the stop flag is set. */
  public boolean stopRequested() {
    return Files.exists(stopFlag());
  }

  /** Clears the stop flag. */
  public void clearStop() {
    try {
      Files.deleteIfExists(stopFlag());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The stop flag " + stopFlag() + " could not be removed: " + e.getMessage(), e);
    }
  }
}
