"""The package's decoder against the official protobuf package on the same bytes."""

from typing import Any

import pytest
from conftest import ALL, fixture_body, kms_errors
from hypothesis import given, settings
from hypothesis import strategies as st
from wire_protobuf import IMPLEMENTATION, official


def varint(n: int) -> bytes:
    out = bytearray()
    while n > 0x7F:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def ours(body: bytes) -> tuple[int, str, str, str]:
    return tuple(kms_errors.decode_error(body))  # type: ignore[return-value]


def test_which_protobuf_implementation() -> None:
    print(f"protobuf implementation: {IMPLEMENTATION}")
    assert IMPLEMENTATION in ("python", "upb", "cpp")


@pytest.mark.parametrize("fixture", [f for f in ALL if f["headers"].get("content-type") == "application/x-protobuf" and f["id"] != "negative.truncated-body"], ids=lambda f: f["id"])
def test_every_fixture_body_decodes_alike(fixture: dict[str, Any]) -> None:
    body = fixture_body(fixture)
    assert ours(body) == official(body)
    assert ours(body) == (fixture["bodyStatusCode"] or 0, fixture["code"] or "", fixture["message"] or "", fixture["requestId"] or "")


def test_the_truncated_fixture_is_rejected_by_both() -> None:
    body = fixture_body(next(f for f in ALL if f["id"] == "negative.truncated-body"))
    with pytest.raises(kms_errors.DecodeError):
        ours(body)
    with pytest.raises(Exception):  # noqa: B017, PT011 - protobuf raises DecodeError; which class does not matter
        official(body)


int32 = st.integers(min_value=-(2**31), max_value=2**31 - 1)
known = st.one_of(
    st.tuples(st.just(1), int32),
    st.tuples(st.sampled_from([2, 3, 4]), st.text()),
)
unknown = st.one_of(
    st.tuples(st.integers(5, 2**29 - 1), st.just(0), st.integers(0, 2**64 - 1)),
    st.tuples(st.integers(5, 2**29 - 1), st.just(1), st.binary(min_size=8, max_size=8)),
    st.tuples(st.integers(5, 2**29 - 1), st.just(2), st.binary(max_size=40)),
    st.tuples(st.integers(5, 2**29 - 1), st.just(5), st.binary(min_size=4, max_size=4)),
)


def encode_field(field: Any) -> bytes:
    if len(field) == 2:
        number, value = field
        if number == 1:
            return varint(8) + varint(value & 0xFFFFFFFFFFFFFFFF)
        data = value.encode("utf-8")
        return varint(number << 3 | 2) + varint(len(data)) + data
    number, wire_type, value = field
    tag = varint(number << 3 | wire_type)
    if wire_type == 0:
        return tag + varint(value)
    if wire_type == 2:
        return tag + varint(len(value)) + value
    return tag + value


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(known, unknown), max_size=12))
def test_well_formed_messages_decode_alike(fields: list[Any]) -> None:
    body = b"".join(encode_field(f) for f in fields)
    assert ours(body) == official(body)


# Where protobuf's pure-python decoder is laxer than errcat's runtimes (the TypeScript reference and
# this one) and upb: it ends a group at any end-group tag, even one of another field, of field 0 or
# longer than 32 bits.
STRICTER = ("end of group does not match its start", "field number 0", "field tag longer than 32 bits")


def has_overlong_tag(body: bytes) -> bool:
    """Whether a top-level tag is a varint with needless trailing 0x80/0x00 bytes (0x88 0x00 for 8).

    protobuf's pure-python decoder finds a field by its tag bytes, so it skips such a field as unknown;
    errcat's runtimes and upb read the varint's value.
    """
    pos, n = 0, len(body)
    while pos < n:
        start = pos
        while pos < n and body[pos] & 0x80:
            pos += 1
        if pos >= n:
            return False
        pos += 1
        if pos - start > 1 and body[pos - 1] == 0:
            return True
        wire_type = body[start] & 7
        if wire_type == 0:
            while pos < n and body[pos] & 0x80:
                pos += 1
            pos += 1
        elif wire_type in (1, 5):
            pos += 8 if wire_type == 1 else 4
        elif wire_type == 2:
            length, shift = 0, 0
            while pos < n:
                byte = body[pos]
                pos += 1
                length |= (byte & 0x7F) << shift
                shift += 7
                if byte < 0x80:
                    break
            pos += length
        else:
            return False  # a group's tags are its own; not walked here
    return False


@settings(max_examples=1500, deadline=None)
@given(st.binary(max_size=40))
def test_arbitrary_bytes_are_accepted_or_rejected_alike(body: bytes) -> None:
    try:
        expected: Any = official(body)
    except Exception:  # noqa: BLE001 - protobuf's pure-python decoder raises several classes
        expected = "rejected"
    try:
        got: Any = ours(body)
    except kms_errors.DecodeError as problem:
        if expected != "rejected" and IMPLEMENTATION == "python" and problem.problem in STRICTER:
            return
        got = "rejected"
    if IMPLEMENTATION == "python" and has_overlong_tag(body):
        return
    assert got == expected
