"""The part of a generated errcat Python package that does not depend on the catalog.

It holds the decoder of the wire ``Error`` message (no protobuf dependency), the base error
class, the classification of HTTP responses and the message matcher. The generated
``__init__.py`` of a package supplies the service's entries and classes to :class:`Catalog`.
This file is copied verbatim into every package as ``_runtime.py``: edit it in errcat, never
in a package.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import Message
from types import MappingProxyType
from typing import Any, ClassVar, Generic, NamedTuple, Optional, TypeVar, Union

__all__ = [
    "TRANSIENT_STATUSES",
    "Body",
    "Catalog",
    "DecodeError",
    "Entry",
    "Headers",
    "ServiceError",
    "WireError",
    "WireLayout",
]

#: The statuses HTTP clients commonly treat as transient: retryable when no entry says otherwise.
TRANSIENT_STATUSES: tuple[int, ...] = (429, 500, 502, 503, 504)

#: What ``from_response`` accepts as a body.
Body = Union[bytes, bytearray, memoryview, None]
#: What ``from_response`` accepts as headers: a mapping (any key case) or ``http.client.HTTPMessage``.
Headers = Union[Mapping[str, str], Message, None]

_EMPTY: Mapping[str, str] = MappingProxyType({})


class DecodeError(ValueError):
    """The body is not a valid wire ``Error`` message."""

    def __init__(self, problem: str, offset: int) -> None:
        super().__init__(f"cannot decode the error body: {problem} (at byte {offset})")
        self.problem = problem
        #: The byte offset in the body where the problem is.
        self.offset = offset


class WireError(NamedTuple):
    """The fields of the wire ``Error`` message that the runtime reads ("" and 0 when absent)."""

    status_code: int
    error_code: str
    error_message: str
    request_id: str


@dataclass(frozen=True)
class WireLayout:
    """The field numbers of the wire ``Error`` message, and its other fields by type."""

    status_code: int
    error_code: int
    error_message: int
    request_id: int
    #: Field numbers of the message's other string fields: their bytes must be valid UTF-8 too.
    other_strings: tuple[int, ...] = ()
    #: Field numbers of the message's other int32 fields.
    other_ints: tuple[int, ...] = ()


@dataclass(frozen=True)
class Entry:
    """What the catalog says about one message variant."""

    id: str
    http_status: int
    code: Optional[str]
    retryable: bool
    fault: str
    key_state: Optional[str]
    meaning: str
    fix: str
    #: The message's literal text around its placeholders (one more than ``params``); ``()``
    #: when the entry has no message.
    parts: tuple[str, ...]
    #: The Python names of the placeholders, in message order.
    params: tuple[str, ...]


# --- the decoder ------------------------------------------------------------------------------


def _varint(b: bytes, pos: int, end: int) -> tuple[int, int]:
    """Reads a varint of up to 10 bytes at ``pos``; returns its value and the position after it."""
    start = pos
    result = 0
    shift = 0
    while True:
        if pos >= end:
            raise DecodeError("truncated varint", start)
        if shift > 63:
            raise DecodeError("varint longer than 10 bytes", start)
        byte = b[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def _tag(b: bytes, pos: int, end: int) -> tuple[int, int]:
    start = pos
    tag, pos = _varint(b, pos, end)
    if tag > 0xFFFFFFFF:
        raise DecodeError("field tag longer than 32 bits", start)
    if tag >> 3 == 0:
        raise DecodeError("field number 0", start)
    return tag, pos


def _length(b: bytes, pos: int, end: int) -> tuple[int, int]:
    start = pos
    n, pos = _varint(b, pos, end)
    if n > end - pos:
        raise DecodeError("length past the end of the body", start)
    return n, pos


def _skip(b: bytes, pos: int, end: int, wire_type: int, field: int, depth: int) -> int:
    """Skips a field the decoder does not read (a newer server may send more); returns the new position."""
    start = pos
    if wire_type == 0:
        return _varint(b, pos, end)[1]
    if wire_type == 2:
        n, pos = _length(b, pos, end)
        return pos + n
    if wire_type == 1 or wire_type == 5:
        pos += 8 if wire_type == 1 else 4
        if pos > end:
            raise DecodeError("truncated field", start)
        return pos
    if wire_type == 3:
        if depth > 32:
            raise DecodeError("groups nested too deep", start)
        while True:
            tag_at = pos
            tag, pos = _tag(b, pos, end)
            if tag & 7 == 4:
                if tag >> 3 != field:
                    raise DecodeError("end of group does not match its start", tag_at)
                return pos
            pos = _skip(b, pos, end, tag & 7, tag >> 3, depth + 1)
    raise DecodeError(f"unexpected wire type {wire_type}", start)


def _text(b: bytes, start: int, end: int) -> str:
    try:
        return b[start:end].decode("utf-8")
    except UnicodeDecodeError:
        raise DecodeError("invalid UTF-8 in a string field", start) from None


class _Decoder:
    """Decodes one wire layout; the tags it reads are computed once."""

    def __init__(self, layout: WireLayout) -> None:
        self.layout = layout
        read = (layout.error_code, layout.error_message, layout.request_id)
        strings = read + tuple(n for n in layout.other_strings if n not in read)
        # A tag (field number and wire type) to the slot of its value: strings first, then ints.
        self.slots: dict[int, int] = {n << 3 | 2: i for i, n in enumerate(strings)}
        ints = (layout.status_code,) + tuple(n for n in layout.other_ints if n != layout.status_code)
        self.strings = len(strings)
        for i, n in enumerate(ints):
            self.slots[n << 3] = self.strings + i

    def decode(self, body: bytes) -> WireError:
        b = body
        end = len(b)
        pos = 0
        slots = self.slots
        count = self.strings
        # The byte range of each string field read (start, end), then the int32 values.
        ranges: list[int] = [0] * (2 * count)
        status = 0
        while pos < end:
            tag = b[pos]
            # Tags of fields 1 to 15 are one byte; _tag reads the rest and rejects field number 0.
            if tag >= 0x80 or tag < 8:
                tag, pos = _tag(b, pos, end)
            else:
                pos += 1
            slot = slots.get(tag)
            if slot is None:
                pos = _skip(b, pos, end, tag & 7, tag >> 3, 0)
            elif slot < count:
                n = b[pos] if pos < end else 0x80
                if n < 0x80 and n < end - pos:
                    pos += 1
                else:
                    n, pos = _length(b, pos, end)
                k = 2 * slot
                if ranges[k + 1] > ranges[k]:
                    # A repeated field: the last value wins, but an earlier one must be valid too.
                    _text(b, ranges[k], ranges[k + 1])
                ranges[k] = pos
                pos += n
                ranges[k + 1] = pos
            else:
                value, pos = _varint(b, pos, end)
                if slot == count:
                    # An int32 is the low 32 bits of the varint, signed.
                    value &= 0xFFFFFFFF
                    status = value - 0x100000000 if value >= 0x80000000 else value
        texts = ["" if ranges[2 * k + 1] == ranges[2 * k] else _text(b, ranges[2 * k], ranges[2 * k + 1]) for k in range(count)]
        return WireError(status, texts[0], texts[1], texts[2])


def _put_varint(out: bytearray, value: int) -> None:
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def _encode(layout: WireLayout, wire: WireError) -> bytes:
    """Encodes the fields in field-number order; fields at their default (0, "") are left out."""
    fields: list[tuple[int, Union[int, str]]] = [
        (layout.status_code, wire.status_code),
        (layout.error_code, wire.error_code),
        (layout.error_message, wire.error_message),
        (layout.request_id, wire.request_id),
    ]
    out = bytearray()
    for number, value in sorted(fields, key=lambda f: f[0]):
        if isinstance(value, int):
            if value != 0:
                _put_varint(out, number << 3)
                # A negative int32 is sign-extended to 64 bits on the wire: ten bytes.
                _put_varint(out, value & 0xFFFFFFFFFFFFFFFF)
        elif value != "":
            data = value.encode("utf-8")
            _put_varint(out, number << 3 | 2)
            _put_varint(out, len(data))
            out += data
    return bytes(out)


# --- message matching -------------------------------------------------------------------------


class _Matcher:
    """How one entry's message is matched, precomputed from its parts."""

    __slots__ = ("entry", "head", "kind", "min", "names", "regex", "tail")

    def __init__(self, entry: Entry) -> None:
        parts = entry.parts
        self.entry = entry
        self.names = entry.params
        # 0: no message; 1: literal text only; 2: one placeholder between head and tail; 3: several.
        self.kind = 0 if not parts else min(len(parts), 3)
        self.head = parts[0] if parts else ""
        self.tail = parts[-1] if len(parts) > 1 else ""
        self.min = sum(len(p) for p in parts)
        # Greedy groups, left to right: each placeholder takes as much as it can, newlines included.
        self.regex = re.compile("(.*)".join(re.escape(p) for p in parts), re.DOTALL) if self.kind == 3 else None

    def fits(self, m: str) -> bool:
        kind = self.kind
        if kind == 1:
            return m == self.head
        if kind == 0 or len(m) < self.min or not m.startswith(self.head) or not m.endswith(self.tail):
            return False
        return kind == 2 or self.regex is None or self.regex.fullmatch(m) is not None

    def values(self, m: str) -> Mapping[str, str]:
        """The placeholder values of a message known to fit."""
        if self.kind == 2:
            return MappingProxyType({self.names[0]: m[len(self.head) : len(m) - len(self.tail)]})
        if self.kind == 3 and self.regex is not None:
            found = self.regex.fullmatch(m)
            if found is not None:
                return MappingProxyType(dict(zip(self.names, found.groups())))
        return _EMPTY


