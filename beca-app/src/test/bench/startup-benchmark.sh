#!/bin/sh
# Start-up time of the beca jar beside a bare JVM "hello world" in the same hyperfine run.
#
#   beca-app/src/test/bench/startup-benchmark.sh [JAR] [RUNS] [OLDER_JAR]
#
# With OLDER_JAR (e.g. a beca.jar built from an earlier commit), its two commands run in the same
# hyperfine run too, on a data directory of their own.
#
# Needs hyperfine (Debian: apt-get install -y hyperfine). Measures, with standard input from
# /dev/null (hyperfine's default): `java -jar beca.jar --version`, `java -jar beca.jar chat` on an
# up-to-date data directory, and the same two with an AppCDS archive and C1 only
# (-XX:SharedArchiveFile=... -XX:TieredStopAtLevel=1), which a launcher script or JDK_JAVA_OPTIONS
# can pass; `java -jar` alone cannot (a jar's manifest holds no JVM options). When the build made
# the `beca` launcher beside the jar (with its own archive, beca.jsa, and the JVM's default
# compilers), its two commands are measured too.
set -eu
JAR=$(realpath "${1:-beca-app/target/beca.jar}")
RUNS="${2:-10}"
OLDER="${3:-}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/hello" "$WORK/data"
cat > "$WORK/hello/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] args) { System.out.println("hello"); } }
JAVA
javac -d "$WORK/hello" "$WORK/hello/Hello.java"
# The first chat creates and migrates the knowledge base; every measured run finds it up to date.
java -jar "$JAR" chat --data-dir "$WORK/data" </dev/null
# A dynamic AppCDS archive of the classes one chat start loads (JDK 13+).
java -XX:ArchiveClassesAtExit="$WORK/beca.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$JAR" chat --data-dir "$WORK/data" </dev/null
CDS="-XX:SharedArchiveFile=$WORK/beca.jsa -XX:TieredStopAtLevel=1 -Xlog:cds=off"
set --
LAUNCHER="$(dirname "$JAR")/beca"
if [ -x "$LAUNCHER" ]; then
  set -- -n "beca --version (launcher)" "$LAUNCHER --version" \
    -n "beca chat </dev/null (launcher)" "$LAUNCHER chat --data-dir $WORK/data"
fi
if [ -n "$OLDER" ]; then
  OLDER=$(realpath "$OLDER")
  mkdir -p "$WORK/older-data"
  java -jar "$OLDER" chat --data-dir "$WORK/older-data" </dev/null
  set -- "$@" -n "older --version" "java -jar $OLDER --version" \
    -n "older chat </dev/null" "java -jar $OLDER chat --data-dir $WORK/older-data"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $(java -version 2>&1 | head -1)"
hyperfine -N --warmup 2 --runs "$RUNS" --export-markdown "$WORK/result.md" \
  -n "hello world" "java -cp $WORK/hello Hello" \
  -n "beca --version" "java -jar $JAR --version" \
  -n "beca chat </dev/null" "java -jar $JAR chat --data-dir $WORK/data" \
  -n "beca --version (AppCDS, C1)" "java $CDS -jar $JAR --version" \
  -n "beca chat </dev/null (AppCDS, C1)" "java $CDS -jar $JAR chat --data-dir $WORK/data" "$@"
cat "$WORK/result.md"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
