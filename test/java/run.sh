#!/usr/bin/env bash
# The Java suite, run by npm test: javac -Xlint:all -Werror on the committed generated module
# (out/kms/java), then one Maven reactor (test/java/pom.xml): the runtime's unit tests, the module
# itself, the conformance tests and the tests against the vendor's SDK. Maven downloads go to its
# usual cache (~/.m2), so a warm machine needs no network. Regenerates nothing.
# `--prepare-only` only copies the module to where the reactor builds it (bench/java.sh uses that).
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=""
for tool in java javac mvn; do command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"; done
if [ -n "$missing" ]; then
  echo "java tests skipped: not installed:$missing (install a JDK 17+ and Maven to run them)"
  exit 0
fi
major=$(javac -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')
if [ "${major:-0}" -lt 17 ] 2>/dev/null; then
  echo "java tests skipped: javac $major is older than 17, which the generated module targets"
  exit 0
fi
if [ ! -f out/kms/java/pom.xml ]; then
  echo "out/kms/java/pom.xml is missing: run \`npm run generate\` and commit out/kms/java" >&2
  exit 1
fi

# The reactor builds a copy, so no target/ folder lands in out/.
rm -rf .cache/java/kms
mkdir -p .cache/java
cp -R out/kms/java .cache/java/kms
if [ "${1:-}" = "--prepare-only" ]; then exit 0; fi

echo "javac -Xlint:all -Werror on out/kms/java"
rm -rf .cache/java/javac-kms
javac -Xlint:all -Werror -d .cache/java/javac-kms $(find .cache/java/kms/src/main/java -name '*.java' | sort)

mvn -B -ntp -Dstyle.color=never -f test/java/pom.xml verify
