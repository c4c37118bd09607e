"""Shared pieces of the Python suites: the repository's paths, the fixtures, the packages under test
and a running ``errcat serve``."""

import base64
import importlib.util
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out" / "kms"
PACKAGE_DIR = OUT / "python"
FIXTURES = json.loads((OUT / "fixtures" / "index.json").read_text(encoding="utf-8"))
RUNTIME_SOURCE = ROOT / "generators" / "python" / "runtime.py"

# The committed package, imported from its folder: what `pip install out/kms/python` installs.
sys.path.insert(0, str(PACKAGE_DIR))
import kms_errors  # noqa: E402

Fixture = dict[str, Any]


def fixture_body(fixture: Fixture) -> bytes:
    return base64.b64decode(fixture["bodyBase64"])


def snake(name: str) -> str:
    """The Python name of a placeholder, written here apart from the target: "keyStore" → "key_store"."""
    return "_".join(w.lower() for w in re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", name))


def pascal(text: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[^A-Za-z0-9]+", text) if p)


def class_of(expectation: dict[str, Any]) -> type:
    """The class a fixture's catalog type maps to in the package."""
    t = expectation["type"]
    if t is None:
        return kms_errors.UndecodableKmsError if expectation["kind"] == "undecodable" else kms_errors.UnknownKmsError
    cls = getattr(kms_errors, pascal(t["code"] if "code" in t else t["entry"]) + "Error")
    assert isinstance(cls, type)
    return cls


def load_runtime() -> ModuleType:
    """generators/python/runtime.py itself, as a module."""
    spec = importlib.util.spec_from_file_location("errcat_python_runtime", RUNTIME_SOURCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class Serve:
    """`errcat serve` on a free port; stops when the tests do."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            ["node", str(ROOT / "bin" / "errcat.js"), "serve", "--catalog", str(ROOT / "catalog" / "kms.yaml"), "--port", "0", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().strip()
        assert self.url.startswith("http://127.0.0.1:"), f"errcat serve printed {self.url!r}"
        self.endpoint = self.url[len("http://") :]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(scope="session")
def serve() -> Iterator[Serve]:
    server = Serve()
    try:
        yield server
    finally:
        server.stop()


def venv_tool(name: str) -> str:
    """A tool installed beside the running interpreter (the test venv's ruff and mypy)."""
    path = Path(sys.executable).parent / name
    return str(path) if path.exists() else name


POSITIVE = [f for f in FIXTURES["fixtures"] if f["kind"] == "positive"]
ALL = FIXTURES["fixtures"]
os.environ.setdefault("NO_PROXY", "127.0.0.1")

# No example database on disk: every run explores afresh, and the checkout stays clean.
settings.register_profile("errcat", database=None, deadline=None)
settings.load_profile("errcat")
