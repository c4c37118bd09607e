package errcat

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// A small catalog of the shapes a generated one has: a code with two entries, several
// placeholders, a status shared by two entries, and an entry without a code.
var (
	errKeyNotFound = &Sentinel{name: "Key.NotFound", code: "Key.NotFound"}
	errThrottled   = &Sentinel{name: "Throttled", code: "Throttled"}
	errMixed       = &Sentinel{name: "Mixed", code: "Mixed"}
	errTooLarge    = &Sentinel{name: "too-large"}
)

type keyInStoreParams struct{ KeyStore string }

func (keyInStoreParams) entryID() string        { return "key-in-store" }
func (p keyInStoreParams) values() []string     { return []string{p.KeyStore} }
func (keyInStoreParams) from(v []string) Params { return keyInStoreParams{KeyStore: v[0]} }

type threeParams struct{ KeyID, Store, Reason string }

func (threeParams) entryID() string    { return "three" }
func (p threeParams) values() []string { return []string{p.KeyID, p.Store, p.Reason} }
func (threeParams) from(v []string) Params {
	return threeParams{KeyID: v[0], Store: v[1], Reason: v[2]}
}

func testCatalog() *catalog {
	return &catalog{
		service: "test",
		docs:    "ERRORS.md",
		wire: []wireField{
			{number: 1, role: roleStatusCode},
			{number: 2, text: true, role: roleErrorCode},
			{number: 3, text: true, role: roleErrorMessage},
			{number: 4, text: true, role: roleRequestID},
			{number: 20, text: true},
		},
		entries: []entry{
			{id: "key-in-store", sentinel: errKeyNotFound, httpStatus: 404, code: "Key.NotFound", parts: []string{`The key is not in store "`, `".`}, names: []string{"keyStore"}, fault: FaultClient, meaning: "No such key.", fix: "Check it.", params: keyInStoreParams{}},
			{id: "key-gone", sentinel: errKeyNotFound, httpStatus: 404, code: "Key.NotFound", parts: []string{"The key is gone."}, fault: FaultClient, meaning: "Gone."},
			{id: "three", sentinel: errMixed, httpStatus: 400, code: "Mixed", parts: []string{`Key "`, `" in store "`, `": `, "."}, names: []string{"keyId", "store", "reason"}, fault: FaultClient, keyState: "Disabled", params: threeParams{}},
			{id: "mixed-retry", sentinel: errMixed, httpStatus: 400, code: "Mixed", parts: []string{"Try again."}, retryable: true, fault: FaultClient},
			{id: "throttled", sentinel: errThrottled, httpStatus: 429, code: "Throttled", parts: []string{"Slow down."}, retryable: true, fault: FaultClient},
			{id: "too-large", sentinel: errTooLarge, httpStatus: 413, fault: FaultClient, meaning: "The body is too large."},
		},
	}
}

func TestMain(m *testing.M) {
	install(testCatalog())
	m.Run()
}

func body(status int32, code, message, requestID string) []byte {
	return EncodeWire(WireError{StatusCode: status, ErrorCode: code, ErrorMessage: message, RequestID: requestID})
}

