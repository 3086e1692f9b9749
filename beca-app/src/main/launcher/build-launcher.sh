#!/bin/sh
# Run by the build after the shaded jar is made: puts the `beca` launcher beside beca.jar and
# records the classes a start loads (`beca chat` with empty input, on a fresh data directory) into
# a dynamic AppCDS archive, beca.jsa. A failure to make the archive is reported and leaves the
# launcher working without it.
set -eu
target=$1
# The archive holds only for the Java runtime that made it: the build's (the launcher uses
# JAVA_HOME or the java on PATH; another runtime starts without the archive).
java="${2:+$2/bin/}java"
here=$(cd "$(dirname "$0")" && pwd)
cp "$here/beca" "$target/beca"
chmod +x "$target/beca"
rm -f "$target/beca.jsa"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
if "$java" -XX:ArchiveClassesAtExit="$target/beca.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar "$target/beca.jar" chat --data-dir "$data/beca" </dev/null >"$data/out.txt" 2>&1 \
    && [ -s "$target/beca.jsa" ]; then
  echo "beca launcher and class-data archive: $target/beca, $target/beca.jsa"
else
  echo "WARNING: no class-data archive made; $target/beca starts without it. Output:" >&2
  cat "$data/out.txt" >&2
  rm -f "$target/beca.jsa"
fi
