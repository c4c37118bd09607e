"""from_response per call against the official protobuf package's ParseFromString of the same bytes,
measured in one run; prints one JSON line last."""

import json
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "out" / "kms" / "python"), str(ROOT / "test" / "python")]

import kms_errors  # noqa: E402
from conftest import POSITIVE, fixture_body  # noqa: E402
from wire_protobuf import IMPLEMENTATION, Error  # noqa: E402

BODIES = [(f["httpStatus"], fixture_body(f), f["headers"]) for f in POSITIVE if fixture_body(f)]


def ours() -> None:
    for status, body, headers in BODIES:
        kms_errors.from_response(status, body, headers)


def baseline() -> None:
    for _, body, _ in BODIES:
        Error().ParseFromString(body)


def per_call(fn: object) -> float:
    timer = timeit.Timer(fn)  # type: ignore[arg-type]
    loops, _ = timer.autorange()
    best = min(timer.repeat(repeat=7, number=loops)) / loops
    return best / len(BODIES) * 1e9


# Interleaved, best of several rounds: both sides see the same machine load.
ours_ns = min(per_call(ours) for _ in range(3))
baseline_ns = min(per_call(baseline) for _ in range(3))
print(f"from_response: {ours_ns:.0f} ns per response over {len(BODIES)} fixture bodies", file=sys.stderr)
print(f"protobuf ({IMPLEMENTATION}) Error.ParseFromString: {baseline_ns:.0f} ns per body", file=sys.stderr)
print(json.dumps({
    "name": "python from_response vs protobuf decode",
    "ours_ns": round(ours_ns),
    "baseline_ns": round(baseline_ns),
    "ratio": round(ours_ns / baseline_ns, 2),
    "baseline": f"protobuf {__import__('google.protobuf').protobuf.__version__} ({IMPLEMENTATION} implementation) Error.ParseFromString of the same bytes",
}))
