"""Every fixture in out/kms/fixtures through from_response, compared with its expectation."""

from typing import Any

import pytest
from conftest import ALL, FIXTURES, class_of, fixture_body, kms_errors, snake


def conclusion(error: kms_errors.KmsError, expectation: dict[str, Any]) -> dict[str, Any]:
    return {
        "class": type(error),
        "code": error.code,
        "id": error.id,
        "params": dict(error.params),
        "message": error.error_message,
        "requestId": error.request_id,
        "httpStatus": error.http_status,
        "retryable": error.retryable,
        "fault": error.fault,
        "keyState": error.key_state,
    }


def expected(expectation: dict[str, Any]) -> dict[str, Any]:
    return {
        "class": class_of(expectation),
        "code": expectation["code"],
        "id": expectation["id"],
        "params": {snake(k): v for k, v in expectation["params"].items()},
        "message": expectation["message"],
        "requestId": expectation["requestId"],
        "httpStatus": expectation["httpStatus"],
        "retryable": expectation["retryable"],
        "fault": expectation["fault"],
        "keyState": expectation["keyState"],
    }


def test_the_fixtures_are_format_version_2() -> None:
    assert FIXTURES["formatVersion"] == 3
    assert FIXTURES["transientStatuses"] == [429, 500, 502, 503, 504]
    assert len(ALL) >= 70


@pytest.mark.parametrize("fixture", ALL, ids=[f["id"] for f in ALL])
def test_fixture(fixture: dict[str, Any]) -> None:
    e = fixture["expect"]
    error = kms_errors.from_response(fixture["httpStatus"], fixture_body(fixture), fixture["headers"])
    assert isinstance(error, kms_errors.KmsError)
    assert conclusion(error, e) == expected(e)
    if e["kind"] == "undecodable":
        assert isinstance(error, kms_errors.UnknownKmsError)
        assert error.body == fixture_body(fixture)
        assert error.body
    if e["kind"] == "codeless":
        assert error.code is None
    if fixture["bodyStatusCode"] is not None:
        assert error.status_code == fixture["bodyStatusCode"]
    # The same conclusion from a bytearray, a memoryview and with headers as an HTTPMessage.
    for body in (bytearray(fixture_body(fixture)), memoryview(fixture_body(fixture))):
        assert conclusion(kms_errors.from_response(fixture["httpStatus"], body, fixture["headers"]), e) == expected(e)


@pytest.mark.parametrize("fixture", [f for f in ALL if f["expect"]["id"] is not None], ids=lambda f: f["id"])
def test_docs_url_and_meaning_follow_the_entry(fixture: dict[str, Any]) -> None:
    error = kms_errors.from_response(fixture["httpStatus"], fixture_body(fixture), fixture["headers"])
    assert error.docs_url == f"ERRORS.md#{fixture['expect']['id']}"
    assert error.meaning and error.fix


def test_every_code_and_codeless_entry_has_a_class_and_is_caught_as_the_base() -> None:
    for f in ALL:
        cls = class_of(f["expect"])
        assert issubclass(cls, kms_errors.KmsError)
    assert issubclass(kms_errors.UndecodableKmsError, kms_errors.UnknownKmsError)
    assert kms_errors.ForbiddenKeyNotFoundError.__name__ == "ForbiddenKeyNotFoundError"
    assert issubclass(kms_errors.RequestEntityTooLargeError, kms_errors.KmsError)
