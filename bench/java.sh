#!/usr/bin/env bash
# The Java runtime's benchmark: KmsErrors.fromResponse against protobuf-java's parseFrom of the same
# bytes, warmed up, in one JVM. Builds the test reactor's classes (no tests run) and prints, as its last
# line, {"name", "ours_ns", "baseline_ns", "ratio", "baseline"}.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  echo "java bench skipped: java and mvn are not both installed"
  exit 0
fi
bash test/java/run.sh --prepare-only
mvn -B -q -ntp -Dstyle.color=never -f test/java/pom.xml -pl vendor -am -DskipTests test-compile \
  dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="test/java/vendor/target/test-classes:test/java/conformance/target/classes:.cache/java/kms/target/classes:$(cat test/java/vendor/target/bench.classpath)"
java -Xss4m -Derrcat.root="$PWD" -cp "$cp" dev.errcat.vendor.FromResponseBench
