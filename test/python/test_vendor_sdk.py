"""The vendor's Python SDK (alibabacloud-dkms-gcs 1.0.2) against errcat serve: what it raises for each
positive fixture, what from_vendor_error makes of it, and what it does with odd responses."""

import base64
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

import pytest
from conftest import POSITIVE, Serve, class_of, fixture_body, kms_errors

# run.sh installs the SDK and unsets this, so under it a broken install fails instead of skipping.
if os.environ.get("ERRCAT_NO_VENDOR_SDK"):
    pytest.skip("ERRCAT_NO_VENDOR_SDK is set: alibabacloud-dkms-gcs is taken as absent (test/python/run.sh installs it)", allow_module_level=True)

import sdk.client as sdk  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402
from google.protobuf.message import DecodeError as ProtobufDecodeError  # noqa: E402
from openapi.models import Config  # noqa: E402
from openapi_util.models import RuntimeOptions  # noqa: E402
from sdk import models  # noqa: E402
from Tea.exceptions import TeaException, UnretryableException  # noqa: E402

FIXTURES_BY_ID = {f["id"]: f for f in POSITIVE}


def throwaway_key() -> str:
    """An RSA key made for this run, as the SDK takes it: the PKCS#8 PEM's base64 body."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    return "".join(line for line in pem.splitlines() if not line.startswith("-----"))


KEY = throwaway_key()


def client(serve: Serve) -> Any:
    return sdk.Client(Config(protocol="http", endpoint=serve.endpoint, access_key_id="KAAP.errcat-test", private_key=KEY))


NO_RETRY = RuntimeOptions(autoretry=False)


def encrypt(serve: Serve, fixture_id: str) -> Any:
    request = models.EncryptRequest(key_id="key-1", plaintext=b"secret", request_headers={"x-errcat-fixture": fixture_id})
    return client(serve).encrypt_with_options(request, NO_RETRY)


def decrypt(serve: Serve, fixture_id: str) -> Any:
    request = models.DecryptRequest(key_id="key-1", ciphertext_blob=b"blob", request_headers={"x-errcat-fixture": fixture_id})
    return client(serve).decrypt_with_options(request, NO_RETRY)


OPERATIONS: dict[str, Callable[[Serve, str], Any]] = {"Encrypt": encrypt, "Decrypt": decrypt}


# Codes the SDK's retry check retries (openapi_util is_retry_err; catalog/kms.sdk.yaml). Measured: even
# with autoretry off, the SDK raises an UnretryableException wrapping the TeaException for them.
RETRIED_BY_THE_SDK = {"Rejected.Throttling"}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("fixture", POSITIVE, ids=[f["id"] for f in POSITIVE])
def test_the_sdk_raises_what_the_fixture_holds(serve: Serve, fixture: dict[str, Any], operation: str) -> None:
    with pytest.raises((TeaException, UnretryableException)) as raised:
        OPERATIONS[operation](serve, fixture["id"])
    outer = raised.value
    if fixture["code"] in RETRIED_BY_THE_SDK:
        assert type(outer) is UnretryableException
        exc = outer.inner_exception
    else:
        exc = outer
    assert type(exc) is TeaException
    # The SDK reports a field the body lacks (the codeless 413 has no body) as "".
    assert (exc.code, exc.message, exc.data["httpCode"], exc.data["requestId"]) == (
        fixture["code"] or "", fixture["message"] or "", fixture["httpStatus"], fixture["requestId"] or ""
    )
    ours = kms_errors.from_vendor_error(exc)
    direct = kms_errors.from_response(fixture["httpStatus"], fixture_body(fixture), fixture["headers"])
    assert type(ours) is type(direct) is class_of(fixture["expect"])
    assert (ours.id, dict(ours.params), ours.request_id, ours.http_status) == (direct.id, dict(direct.params), direct.request_id, direct.http_status)
    assert ours.__cause__ is exc
    if outer is not exc:
        # from_vendor_error unwraps what the SDK wrapped.
        unwrapped = kms_errors.from_vendor_error(outer)
        assert (type(unwrapped), unwrapped.id, dict(unwrapped.params)) == (type(direct), direct.id, dict(direct.params))


def test_what_the_sdk_does_with_an_empty_body(serve: Serve) -> None:
    # Measured: a TeaException with code "", message "" and requestId "": protobuf parses b"" as an
    # Error with every field at its default. The status survives in data["httpCode"].
    for fixture_id, status in (("negative.empty-body.404", 404), ("negative.empty-body.413", 413)):
        with pytest.raises(TeaException) as raised:
            encrypt(serve, fixture_id)
        exc = raised.value
        assert (exc.code, exc.message, exc.data["httpCode"], exc.data["requestId"]) == ("", "", status, "")
    ours = kms_errors.from_vendor_error(exc)
    assert type(ours) is kms_errors.RequestEntityTooLargeError and ours.id == "request-entity-too-large" and ours.code is None


def test_what_the_sdk_does_with_an_html_body(serve: Serve) -> None:
    # Measured: the SDK hands the HTML to protobuf, whose DecodeError escapes as is: no TeaException,
    # no HTTP status, no request id. from_vendor_error can only say "unknown, status 0".
    with pytest.raises(ProtobufDecodeError) as raised:
        encrypt(serve, "negative.html-body.502")
    assert not isinstance(raised.value, TeaException)
    ours = kms_errors.from_vendor_error(raised.value)
    assert type(ours) is kms_errors.UnknownKmsError and ours.http_status == 0
    # from_response on the same response keeps what the SDK lost.
    direct = kms_errors.from_response(502, b"<html>", {"content-type": "text/html"})
    assert type(direct) is kms_errors.UndecodableKmsError and direct.retryable


def test_what_the_sdk_does_with_a_truncated_body(serve: Serve) -> None:
    with pytest.raises(ProtobufDecodeError):
        encrypt(serve, "negative.truncated-body")


def test_what_the_sdk_does_with_an_unknown_code(serve: Serve) -> None:
    # Measured: a TeaException carrying the code and message as sent.
    with pytest.raises(TeaException) as raised:
        encrypt(serve, "negative.unknown-code")
    exc = raised.value
    assert (exc.code, exc.message, exc.data["httpCode"]) == ("Errcat.UnknownCode", "A message from a newer server.", 400)
    ours = kms_errors.from_vendor_error(exc)
    assert type(ours) is kms_errors.UnknownKmsError and ours.code == "Errcat.UnknownCode"


@pytest.fixture
def throttling_serve(tmp_path: Path) -> Iterator[Serve]:
    # The SDK retries only Rejected.Throttling; once retries run out it raises UnretryableException.
    body = kms_errors.encode_error(status_code=429, error_code="Rejected.Throttling", error_message="Request was denied due to request throttling.", request_id="THROTTLED-1")
    scenario = {"steps": [{"when": {"headers": {"x-kms-apiname": "Decrypt"}}, "respond": {"status": 429, "headers": {"content-type": "application/x-protobuf"}, "bodyBase64": base64.b64encode(body).decode()}}]}
    path = tmp_path / "throttling.yaml"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    server = Serve("--scenario", str(path))
    try:
        yield server
    finally:
        server.stop()


def test_unretryable_exception_is_unwrapped(throttling_serve: Serve) -> None:
    request = models.DecryptRequest(key_id="key-1", ciphertext_blob=b"blob")
    runtime = RuntimeOptions(autoretry=True, max_attempts=1, backoff_policy="no")
    with pytest.raises(UnretryableException) as raised:
        client(throttling_serve).decrypt_with_options(request, runtime)
    exc = raised.value
    assert isinstance(exc.inner_exception, TeaException) and exc.inner_exception.code == "Rejected.Throttling"
    ours = kms_errors.from_vendor_error(exc)
    # Rejected.Throttling is in the catalog (from the SDK overlay, catalog/kms.sdk.yaml): its own type.
    assert type(ours) is kms_errors.RejectedThrottlingError
    assert (ours.code, ours.http_status, ours.request_id, ours.retryable) == ("Rejected.Throttling", 429, "THROTTLED-1", True)
    assert ours.__cause__ is exc
