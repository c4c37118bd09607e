#!/usr/bin/env bash
# The Java suite, run by npm test: javac -Xlint:all -Xdoclint:all/protected -Werror (every public and
# protected name documented, every @param there) on the committed generated module
# (out/kms/java), then one Maven reactor (test/java/pom.xml): the runtime's unit tests, the module
# itself, the conformance tests and the tests against the vendor's SDK. Maven downloads go to its
# usual cache (~/.m2), so a warm machine needs no network. Last, the module is installed into that cache
# and a project outside the repository (test/java/consumer, built in a temporary folder) catches
# ForbiddenKeyNotFoundException on a response from `errcat serve`. Regenerates nothing.
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

echo "javac -Xlint:all -Xdoclint:all/protected -Werror on out/kms/java"
rm -rf .cache/java/javac-kms
javac -Xlint:all -Xdoclint:all/protected -Werror -d .cache/java/javac-kms $(find .cache/java/kms/src/main/java -name '*.java' | sort)

mvn -B -ntp -Dstyle.color=never -f test/java/pom.xml verify

echo "a project outside the repository catches ForbiddenKeyNotFoundException from errcat serve"
# Installed on every run, so the consumer never compiles against a module from an older run.
mvn -B -q -ntp -Dstyle.color=never -f .cache/java/kms/pom.xml install
consumer=$(mktemp -d "${TMPDIR:-/tmp}/errcat-java-consumer.XXXXXX")
serve_pid=""
cleanup() {
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; fi
  rm -rf "$consumer"
}
trap cleanup EXIT
cp -R test/java/consumer/. "$consumer/"
mvn -B -q -ntp -Dstyle.color=never -f "$consumer/pom.xml" package dependency:build-classpath \
  -Dmdep.outputFile="$consumer/classpath.txt"
node bin/errcat.js serve --catalog catalog/kms.yaml --port 0 >"$consumer/serve.out" 2>"$consumer/serve.err" &
serve_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(head -n 1 "$consumer/serve.out" | tr -d '\r')
  case "$url" in http://127.0.0.1:*) break ;; esac
  if ! kill -0 "$serve_pid" 2>/dev/null; then break; fi
  sleep 0.1
done
case "$url" in
  http://127.0.0.1:*) ;;
  *) echo "errcat serve did not print its URL:" >&2; cat "$consumer/serve.err" >&2; exit 1 ;;
esac
status=0
out=$(java -cp "$consumer/target/classes:$(cat "$consumer/classpath.txt")" com.example.consumer.Main "$url" key-not-found-in-system) || status=$?
echo "$out"
case "$status $out" in
  "0 caught ForbiddenKeyNotFoundException 404 "*) ;;
  *) echo "the consumer did not take the ForbiddenKeyNotFoundException branch (exit $status)" >&2; exit 1 ;;
esac
