"""Hostile catalogs for the Python target, written as JSON (which is YAML): text that means something in
Python (quotes, triple quotes, backslashes, braces, newlines, odd unicode), and names that are Python
keywords, soft keywords or builtins. Built like test/hostile/hostile-catalog.ts builds its cases."""

from typing import Any

STATUSES = [400, 404, 409, 413, 500]


def p(name: str, example: str, text: str = "", description: str = "A value.") -> dict[str, str]:
    return {"text": text or name, "name": name, "description": description, "example": example}


def catalog(entries: list[dict[str, Any]], service: str = "hostile", title: str = "Hostile API", introduction: str = "Errors of an API whose catalog tries to break the generators.") -> dict[str, Any]:
    errors = []
    for i, e in enumerate(entries):
        status = e.get("httpStatus", 400)
        error: dict[str, Any] = {"id": e["id"], "number": i + 1, "httpStatus": status}
        if e.get("code", "") is not None:
            error["code"] = e.get("code") or f"Code{i + 1}"
            error["message"] = e.get("message", f"Message number {i + 1}.")
        if "placeholders" in e:
            error["placeholders"] = e["placeholders"]
        error.update(meaning=e.get("meaning", "Something went wrong."), fix=e.get("fix", "Fix it."), fault="server" if status >= 500 else "client", retryable=status >= 500)
        for key in ("keyState", "matchBefore"):
            if key in e:
                error[key] = e[key]
        errors.append(error)
    return {
        "errcat": 1,
        "service": {
            "name": service,
            "title": title,
            "introduction": introduction,
            "wire": {"package": "api", "message": "Error", "fields": [
                {"name": "StatusCode", "number": 1, "type": "int32"},
                {"name": "ErrorCode", "number": 2, "type": "string"},
                {"name": "ErrorMessage", "number": 3, "type": "string"},
                {"name": "RequestId", "number": 4, "type": "string"},
            ]},
            "proto": {"package": f"errcat.{service}.v1"},
        },
        "statuses": [{"httpStatus": s, "title": f"Status {s}"} for s in STATUSES],
        "errors": errors,
    }


def codes_named(codes: list[str]) -> list[dict[str, Any]]:
    return [{"id": f"entry-{i + 1}", "code": code, "message": f"Code {code} says <value>.", "placeholders": [p("value", f"v{i}")]} for i, code in enumerate(codes)]


CASES: dict[str, dict[str, Any]] = {
    "quotes-and-triple-quotes": catalog(
        [{"id": "quotes", "code": "Quotes", "message": 'She said """<value>""" and \'\'\'left\'\'\' "',
          "placeholders": [p("value", '"""', description='Ends in a quote"')], "meaning": 'A """docstring""" ends here: """', "fix": 'Trailing quote"'}],
        title='Hostile """ API "', introduction='Intro """ closes a docstring; so does a trailing quote "'),
    "backslashes": catalog(
        [{"id": "backslashes", "code": "Backslashes", "message": "Path C:\\\\dir\\\\<file> and \\\\n is not a newline.",
          "placeholders": [p("file", "\\\\server\\share\\", description="A path ending in \\")], "meaning": "C:\\new\\table \\N{DASH} \\u0041 \\", "fix": "Double every \\\\."}],
        introduction="Ends in a backslash \\"),
    "braces-and-percent": catalog(
        [{"id": "braces", "code": "Braces", "message": "Use {value} or %s or {{<value>}} and %(x)s.", "placeholders": [p("value", "{0}%s")], "meaning": "f\"{x}\" is text", "fix": "{}"}]),
    "newlines-and-separators": catalog(
        [{"id": "newlines", "code": "Newlines", "message": "First line\nsecond <value> line\r\nthird\u2028fourth\u2029fifth\x85.", "placeholders": [p("value", "a\nb\r")],
          "meaning": "Line one\nLine two\r\nTrailing spaces   \n\tTabbed", "fix": "- item\n\n  indented"}],
        title="Hostile\u2028API"),
    "bidi-controls-and-emoji": catalog(
        [{"id": "bidi-emoji", "code": "Bidi.Emoji", "message": "\u202eevil\u202c \u200f<value>\u200e \U0001F525\U0001F469\u200d\U0001F469 done.", "placeholders": [p("value", "\U0001F642\u200f\u05e9\u05dc\u05d5\u05dd")],
          "meaning": "\u200fRTL mark \u05e9\u05dc\u05d5\u05dd and \U0001F642.", "fix": "\u202aembedded\u202c \ufeffBOM inside."}]),
    "control-characters": catalog(
        [{"id": "controls", "code": "Controls", "message": "soh\x01 <value> bell\x07 esc\x1b[31m del\x7f.", "placeholders": [p("value", "\x01\x1f")], "meaning": "A \x08 backspace and \x7f DEL.", "fix": "Tab\there\x0bvertical."}]),
    "codes-named-after-python-keywords-and-builtins": catalog(codes_named(
        ["class", "def", "None", "True", "lambda", "match", "case", "print", "Exception", "Base", "Value", "Key", "Os", "Typing", "Literal", "Final", "cast", "overload", "self", "cls"])),
    "placeholders-named-after-keywords-builtins-and-members": catalog(
        [{"id": "members", "code": "Members", "message": "<def>|<id>|<type>|<self>|<params>|<code>|<entry>|<source>|<lambda>|<match>|<async>|<print>|<list>",
          "placeholders": [p(n, f"{n}-value") for n in ["def", "id", "type", "self", "params", "code", "entry", "source", "lambda", "match", "async", "print", "list"]]}]),
    "ids-named-after-python-names": catalog([
        {"id": "class", "code": "A", "message": "A <value>.", "placeholders": [p("value", "a")]},
        {"id": "import", "code": "A", "message": "B <value>.", "placeholders": [p("value", "b")]},
        {"id": "none", "code": "B", "message": "C."},
        {"id": "self", "code": "B", "message": "D."},
        {"id": "def", "httpStatus": 413, "code": None},
        {"id": "lambda", "httpStatus": 404, "code": None},
    ]),
    "several-placeholders-greedy": catalog(
        [{"id": "several", "code": "Several", "message": "From <a> to <b> via <c>.", "placeholders": [p("a", "x to y"), p("b", "z via w"), p("c", ".")], "matchBefore": ["fallback"]},
         {"id": "fallback", "code": "Several", "message": "<all>", "placeholders": [p("all", "anything")]}]),
    "service-named-class": catalog(codes_named(["Unknown", "Undecodable", "Error.Error"]), service="class"),
    "service-named-exception": catalog(codes_named(["Objects", "Value"]), service="exception"),
}
