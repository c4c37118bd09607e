#!/usr/bin/env bash
# The Go suite: the runtime's own checks and tests, the committed KMS package (out/kms/go) against the
# fixtures, protobuf, errcat serve and the vendor's Go SDK, and packages generated from hostile
# catalogs into a temp folder; gofmt -l, go vet and staticcheck on every package, and a doc comment on
# every exported name of the runtime and of every generated package (test/go/doccheck). Needs dist/ built.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"

if ! command -v go >/dev/null 2>&1; then
  echo "test/go skipped: go is not on PATH (install Go 1.21 or newer to run the Go target's tests)"
  exit 0
fi

# staticcheck, pinned, installed once into a gitignored GOBIN; 0.8.x knows Go 1.26.
STATICCHECK_VERSION=v0.8.2
export GOBIN="$root/.cache/go/bin"
export PATH="$GOBIN:$PATH"
if ! staticcheck -version 2>/dev/null | grep -q "(${STATICCHECK_VERSION#v})"; then
  echo "installing staticcheck $STATICCHECK_VERSION into .cache/go/bin"
  go install "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION"
fi
(cd test/go/doccheck && go test -count=1 . >/dev/null && go build -o "$GOBIN/doccheck" .)
fuzztime="${ERRCAT_GO_FUZZTIME:-10s}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

step() { printf '\n== %s\n' "$*"; }

# gofmt -l prints nothing, go vet and staticcheck are clean, in one module folder.
lint() {
  local unformatted
  unformatted="$(cd "$1" && gofmt -l .)"
  if [ -n "$unformatted" ]; then
    echo "gofmt -l in $1:"; echo "$unformatted"; return 1
  fi
  (cd "$1" && go vet ./... && staticcheck ./...)
  echo "gofmt, go vet, staticcheck: clean in ${1#"$root"/}"
}

# Every exported name has a doc comment; go vet and staticcheck only check the ones that exist.
docs() {
  doccheck "$1"
  echo "doc comments: on every exported name in ${1#"$root"/}"
}

# Every generated file opens with the line Go tools take for generated code.
headers() {
  local f
  for f in "$1"/*.go "$1"/go.mod; do
    [ -e "$f" ] || continue
    head -n 1 "$f" | grep -Eq '^// Code generated .* DO NOT EDIT\.$' || { echo "$f: no '// Code generated … DO NOT EDIT.' first line"; return 1; }
  done
}

# The table of a generated package is its catalog.json, and every entry round-trips (an internal test).
table_test() {
  local pkg="$1" catalog_json="$2" copy="$tmp/table-$(basename "$(dirname "$1")")"
  rm -rf "$copy" && cp -R "$pkg" "$copy"
  local name
  name="$(sed -n 's/^package \([a-z0-9_]*\)$/\1/p' "$pkg/catalog.go" | head -n 1)"
  sed "s/^package errcat\$/package $name/" test/go/generic/catalog_test.go >"$copy/catalog_internal_test.go"
  [ -e "$copy/go.mod" ] || printf 'module example.test/%s\n\ngo 1.21\n' "$name" >"$copy/go.mod"
  (cd "$copy" && ERRCAT_CATALOG_JSON="$catalog_json" go test -count=1 .)
}

step "the runtime (generators/go/runtime)"
lint generators/go/runtime
docs generators/go/runtime
(cd generators/go/runtime && go test -count=1 . && go test -run '^$' -fuzz FuzzFromBody -fuzztime "$fuzztime" .)

step "the committed KMS package (out/kms/go)"
headers out/kms/go
lint out/kms/go
docs out/kms/go
table_test "$root/out/kms/go" "$root/out/kms/catalog.json"

step "KMS: fixtures, protobuf, round trips, errcat serve, the ERRORS.md example (test/go/kms)"
lint test/go/kms
(cd test/go/kms && go test -count=1 . && go test -run '^$' -fuzz FuzzFromBody -fuzztime "$fuzztime" .)

step "KMS against the vendor's Go SDK (test/go/vendor-sdk)"
lint test/go/vendor-sdk
(cd test/go/vendor-sdk && go test -count=1 -v -run 'Encrypt|Odd|Agree' . | grep -Ev '^(=== RUN|=== PAUSE|=== CONT)')

step "hostile catalogs"
node test/go/hostile-catalogs.mjs "$tmp/catalogs" >/dev/null
for catalog in "$tmp"/catalogs/go-*.yaml; do
  case="$(basename "$catalog" .yaml)"
  out="$tmp/out-$case"
  if [ "$case" = go-limit-collides ]; then
    if node bin/errcat.js generate -c "$catalog" -o "$out" --only go json >"$tmp/log" 2>&1; then
      echo "$case: generated, but the go target must refuse it"; exit 1
    fi
    grep -q "go-name-collision" "$tmp/log" || { cat "$tmp/log"; echo "$case: no go-name-collision diagnostic"; exit 1; }
    echo "$case: refused with go-name-collision, as it must be"
    continue
  fi
  node bin/errcat.js generate -c "$catalog" -o "$out" --only go json >/dev/null
  service="$(ls "$out")"
  headers "$out/$service/go"
  lint "$out/$service/go"
  docs "$out/$service/go"
  table_test "$out/$service/go" "$out/$service/catalog.json"
done

printf '\nGo suite: all passed\n'
