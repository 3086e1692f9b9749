package dev.beca.memory.internal;

/** Parameters of a thread insert; mutable only so that MyBatis can hand back the generated id. */
final class ThreadInsert {
  final String name;
  final long createdAt;
  long id;

  ThreadInsert(String name, long createdAt) {
    this.name = name;
    this.createdAt = createdAt;
  }
}