func TestClassification(t *testing.T) {
	protobuf := http.Header{"Content-Type": {"application/x-protobuf"}}
	cases := []struct {
		name     string
		status   int
		body     []byte
		header   http.Header
		kind     Kind
		sentinel *Sentinel
		id       string
		retry    bool
		fault    Fault
		keyState string
	}{
		{"a code and its message", 404, body(404, "Key.NotFound", `The key is not in store "a"b".`, "R1"), protobuf, KindCode, errKeyNotFound, "key-in-store", false, FaultClient, ""},
		{"the second entry of a code", 404, body(404, "Key.NotFound", "The key is gone.", "R2"), nil, KindCode, errKeyNotFound, "key-gone", false, FaultClient, ""},
		{"a known code, an unknown message: traits agree", 404, body(404, "Key.NotFound", "Something else.", ""), nil, KindCode, errKeyNotFound, "", false, FaultClient, ""},
		{"a known code, an unknown message: traits disagree", 503, body(0, "Mixed", "Something else.", ""), nil, KindCode, errMixed, "", true, FaultServer, ""},
		{"an unknown code", 400, body(400, "New.Code", "From a newer server.", "R3"), nil, KindUnknown, ErrUnknown, "", false, FaultClient, ""},
		{"no body, a status one entry has", 413, nil, nil, KindCodeless, errTooLarge, "too-large", false, FaultClient, ""},
		{"no body, a status two entries share", 404, nil, nil, KindUnknown, ErrUnknown, "", false, FaultClient, ""},
		{"no body, a coded entry's status, no placeholders", 429, nil, nil, KindCodeless, errThrottled, "throttled", true, FaultClient, ""},
		{"HTML from a proxy", 502, []byte("<html>bad gateway</html>"), http.Header{"content-type": {" Text/HTML"}}, KindUndecodable, ErrUndecodable, "", true, FaultServer, ""},
		{"HTML with a status one entry has", 413, []byte("<html></html>"), http.Header{"Content-Type": {"text/html"}}, KindCodeless, errTooLarge, "too-large", false, FaultClient, ""},
		{"a truncated body", 400, body(400, "Mixed", "Try again.", "")[:8], protobuf, KindUndecodable, ErrUndecodable, "", false, FaultClient, ""},
		{"only unknown fields", 500, []byte{0x28, 0x01}, nil, KindUndecodable, ErrUndecodable, "", true, FaultServer, ""},
		{"the status in the body disagrees", 400, body(500, "Mixed", `Key "k" in store "s": r.`, ""), nil, KindCode, errMixed, "three", false, FaultClient, "Disabled"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := FromBody(c.status, c.body, c.header)
			got := []any{e.Kind, e.Sentinel(), e.ID, e.Retryable, e.Fault, e.KeyState, e.HTTPStatus}
			want := []any{c.kind, c.sentinel, c.id, c.retry, c.fault, c.keyState, c.status}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("got %v, want %v", got, want)
			}
			if !errors.Is(e, c.sentinel) {
				t.Errorf("errors.Is(e, %v) is false", c.sentinel)
			}
			undecoded := c.kind == KindUndecodable || (len(c.body) > 0 && c.header.Get("Content-Type") == "text/html")
			if undecoded != (len(e.Body) > 0) {
				t.Errorf("Body kept: %v, want %v", len(e.Body) > 0, undecoded)
			}
		})
	}
}

func TestIsSurvivesWrapping(t *testing.T) {
	e := FromBody(404, body(404, "Key.NotFound", `The key is not in store "main".`, "R"), nil)
	wrapped := fmt.Errorf("encrypting: %w", fmt.Errorf("calling KMS: %w", e))
	if !errors.Is(wrapped, errKeyNotFound) || errors.Is(wrapped, errMixed) || errors.Is(wrapped, ErrUnknown) {
		t.Fatal("errors.Is does not see through the wrapping to the right sentinel only")
	}
	var got *Error
	if !errors.As(wrapped, &got) || got != e {
		t.Fatal("errors.As does not find the *Error")
	}
	if p, ok := got.Params().(keyInStoreParams); !ok || p.KeyStore != "main" {
		t.Fatalf("Params() = %#v", got.Params())
	}
	if got.DocsURL() != "ERRORS.md#key-in-store" {
		t.Errorf("DocsURL() = %q", got.DocsURL())
	}
	if want := `test: Key.NotFound: The key is not in store "main".`; got.Error() != want {
		t.Errorf("Error() = %q, want %q", got.Error(), want)
	}
	undecodable := FromBody(502, []byte{0xff}, nil)
	if !errors.Is(undecodable, ErrUnknown) || !errors.Is(undecodable, ErrUndecodable) || !errors.Is(ErrUndecodable, ErrUnknown) {
		t.Error("an undecodable error is not also unknown")
	}
	var decodeError *DecodeError
	if !errors.As(undecodable, &decodeError) || decodeError.Offset != 0 {
		t.Errorf("Unwrap does not give the *DecodeError: %v", undecodable.Cause)
	}
	if errors.Is(FromBody(400, body(0, "New", "", ""), nil), ErrUndecodable) {
		t.Error("an unknown code is undecodable")
	}
}