# --- the errors -------------------------------------------------------------------------------


class ServiceError(Exception):
    """The base of a generated package's errors; a package names it after its service."""

    #: Where ``docs_url`` points: the generated ERRORS.md, unless set to a published copy.
    docs_base_url: ClassVar[str] = "ERRORS.md"
    _catalog: ClassVar["Catalog[Any]"]

    #: The HTTP status of the response (0 when there was none).
    http_status: int
    #: The ErrorCode in the body, or None when the body had none.
    code: Optional[str]
    #: The server's message, as sent ("" when there was none).
    error_message: str
    request_id: Optional[str]
    #: The catalog entry (message variant) the code and message matched, or None.
    id: Optional[str]
    #: The StatusCode in the body, when it had one; the HTTP status wins when they disagree.
    status_code: Optional[int]
    #: The raw body, kept when it was not an error message (e.g. an HTML page from a proxy).
    body: Optional[bytes]

    def __init__(
        self,
        http_status: int,
        *,
        code: Optional[str] = None,
        error_message: str = "",
        request_id: Optional[str] = None,
        id: Optional[str] = None,
        status_code: Optional[int] = None,
        body: Optional[bytes] = None,
    ) -> None:
        self.http_status = http_status
        self.code = code
        self.error_message = error_message
        self.request_id = request_id
        self.id = id
        self.status_code = status_code
        self.body = body
        self._matched: Optional[_Matcher] = None
        self._params: Optional[Mapping[str, str]] = None
        entry = self.entry
        super().__init__(error_message or (entry.meaning if entry else code) or f"HTTP {http_status}")

    @property
    def entry(self) -> Optional[Entry]:
        """What the catalog says about the entry found, or None."""
        return None if self.id is None else self._catalog.entries.get(self.id)

    @property
    def params(self) -> Mapping[str, str]:
        """The placeholder values of the message, by Python name; parsed on first read."""
        p = self._params
        if p is None:
            m = self._matched
            if m is None and self.id is not None:
                m = self._catalog.matchers.get(self.id)
                m = m if m is not None and m.fits(self.error_message) else None
            p = self._params = _EMPTY if m is None else m.values(self.error_message)
        return p

    def _traits(self) -> tuple[bool, str, Optional[str]]:
        entry = self.entry
        if entry is not None:
            return entry.retryable, entry.fault, entry.key_state
        traits = self._catalog.traits.get(type(self))
        if traits is not None:
            return traits
        s = self.http_status
        return s in TRANSIENT_STATUSES, "server" if s >= 500 else "client", None

    @property
    def retryable(self) -> bool:
        """Whether the same request may succeed later."""
        return self._traits()[0]

    @property
    def fault(self) -> str:
        """``"client"`` or ``"server"``: whose fault the error is."""
        return self._traits()[1]

    @property
    def key_state(self) -> Optional[str]:
        """The key state the error implies, or None."""
        return self._traits()[2]

    @property
    def meaning(self) -> Optional[str]:
        entry = self.entry
        return None if entry is None else entry.meaning

    @property
    def fix(self) -> Optional[str]:
        entry = self.entry
        return None if entry is None else entry.fix

    @property
    def docs_url(self) -> str:
        """The entry's section of the docs (the page itself when no entry was found)."""
        base = type(self).docs_base_url
        return base if self.id is None else f"{base}#{self.id}"

    def __str__(self) -> str:
        what = self.error_message or self.meaning or "no error message"
        request = f"request {self.request_id}" if self.request_id else ""
        label = self.code or self.id
        if label is None:
            return f"HTTP {self.http_status}: {what}" + (f" ({request})" if request else "")
        return f"{label}: {what} (HTTP {self.http_status}" + (f", {request})" if request else ")")

    def __repr__(self) -> str:
        fields = {
            "http_status": self.http_status,
            "code": self.code,
            "id": self.id,
            "error_message": self.error_message,
            "request_id": self.request_id,
        }
        shown = ", ".join(f"{k}={v!r}" for k, v in fields.items() if v is not None)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception pickling replays args into __init__: rebuild from the fields instead, with the
        # params as a plain dict (a mapping proxy does not pickle).
        state = {k: v for k, v in self.__dict__.items() if k not in ("_matched", "_params")}
        state["_params"] = dict(self.params)
        return (_rebuild, (type(self), self.http_status), state)

    def __setstate__(self, state: Optional[dict[str, Any]]) -> None:
        state = dict(state or {})
        params = state.pop("_params", None)
        self.__dict__.update(state)
        self._matched = None
        self._params = None if params is None else MappingProxyType(dict(params))


