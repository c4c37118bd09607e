"""Properties: format → parse round trips, and from_response on random, truncated and mutated bodies."""

from typing import Any

from conftest import ALL, fixture_body, kms_errors
from hypothesis import given
from hypothesis import strategies as st

CATALOG = kms_errors._CATALOG
ENTRIES = [e for e in CATALOG.entries.values() if e.code is not None]
BODIES = [fixture_body(f) for f in ALL if fixture_body(f)]


@given(st.sampled_from(ENTRIES), st.data())
def test_format_then_parse_gives_the_entry_and_values_back(entry: Any, data: st.DataObject) -> None:
    params = {name: data.draw(st.text(), label=name) for name in entry.params}
    message = kms_errors.format_message(entry.id, **params)  # type: ignore[call-overload]
    parsed = kms_errors.parse_message(entry.code, message)
    assert parsed is not None
    # KMS's messages never make one entry's message another's: the first match is the entry itself.
    assert parsed.id == entry.id
    assert dict(parsed.params) == params
    error = kms_errors.from_response(entry.http_status, kms_errors.encode_error(error_code=entry.code, error_message=message))
    assert (error.id, dict(error.params), error.error_message) == (entry.id, params, message)


def check(status: int, body: bytes, headers: Any = None) -> None:
    error = kms_errors.from_response(status, body, headers)
    assert isinstance(error, kms_errors.KmsError)
    assert error.http_status == status
    # Every property reads without raising.
    assert isinstance(str(error), str) and isinstance(repr(error), str)
    assert isinstance(dict(error.params), dict)
    assert error.fault in ("client", "server")
    assert isinstance(error.retryable, bool)
    if isinstance(error, kms_errors.UndecodableKmsError):
        assert error.body == body


@given(st.integers(0, 999), st.binary(max_size=200))
def test_random_bodies_never_raise(status: int, body: bytes) -> None:
    check(status, body)


@given(st.sampled_from(BODIES), st.data())
def test_truncated_bodies_never_raise(body: bytes, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(body)))
    check(400, body[:cut], {"content-type": "application/x-protobuf"})


@given(st.sampled_from(BODIES), st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=8), st.integers(0, 999))
def test_mutated_bodies_never_raise(body: bytes, changes: list[tuple[int, int]], status: int) -> None:
    mutated = bytearray(body)
    for at, value in changes:
        mutated[at % len(mutated)] = value
    check(status, bytes(mutated))


@given(st.integers(0, 999), st.text(max_size=40), st.binary(max_size=60))
def test_any_content_type_never_raises(status: int, content_type: str, body: bytes) -> None:
    check(status, body, {"Content-Type": content_type})
