#!/usr/bin/env bash
# The Python runtime's figure: kms_errors.from_response per call against protobuf's ParseFromString
# of the same bytes, in one run. The last stdout line is the JSON result.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=$ROOT/.cache/python
VENV=$CACHE/venv
PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "bench/python.sh: skipped: python3 is not installed" >&2
  exit 0
fi
source test/python/venv.sh >&2
"$VENV/bin/python" bench/python.py