func TestLiteralErrorsFindTheirType(t *testing.T) {
	e := &Error{Code: "Key.NotFound", ID: "key-in-store", Message: `The key is not in store "x".`}
	if !errors.Is(e, errKeyNotFound) || e.Sentinel() != errKeyNotFound {
		t.Error("an Error literal with a code is not matched by its sentinel")
	}
	if p := ParamMap(e.Params()); p["keyStore"] != "x" {
		t.Errorf("params %v", p)
	}
	if (&Error{}).Sentinel() != ErrUnknown || !errors.Is(&Error{Kind: KindUndecodable}, ErrUndecodable) {
		t.Error("an empty Error literal is not unknown")
	}
}

func TestGreedyPlaceholders(t *testing.T) {
	parts := []string{`Key "`, `" in store "`, `": `, "."}
	cases := map[string][]string{
		`Key "a" in store "b": c.`:                         {"a", "b", "c"},
		`Key "a" in store "b" in store "c": d.`:            {`a" in store "b`, "c", "d"},
		`Key "a" in store "b": c": d.`:                     {"a", `b": c`, "d"},
		`Key "" in store "": .`:                            {"", "", ""},
		"Key \"\n\" in store \"\U0001F600\": \u2028.":      {"\n", "\U0001F600", "\u2028"},
		`Key "a" in store "b": c`:                          nil,
		`Key "a" in "b": c.`:                               nil,
		`Key "`:                                            nil,
		`Key "x" in store "y": z." and " in store "w": v.`: {`x" in store "y": z." and `, "w", "v"},
	}
	for m, want := range cases {
		if got := extract(parts, m); !reflect.DeepEqual(got, want) {
			t.Errorf("extract(%q) = %q, want %q", m, got, want)
		}
	}
}

func TestFormatAndParse(t *testing.T) {
	for _, p := range []Params{threeParams{`"`, "\n", "😀"}, threeParams{"", "", ""}, threeParams{`" in store "`, `": `, "."}, keyInStoreParams{`".`}} {
		id := p.entryID()
		message, err := FormatMessage(id, p)
		if err != nil {
			t.Fatal(err)
		}
		code := byID[id].code
		gotID, got, ok := ParseMessage(code, message)
		if !ok || gotID != id {
			t.Fatalf("ParseMessage(%q, %q) = %q, %v", code, message, gotID, ok)
		}
		// Greedy matching gives back other values only when a value holds the text after it.
		if again, _ := FormatMessage(id, got); again != message {
			t.Errorf("%q parsed to %#v, which formats to %q", message, got, again)
		}
	}
	if m, err := FormatMessage("key-gone", nil); err != nil || m != "The key is gone." {
		t.Errorf("FormatMessage(key-gone) = %q, %v", m, err)
	}
	if m, err := FormatMessage("too-large", nil); err != nil || m != "" {
		t.Errorf("FormatMessage(too-large) = %q, %v", m, err)
	}
	for _, bad := range []struct {
		id string
		p  Params
	}{{"nope", nil}, {"three", nil}, {"three", keyInStoreParams{}}, {"key-gone", keyInStoreParams{}}} {
		if _, err := FormatMessage(bad.id, bad.p); err == nil {
			t.Errorf("FormatMessage(%q, %#v) did not fail", bad.id, bad.p)
		}
	}
	p, err := NewParams("three", map[string]string{"keyId": "k", "store": "s", "reason": "r"})
	if err != nil || p != (threeParams{"k", "s", "r"}) {
		t.Errorf("NewParams = %#v, %v", p, err)
	}
	for _, values := range []map[string]string{{"keyId": "k"}, {"keyId": "k", "store": "s", "reason": "r", "extra": ""}} {
		if _, err := NewParams("three", values); err == nil {
			t.Errorf("NewParams(%v) did not fail", values)
		}
	}
	if _, _, ok := ParseMessage("Key.NotFound", "nothing like it"); ok {
		t.Error("ParseMessage matched an unknown message")
	}
}

