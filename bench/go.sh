#!/usr/bin/env bash
# The Go runtime's figure: kmserrors.FromBody per call against proto.Unmarshal of the same bytes (the
# bodyBase64 of fixture key-not-found-in-key-store in out/kms/fixtures/index.json) into the vendor SDK's
# protoc-gen-go type api.Error, both by `go test -bench` in one run (test/go/vendor-sdk). The last stdout
# line is the JSON result.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v go >/dev/null 2>&1; then
  echo "bench/go.sh: skipped: go is not installed" >&2
  exit 0
fi
out="$(cd test/go/vendor-sdk && go test -run '^$' -bench '^Benchmark(FromBody|ProtoUnmarshal)$' -benchmem -count 5 .)"
echo "$out" >&2
echo "$out" | awk '
  /^BenchmarkFromBody/ { ours[++n] = $3 }
  /^BenchmarkProtoUnmarshal/ { base[++m] = $3 }
  function median(a, k,   i, j, t) {
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return a[int((k + 1) / 2)]
  }
  END {
    if (n == 0 || m == 0) { print "bench/go.sh: no benchmark lines" > "/dev/stderr"; exit 1 }
    o = median(ours, n); b = median(base, m)
    printf "{\"name\": \"go FromBody vs proto.Unmarshal\", \"ours_ns\": %.1f, \"baseline_ns\": %.1f, \"ratio\": %.3f, \"baseline\": \"proto.Unmarshal of the same bytes into the vendor SDK protoc-gen-go api.Error (google.golang.org/protobuf), median of 5\"}\n", o, b, o / b
  }'
