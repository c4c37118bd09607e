#!/usr/bin/env bash
# The Python suite: makes a virtualenv in .cache/python/venv with the pinned test tools and the vendor's
# SDK (pip's cache is reused), lints and type-checks the runtime and the committed package, then runs
# pytest. Regenerates nothing. Skips, saying why, only when Python 3.9+ itself is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
CACHE=$ROOT/.cache/python
VENV=$CACHE/venv

PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1 || ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
  echo "test/python: skipped: Python 3.9 or newer is not installed (python3 not found or too old)"
  exit 0
fi

source test/python/venv.sh

status=0
echo "== ruff check"
"$VENV/bin/ruff" check --config test/python/ruff.toml generators/python/runtime.py out/kms/python test/python bench/python.py || status=1
echo "== mypy --strict"
"$VENV/bin/mypy" --strict generators/python/runtime.py || status=1
(cd out/kms/python && "$VENV/bin/mypy" --strict -p kms_errors) || status=1
echo "== pytest"
# The SDK was installed above: its tests must run, and fail if it does not import.
unset ERRCAT_NO_VENDOR_SDK
(cd test/python && "$VENV/bin/python" -m pytest -p no:cacheprovider --import-mode=importlib "$@") || status=1
exit $status