func TestDecodeWire(t *testing.T) {
	valid := body(-7, "C", "héllo", "R")
	if w, err := DecodeWire(valid); err != nil || w != (WireError{-7, "C", "héllo", "R"}) {
		t.Fatalf("DecodeWire = %#v, %v", w, err)
	}
	cases := map[string]struct {
		body []byte
		ok   bool
	}{
		"empty":                              {nil, true},
		"unknown varint, fixed32, fixed64":   {[]byte{0x28, 0x96, 0x01, 0x35, 1, 2, 3, 4, 0x39, 1, 2, 3, 4, 5, 6, 7, 8}, true},
		"unknown group with a field":         {[]byte{0x2b, 0x08, 0x01, 0x2c}, true},
		"group ending with another number":   {[]byte{0x2b, 0x34}, false},
		"end group at the top":               {[]byte{0x2c}, false},
		"wire type 6":                        {[]byte{0x2e}, false},
		"field number 0":                     {[]byte{0x00, 0x00}, false},
		"string length past the end":         {[]byte{0x12, 0x05, 'a'}, false},
		"invalid UTF-8 in the message":       {[]byte{0x1a, 0x01, 0xff}, false},
		"invalid UTF-8 in a declared field":  {[]byte{0xa2, 0x01, 0x01, 0xc0}, false},
		"invalid UTF-8 in an unknown field":  {[]byte{0xaa, 0x01, 0x01, 0xc0}, true},
		"StatusCode sent as a string":        {[]byte{0x0a, 0x01, 0xff}, true},
		"ten-byte varint":                    {[]byte{0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, true},
		"ten-byte varint, last byte too big": {[]byte{0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02}, false},
		"truncated varint":                   {[]byte{0x08, 0xff}, false},
		"truncated fixed32":                  {[]byte{0x35, 1, 2}, false},
		"field number 2^29":                  {[]byte{0x80, 0x80, 0x80, 0x80, 0x10, 0x00}, false},
		"field number 2^29-1":                {[]byte{0xf8, 0xff, 0xff, 0xff, 0x0f, 0x00}, true},
	}
	for name, c := range cases {
		_, err := DecodeWire(c.body)
		if (err == nil) != c.ok {
			t.Errorf("%s: DecodeWire(% x) error %v, want ok=%v", name, c.body, err, c.ok)
		}
	}
	deep := append(bytes.Repeat([]byte{0x2b}, groupDepth+2), bytes.Repeat([]byte{0x2c}, groupDepth+2)...)
	if _, err := DecodeWire(deep); err == nil || !strings.Contains(err.Error(), "nested too deep") {
		t.Errorf("groups %d deep: %v", groupDepth+2, err)
	}
	if w, err := DecodeWire([]byte{0x12, 0x01, 'a', 0x12, 0x01, 'b'}); err != nil || w.ErrorCode != "b" {
		t.Errorf("a repeated field: the last value wins, got %#v, %v", w, err)
	}
}

// A struct with the exported shape of the vendor SDK's *tea.SDKError.
type sdkError struct {
	Code       *string
	StatusCode *int
	Message    *string
	Data       *string
}

func (e *sdkError) Error() string { return "SDKError" }

// An error with Code and Message but no Data: not the vendor's shape.
type halfShaped struct{ Code, Message *string }

func (e *halfShaped) Error() string { return "half" }

func ptr[T any](v T) *T { return &v }

func TestFromVendorError(t *testing.T) {
	vendor := &sdkError{Code: ptr("Key.NotFound"), Message: ptr(`The key is not in store "s".`), Data: ptr(`{"hostId":null,"httpCode":404,"requestId":"R9"}`)}
	e, ok := FromVendorError(fmt.Errorf("wrapped: %w", vendor))
	if !ok || e.ID != "key-in-store" || e.HTTPStatus != 404 || e.RequestID != "R9" || e.Code != "Key.NotFound" || ParamMap(e.Params())["keyStore"] != "s" {
		t.Fatalf("FromVendorError = %#v, %v", e, ok)
	}
	if e, ok := FromVendorError(&sdkError{Code: ptr(""), Message: ptr(""), Data: ptr(`{"httpCode":413}`)}); !ok || e.ID != "too-large" || e.Kind != KindCodeless {
		t.Errorf("an empty vendor error at 413: %#v, %v", e, ok)
	}
	if e, ok := FromVendorError(&sdkError{Data: ptr("not json"), StatusCode: ptr(429)}); !ok || e.HTTPStatus != 429 || e.ID != "throttled" {
		t.Errorf("a vendor error without JSON data: %#v, %v", e, ok)
	}
	for _, err := range []error{nil, errors.New("proto.Unmarshal failed"), (*sdkError)(nil), &halfShaped{}} {
		if _, ok := FromVendorError(err); ok {
			t.Errorf("FromVendorError(%#v) matched", err)
		}
	}
	mine := FromBody(413, nil, nil)
	if e, ok := FromVendorError(fmt.Errorf("x: %w", mine)); !ok || e != mine {
		t.Error("an *Error in the chain is not returned as it is")
	}
}

func TestFromResponse(t *testing.T) {
	e := FromResponse(&http.Response{StatusCode: 404, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body(404, "Key.NotFound", "The key is gone.", "R")))})
	if e.ID != "key-gone" || e.RequestID != "R" {
		t.Errorf("FromResponse = %#v", e)
	}
	broken := FromResponse(&http.Response{StatusCode: 502, Body: io.NopCloser(iotest.ErrReader(errors.New("connection reset")))})
	if broken.Kind != KindUnknown || broken.Cause == nil || !strings.Contains(broken.Cause.Error(), "connection reset") {
		t.Errorf("a body that fails to read: %#v", broken)
	}
	half := FromResponse(&http.Response{StatusCode: 502, Body: io.NopCloser(io.MultiReader(bytes.NewReader([]byte("<h")), iotest.ErrReader(errors.New("reset"))))})
	if half.Kind != KindUndecodable || string(half.Body) != "<h" {
		t.Errorf("a body cut off by a read error: %#v", half)
	}
	if FromResponse(nil).Kind != KindUnknown || FromResponse(&http.Response{StatusCode: 413}).ID != "too-large" {
		t.Error("a nil response or body")
	}
}