def _rebuild(cls: type[ServiceError], http_status: int) -> ServiceError:
    return cls(http_status)


E = TypeVar("E", bound=ServiceError)


class Catalog(Generic[E]):
    """A service's entries and classes, and the classification of its responses."""

    def __init__(
        self,
        *,
        base: type[E],
        unknown: type[E],
        undecodable: type[E],
        entries: Sequence[Entry],
        codes: Sequence[tuple[str, type[E], tuple[str, ...]]],
        codeless: Sequence[tuple[str, type[E]]],
        layout: WireLayout,
    ) -> None:
        self.base = base
        self.unknown = unknown
        self.undecodable = undecodable
        self.entries: dict[str, Entry] = {e.id: e for e in entries}
        self.matchers: dict[str, _Matcher] = {e.id: _Matcher(e) for e in entries}
        self.decoder = _Decoder(layout)
        # Each code's class and its entries' matchers in match order.
        self.groups: dict[str, tuple[type[E], tuple[_Matcher, ...]]] = {}
        self.traits: dict[type, tuple[bool, str, Optional[str]]] = {}
        class_of: dict[str, type[E]] = {}
        for code, cls, ids in codes:
            matchers = tuple(self.matchers[i] for i in ids)
            first = matchers[0].entry if matchers else None
            agree = first is not None and all(
                (m.entry.retryable, m.entry.fault, m.entry.key_state) == (first.retryable, first.fault, first.key_state)
                for m in matchers
            )
            traits = (first.retryable, first.fault, first.key_state) if agree and first is not None else None
            self.groups[code] = (cls, matchers)
            if traits is not None:
                self.traits[cls] = traits
            for i in ids:
                class_of[i] = cls
        for i, cls in codeless:
            class_of[i] = cls
            e = self.entries[i]
            self.traits[cls] = (e.retryable, e.fault, e.key_state)
        self.class_of = class_of
        # The one entry of each HTTP status, or None when several share it.
        self.by_status: dict[int, Optional[str]] = {}
        for e in entries:
            self.by_status[e.http_status] = None if e.http_status in self.by_status else e.id
        base._catalog = self

    def decode(self, body: Body) -> WireError:
        """Decodes an error body; raises DecodeError when it is not the wire message."""
        return self.decoder.decode(_bytes(body))

    def encode(self, wire: WireError) -> bytes:
        """Encodes an error body (for tests, mocks and servers)."""
        return _encode(self.decoder.layout, wire)

    def from_response(self, status: int, body: Body = None, headers: Headers = None) -> E:
        """Turns an error response into an error; never raises."""
        try:
            return self._classify(status, body, headers)
        except Exception as cause:
            error = self.unknown(status if isinstance(status, int) else 0)
            error.__cause__ = cause
            return error

    def _classify(self, status: int, body: Body, headers: Headers) -> E:
        http_status = int(status)
        b = _bytes(body)
        cause: Optional[Exception] = None
        wire: Optional[WireError] = None
        if b:
            ctype = _content_type(headers)
            if ctype is not None and ctype.lstrip()[:5].lower() == "text/":
                cause = DecodeError(f"the body is {ctype}, not protobuf", 0)
            else:
                try:
                    wire = self.decoder.decode(b)
                except DecodeError as problem:
                    cause = problem
        if wire is None:
            error = self.conclude(http_status, None, "", None, None, b or None)
        else:
            code = wire.error_code or None
            empty = not (code or wire.error_message or wire.request_id or wire.status_code)
            error = self.conclude(
                http_status, code, wire.error_message, wire.request_id or None, wire.status_code or None, b if empty else None
            )
        if cause is not None:
            error.__cause__ = cause
        return error

    def conclude(
        self,
        http_status: int,
        code: Optional[str],
        message: str,
        request_id: Optional[str],
        status_code: Optional[int],
        body: Optional[bytes],
    ) -> E:
        """Classifies what a response held (the fixtures' rules 2 to 6)."""
        cls = self.unknown
        matched: Optional[_Matcher] = None
        entry_id: Optional[str] = None
        if code is not None:
            group = self.groups.get(code)
            if group is not None:
                cls = group[0]
                for m in group[1]:
                    if m.fits(message):
                        matched = m
                        entry_id = m.entry.id
                        break
        else:
            # No code: the HTTP status names the entry when exactly one has it.
            only = self.by_status.get(http_status)
            if only is not None:
                m = self.matchers[only]
                cls = self.class_of[only]
                if m.kind == 0 or (not m.names if message == "" else m.fits(message)):
                    entry_id = only
                    matched = m if m.kind > 1 else None
            elif body is not None:
                cls = self.undecodable
        error = cls(
            http_status,
            code=code,
            error_message=message,
            request_id=request_id,
            id=entry_id,
            status_code=status_code,
            body=body,
        )
        error._matched = matched
        return error

    def from_vendor_error(self, exc: BaseException) -> E:
        """Turns a vendor SDK's exception (duck-typed: ``code``, ``message``, ``data``) into an error."""
        try:
            inner = getattr(exc, "inner_exception", None)
            # Once retries run out, the SDK wraps the last attempt's exception.
            source = inner if isinstance(inner, BaseException) else exc
            data = getattr(source, "data", None)
            data = data if isinstance(data, Mapping) else {}
            http = data.get("httpCode")
            code = getattr(source, "code", None)
            message = getattr(source, "message", None)
            request_id = data.get("requestId")
            error = self.conclude(
                http if isinstance(http, int) else 0,
                code if isinstance(code, str) and code else None,
                message if isinstance(message, str) and isinstance(code, str) else "",
                request_id if isinstance(request_id, str) and request_id else None,
                None,
                None,
            )
        except Exception:
            error = self.unknown(0)
        error.__cause__ = exc
        return error

    def parse_message(self, code: str, message: str) -> Optional[tuple[str, Mapping[str, str]]]:
        """The entry of a code and message with its placeholder values; None when the catalog has no such pair."""
        group = self.groups.get(code)
        if group is not None:
            for m in group[1]:
                if m.fits(message):
                    return m.entry.id, m.values(message)
        return None

    def format_message(self, entry_id: str, params: Mapping[str, str]) -> str:
        """The message the server sends for an entry, placeholders filled in ("" without a message)."""
        entry = self.entries.get(entry_id)
        if entry is None:
            raise KeyError(f"format_message: no entry {entry_id!r}")
        unknown = set(params) - set(entry.params)
        if unknown:
            raise TypeError(f"format_message: {entry_id} takes no param {sorted(unknown)[0]!r}")
        out = [entry.parts[0]] if entry.parts else []
        for i, name in enumerate(entry.params):
            value = params.get(name)
            if not isinstance(value, str):
                raise TypeError(f"format_message: {entry_id} needs the string param {name!r}")
            out.append(value)
            out.append(entry.parts[i + 1])
        return "".join(out)


def _bytes(body: Body) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    return bytes(body)


def _content_type(headers: Headers) -> Optional[str]:
    if headers is None:
        return None
    if isinstance(headers, Message):
        value = headers.get("content-type")
        return None if value is None else str(value)
    value = headers.get("content-type")
    if value is not None:
        return str(value)
    for key, value in headers.items():
        if key.lower() == "content-type":
            return str(value)
    return None
