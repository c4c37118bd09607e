package kms_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	kmserrors "github.com/errcat/errcat/out/kms/go"
)

// conclusion is what a runtime concluded, in the fixtures' terms.
type conclusion struct {
	Kind, TypeCode, TypeEntry, Code, ID, Message, RequestID, Fault, KeyState string
	HTTPStatus                                                               int
	Retryable                                                                bool
	Params                                                                   map[string]string
}

func concluded(e *kmserrors.Error) conclusion {
	c := conclusion{Kind: e.Kind.String(), Code: e.Code, ID: e.ID, Message: e.Message, RequestID: e.RequestID, Fault: string(e.Fault), KeyState: e.KeyState,
		HTTPStatus: e.HTTPStatus, Retryable: e.Retryable, Params: kmserrors.ParamMap(e.Params())}
	if s := e.Sentinel(); s != kmserrors.ErrUnknown && s != kmserrors.ErrUndecodable {
		if s.Code() != "" {
			c.TypeCode = s.Code()
		} else {
			c.TypeEntry = s.Name()
		}
	}
	if c.Params == nil {
		c.Params = map[string]string{}
	}
	return c
}

func expected(x expectation) conclusion {
	c := conclusion{Kind: x.Kind, Code: str(x.Code), ID: str(x.ID), Message: x.Message, RequestID: str(x.RequestID), Fault: x.Fault, KeyState: str(x.KeyState),
		HTTPStatus: x.HTTPStatus, Retryable: x.Retryable, Params: x.Params}
	if x.Type != nil {
		c.TypeCode, c.TypeEntry = x.Type.Code, x.Type.Entry
	}
	if c.Params == nil || x.ID == nil {
		c.Params = map[string]string{}
	}
	return c
}

// Every fixture through FromBody concludes what the fixture expects.
func TestEveryFixture(t *testing.T) {
	fixtures := loadFixtures(t)
	for _, f := range fixtures {
		t.Run(f.ID, func(t *testing.T) {
			e := kmserrors.FromBody(f.HTTPStatus, f.BodyBase64, f.header())
			if got, want := concluded(e), expected(f.Expect); !reflect.DeepEqual(got, want) {
				t.Fatalf("concluded\n %+v\nwant\n %+v", got, want)
			}
			checkTypeMatching(t, e, f.Expect)
		})
	}
	t.Logf("%d fixtures", len(fixtures))
}

// errors.Is holds for the error's own sentinel only, wrapped or not; errors.As finds the *Error.
func checkTypeMatching(t *testing.T, e *kmserrors.Error, x expectation) {
	t.Helper()
	wrapped := fmt.Errorf("calling Encrypt: %w", e)
	var found *kmserrors.Error
	if !errors.As(wrapped, &found) || found != e {
		t.Fatal("errors.As does not find the *Error through %w")
	}
	matched := 0
	for _, s := range kmserrors.Sentinels() {
		if errors.Is(wrapped, s) {
			matched++
			if x.Type == nil || (s.Code() != x.Type.Code || (x.Type.Entry != "" && s.Name() != x.Type.Entry)) {
				t.Errorf("errors.Is matches %v", s)
			}
		}
	}
	if want := map[bool]int{true: 1, false: 0}[x.Type != nil]; matched != want {
		t.Errorf("%d sentinels match, want %d", matched, want)
	}
	unknown := x.Type == nil
	if errors.Is(wrapped, kmserrors.ErrUnknown) != unknown || errors.Is(wrapped, kmserrors.ErrUndecodable) != (x.Kind == "undecodable") {
		t.Errorf("ErrUnknown matches: %v, ErrUndecodable: %v, for kind %s", errors.Is(wrapped, kmserrors.ErrUnknown), errors.Is(wrapped, kmserrors.ErrUndecodable), x.Kind)
	}
	if x.Kind == "undecodable" && len(e.Body) == 0 {
		t.Error("an undecodable body is not kept")
	}
	if e.Error() == "" {
		t.Error("Error() is empty")
	}
}

// The named sentinels, ids and params structs are the ones the catalog implies, by Go's naming.
func TestGeneratedNames(t *testing.T) {
	e := kmserrors.FromBody(404, kmserrors.EncodeWire(kmserrors.WireError{StatusCode: 404, ErrorCode: "Forbidden.KeyNotFound", ErrorMessage: `The Key ID or Alias does not exist in the key store "kst-1".`, RequestID: "R"}), nil)
	if !errors.Is(e, kmserrors.ErrForbiddenKeyNotFound) || errors.Is(e, kmserrors.ErrUnauthorized) || e.ID != kmserrors.IDKeyNotFoundInKeyStore || e.Code != kmserrors.CodeForbiddenKeyNotFound {
		t.Fatalf("%#v", e)
	}
	if p, ok := e.Params().(kmserrors.KeyNotFoundInKeyStoreParams); !ok || p.KeyStore != "kst-1" {
		t.Fatalf("Params() = %#v", e.Params())
	}
	if e.DocsURL() != "../ERRORS.md#key-not-found-in-key-store" {
		t.Errorf("DocsURL() = %q", e.DocsURL())
	}
	if kmserrors.MaxRequestBodyBytes != 3145728 || kmserrors.CodeInvalidAPIName != "InvalidApiName" || kmserrors.IDAccessKeyIDNotFound != "access-key-id-not-found" {
		t.Error("constants")
	}
	var _ kmserrors.Params = kmserrors.AccessKeyIDNotFoundParams{AccessKeyID: "x"}
	if !errors.Is(kmserrors.FromBody(413, nil, nil), kmserrors.ErrRequestEntityTooLarge) {
		t.Error("a 413 without a body is not ErrRequestEntityTooLarge")
	}
}