func TestPanicsBecomeErrors(t *testing.T) {
	e := safely(500, func() *Error { panic("boom") })
	if e == nil || e.Kind != KindUnknown || !strings.Contains(e.Cause.Error(), "boom") || !e.Retryable {
		t.Errorf("safely = %#v", e)
	}
}

func FuzzFromBody(f *testing.F) {
	f.Add(body(404, "Key.NotFound", `The key is not in store "a".`, "R"), 404)
	f.Add(body(400, "Mixed", `Key "a" in store "b": c.`, ""), 400)
	f.Add([]byte{0x2b, 0x08, 0x01, 0x2c}, 500)
	f.Fuzz(func(t *testing.T, b []byte, status int) {
		e := fromBody(status, b, nil) // not through safely: a panic fails the test
		w, err := DecodeWire(b)
		if (err == nil) == (e.Cause != nil) {
			t.Fatalf("DecodeWire error %v, FromBody cause %v", err, e.Cause)
		}
		if err == nil {
			again, err := DecodeWire(EncodeWire(w))
			if err != nil || again != w {
				t.Fatalf("re-encoding %#v gave %#v, %v", w, again, err)
			}
			if e.Message != w.ErrorMessage || e.RequestID != w.RequestID || (e.Code != w.ErrorCode && e.Kind == KindCode) {
				t.Fatalf("FromBody read %#v, DecodeWire %#v", e, w)
			}
		}
		_ = e.Error()
		_ = ParamMap(e.Params())
	})
}
