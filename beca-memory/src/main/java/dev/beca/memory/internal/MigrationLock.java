package dev.beca.memory.internal;

import dev.beca.core.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds the right to migrate one database file: a lock within this JVM (file locks are held per
 * process, so two threads must not both ask the OS) and an exclusive OS lock on {@code FILE.lock}
 * beside the database, which other processes wait for. The lock file stays (removing it would race
 * with a process about to lock it); it is empty.
 */
final class MigrationLock implements AutoCloseable {

  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS =
      new ConcurrentHashMap<>();

  private final ReentrantLock inProcess;
  private final FileChannel channel;
  private final FileLock fileLock;

  private MigrationLock(ReentrantLock inProcess, FileChannel channel, FileLock fileLock) {
    this.inProcess = inProcess;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /**
   * Waits until no other thread or process migrates the file, then holds the lock.
   *
   * @param database the database file (absolute)
   * @return the held lock; close it to release
   * @throws StorageException when the lock file cannot be created or locked
   */
  static MigrationLock acquire(Path database) {
    ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(database, file -> new ReentrantLock());
    inProcess.lock();
    Path lockFile = database.resolveSibling(database.getFileName() + ".lock");
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new MigrationLock(inProcess, channel, channel.lock());
    } catch (IOException | RuntimeException e) {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      inProcess.unlock();
      throw new StorageException(
          "Could not lock "
              + lockFile
              + " to bring the knowledge base's schema up to date ("
              + e.getMessage()
              + ").",
          "Check that the folder " + lockFile.getParent() + " is writable.",
          e);
    }
  }

  @Override
  public void close() {
    try {
      fileLock.release();
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock in any case; nothing is left to undo.
    } finally {
      inProcess.unlock();
    }
  }
}
