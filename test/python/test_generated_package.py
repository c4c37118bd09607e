"""The generated package passes mypy --strict and ruff (KMS and hostile catalogs), installs with pip,
and the hostile packages keep every odd text exactly and round-trip every message."""

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import PACKAGE_DIR, ROOT, snake, venv_tool
from hostile_catalogs import CASES, catalog, codes_named

RUFF_CONFIG = str(ROOT / "test" / "python" / "ruff.toml")


def run(*args: str, cwd: Path = ROOT, env: Any = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, check=False, env=env)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every hostile case generated into one folder, one package each (`hostile_<n>_errors`)."""
    root = tmp_path_factory.mktemp("hostile-python")
    args: list[str] = []
    for i, (name, document) in enumerate(CASES.items()):
        path = root / f"{name}.yaml"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        args += [str(path), f"hostile_{i}_errors"]
    made = run("node", str(ROOT / "test" / "python" / "generate.mjs"), str(root / "out"), *args)
    assert made.returncode == 0, made.stderr
    results = [json.loads(line) for line in made.stdout.splitlines()]
    return {name: {**result, "document": CASES[name], "package": f"hostile_{i}_errors"} for i, (name, result) in enumerate(zip(CASES, results))}


def test_every_hostile_case_generates(hostile: dict[str, Any]) -> None:
    assert {name: case["diagnostics"] for name, case in hostile.items()} == {name: [] for name in CASES}


def test_mypy_strict_on_the_kms_and_hostile_packages(hostile: dict[str, Any], tmp_path: Path) -> None:
    packages = [str(PACKAGE_DIR / "kms_errors")] + [str(Path(c["dir"]) / c["package"]) for c in hostile.values()]
    checked = run(venv_tool("mypy"), "--strict", "--cache-dir", str(tmp_path / "mypy"), *packages)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_ruff_on_the_kms_and_hostile_packages(hostile: dict[str, Any]) -> None:
    packages = [str(PACKAGE_DIR)] + [c["dir"] for c in hostile.values()]
    checked = run(venv_tool("ruff"), "check", "--no-cache", "--config", RUFF_CONFIG, *packages)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def load(case: dict[str, Any]) -> Any:
    sys.path.insert(0, case["dir"])
    try:
        return importlib.import_module(case["package"])
    finally:
        sys.path.remove(case["dir"])


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_text_survives_and_messages_round_trip(hostile: dict[str, Any], name: str) -> None:
    case = hostile[name]
    module = load(case)
    service = case["document"]["service"]
    assert module.__doc__.startswith(f"Typed errors of the {service['title']}.\n\n{service['introduction']}\n\n")
    for e in case["document"]["errors"]:
        entry = module._CATALOG.entries[e["id"]]
        assert (entry.meaning, entry.fix, entry.code, entry.key_state) == (e["meaning"], e["fix"], e.get("code"), e.get("keyState"))
        examples = {snake(p["name"]): p["example"] for p in e.get("placeholders", [])}
        examples = {k + ("_" if k in module_reserved() else ""): v for k, v in examples.items()}
        if "code" not in e:
            error = module.from_response(e["httpStatus"], b"")
            assert error.id == e["id"] and error.code is None
            continue
        message = module.format_message(e["id"], **examples)
        parsed = module.parse_message(e["code"], message)
        assert parsed is not None
        # The first entry in match order that fits wins; its params format back to the message.
        assert module.format_message(parsed.id, **parsed.params) == message
        if parsed.id == e["id"]:
            assert dict(parsed.params) == examples
        error = module.from_response(e["httpStatus"], module.encode_error(error_code=e["code"], error_message=message, request_id="R"))
        assert (error.id, error.error_message, error.request_id) == (parsed.id, message, "R")
        assert isinstance(error, module._CATALOG.base)


def module_reserved() -> set[str]:
    import builtins
    import keyword

    return set(keyword.kwlist) | set(keyword.softkwlist) | {"type"} | set(dir(builtins))


def test_several_placeholders_split_greedily_left_to_right(hostile: dict[str, Any]) -> None:
    module = load(hostile["several-placeholders-greedy"])
    parsed = module.parse_message("Several", "From a to b to c via d via e.")
    assert parsed == ("several", {"a": "a to b", "b": "c via d", "c": "e"})
    assert module.parse_message("Several", "no literal text") == ("fallback", {"all_": "no literal text"})


def test_pip_installs_the_package(tmp_path: Path) -> None:
    target = tmp_path / "site"
    # From a copy: setuptools builds in the source folder (build/, *.egg-info), which must not land in out/.
    source = tmp_path / "source"
    shutil.copytree(PACKAGE_DIR, source)
    installed = run(sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target", str(target), str(source))
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert (target / "kms_errors" / "py.typed").exists()
    probe = "import kms_errors, sys; assert kms_errors.__file__.startswith(sys.argv[1]); print(kms_errors.from_response(404, b'').__class__.__name__)"
    used = run(sys.executable, "-c", probe, str(target), env={"PYTHONPATH": str(target), "PATH": ""}, cwd=tmp_path)
    assert used.returncode == 0, used.stderr
    assert used.stdout.strip() == "UnknownKmsError"


def test_a_code_the_target_cannot_escape_is_a_positioned_diagnostic(tmp_path: Path) -> None:
    # `Decode` becomes DecodeError, a class the Python runtime defines; no other target has that name.
    path = tmp_path / "colliding.yaml"
    text = json.dumps(catalog(codes_named(["Fine", "Decode"])), indent=2)
    path.write_text(text, encoding="utf-8")
    line, column = next((n + 1, row.index('"Decode"') + 1) for n, row in enumerate(text.splitlines()) if '"code": "Decode"' in row)
    out = tmp_path / "out"
    made = run("node", str(ROOT / "bin" / "errcat.js"), "generate", "-c", str(path), "-o", str(out), "--only", "python", cwd=tmp_path)
    assert made.returncode == 2, made.stdout + made.stderr
    problems = [row for row in made.stderr.splitlines() if row.startswith("colliding.yaml:")]
    assert problems == [
        f"colliding.yaml:{line}:{column}: code `Decode` becomes the name `DecodeError` in python, which its runtime for service `hostile`"
        " defines for itself: check the spelling, or change service.name [name-collision]",
    ]
    assert not out.exists()
