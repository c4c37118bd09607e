"""End to end over HTTP: urllib.request against errcat serve, and the ERRORS.md example run as written."""

import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from conftest import OUT, PACKAGE_DIR, POSITIVE, Serve, class_of, kms_errors, snake, venv_tool

# Loopback needs no proxy, whatever the environment says.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def post(serve: Serve, fixture_id: str) -> urllib.error.HTTPError:
    request = urllib.request.Request(serve.url + "/", data=b"", method="POST", headers={"x-errcat-fixture": fixture_id, "content-type": "application/x-protobuf"})
    with pytest.raises(urllib.error.HTTPError) as raised:
        OPENER.open(request, timeout=30)
    return raised.value


@pytest.mark.parametrize("fixture", POSITIVE, ids=[f["id"] for f in POSITIVE])
def test_every_positive_fixture_over_http(serve: Serve, fixture: dict[str, Any]) -> None:
    response = post(serve, fixture["id"])
    body = response.read()
    error = kms_errors.from_response(response.code, body, response.headers)
    e = fixture["expect"]
    assert type(error) is class_of(e)
    assert (error.http_status, error.code, error.id, error.error_message, error.request_id) == (e["httpStatus"], e["code"], e["id"], e["message"], e["requestId"])
    assert dict(error.params) == {snake(k): v for k, v in e["params"].items()}


def test_an_html_page_over_http_is_undecodable_and_kept(serve: Serve) -> None:
    response = post(serve, "negative.html-body.502")
    body = response.read()
    error = kms_errors.from_response(response.code, body, response.headers)
    assert type(error) is kms_errors.UndecodableKmsError
    assert error.body == body and body.lstrip().startswith(b"<")


def docs_example() -> str:
    text = (OUT / "ERRORS.md").read_text(encoding="utf-8")
    section = text[text.index("## Handling these errors in Python") :]
    found = re.search(r"^(`{3,})python\n(.*?)^\1$", section, re.DOTALL | re.MULTILINE)
    assert found is not None, "ERRORS.md has no Python example"
    return found.group(2)


def test_the_docs_example_type_checks_and_runs(serve: Serve, tmp_path: Path) -> None:
    code = docs_example()
    example = tmp_path / "example.py"
    example.write_text(code, encoding="utf-8")
    # The entry whose params the example prints: serve its fixture.
    named = re.search(r'params_of\(error, "([^"]+)"\)', code)
    assert named is not None
    served = next(f for f in POSITIVE if f["id"] == named.group(1))
    checked = subprocess.run(
        [venv_tool("mypy"), "--strict", "--no-incremental", "--cache-dir", str(tmp_path / "mypy"), str(example)],
        env={"MYPYPATH": str(PACKAGE_DIR), "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # Run it: the module-level asserts hold, and call() raises the typed error for a served fixture.
    script = (
        f"import sys, urllib.request\nsys.path.insert(0, {str(PACKAGE_DIR)!r})\n"
        "import runpy\nns = runpy.run_path(sys.argv[1])\n"
        "urllib.request.install_opener(urllib.request.build_opener(urllib.request.ProxyHandler({})))\n"
        f"req = urllib.request.Request({serve.url + '/'!r}, data=b'', method='POST', headers={{'x-errcat-fixture': {served['id']!r}}})\n"
        "try:\n    ns['call'](req)\nexcept Exception as e:\n    print(type(e).__name__, ns['describe'](e))\n"
    )
    ran = subprocess.run([sys.executable, "-c", script, str(example)], capture_output=True, text=True, check=False)
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    name, value = next(iter(served["params"].items()))
    assert lines[0] == f"the {snake(name).replace('_', ' ')} is {value}"
    assert lines[-1] == f"{class_of(served['expect']).__name__} {served['id']} (request {served['requestId']})"
