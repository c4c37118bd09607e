# Sourced by test/python/run.sh and bench/python.sh: the virtualenv in .cache/python/venv with the
# pinned tools of test/python/requirements.txt, installed only when they changed. Needs ROOT, CACHE,
# VENV and PYTHON set.
export PIP_CACHE_DIR=$CACHE/pip PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
export MYPY_CACHE_DIR=$CACHE/mypy RUFF_CACHE_DIR=$CACHE/ruff HYPOTHESIS_STORAGE_DIRECTORY=$CACHE/hypothesis
export PYTHONDONTWRITEBYTECODE=1

if [ ! -x "$VENV/bin/python" ]; then
  echo "test/python: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
# Install only when the requirements changed since the last install.
STAMP=$CACHE/requirements.installed
if ! cmp -s test/python/requirements.txt "$STAMP" 2>/dev/null; then
  "$VENV/bin/python" -m pip install --quiet -r test/python/requirements.txt
  cp test/python/requirements.txt "$STAMP"
fi
