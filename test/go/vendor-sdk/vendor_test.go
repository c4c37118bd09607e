package vendorsdk_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/tea"
	dedicatedkmsopenapi "github.com/aliyun/alibabacloud-dkms-gcs-go-sdk/openapi"
	dedicatedkmsopenapiutil "github.com/aliyun/alibabacloud-dkms-gcs-go-sdk/openapi-util"
	dedicatedkmssdk "github.com/aliyun/alibabacloud-dkms-gcs-go-sdk/sdk"
	kmserrors "github.com/errcat/errcat/out/kms/go"
)

// client is the vendor's client pointed at serve over plain HTTP, with a throwaway PKCS#1 key.
func client(t *testing.T, host string) *dedicatedkmssdk.Client {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	privateKey := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
	c, err := dedicatedkmssdk.NewClient(&dedicatedkmsopenapi.Config{
		Protocol: tea.String("http"), Endpoint: tea.String(host), AccessKeyId: tea.String("KAAP.test-access-key"), PrivateKey: tea.String(privateKey),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func encrypt(c *dedicatedkmssdk.Client, retries bool) error {
	runtime := &dedicatedkmsopenapiutil.RuntimeOptions{Autoretry: tea.Bool(retries), BackoffPolicy: tea.String("no"), ReadTimeout: tea.Int(10000), ConnectTimeout: tea.Int(5000)}
	_, err := c.EncryptWithOptions(&dedicatedkmssdk.EncryptRequest{KeyId: tea.String("key-id"), Plaintext: []byte("plaintext")}, runtime)
	return err
}

type sdkData struct {
	HTTPCode  int     `json:"httpCode"`
	RequestID *string `json:"requestId"`
}

// For every positive fixture (served in order), Encrypt fails with a *tea.SDKError that carries the
// fixture's code, message, request id and status, and FromVendorError concludes what FromBody does.
func TestEncryptAgainstEveryPositiveFixture(t *testing.T) {
	var positive []fixture
	for _, f := range loadFixtures(t) {
		if f.Kind == "positive" {
			positive = append(positive, f)
		}
	}
	ids := make([]string, len(positive))
	for i, f := range positive {
		ids[i] = f.ID
	}
	s := serve(t, ids...)
	c := client(t, s.host)
	for _, f := range positive {
		err := encrypt(c, false)
		var sdk *tea.SDKError
		if !errors.As(err, &sdk) {
			t.Fatalf("%s: Encrypt returned %T %v, not a *tea.SDKError", f.ID, err, err)
		}
		var data sdkData
		if e := json.Unmarshal([]byte(tea.StringValue(sdk.Data)), &data); e != nil {
			t.Fatalf("%s: Data %q: %v", f.ID, tea.StringValue(sdk.Data), e)
		}
		if tea.StringValue(sdk.Code) != str(f.Code) || tea.StringValue(sdk.Message) != str(f.Message) || str(data.RequestID) != str(f.RequestID) || data.HTTPCode != f.HTTPStatus {
			t.Fatalf("%s: the SDK error holds code %q, message %q, data %s; the fixture %q, %q, %q, %d (serve log: %s)",
				f.ID, tea.StringValue(sdk.Code), tea.StringValue(sdk.Message), tea.StringValue(sdk.Data), str(f.Code), str(f.Message), str(f.RequestID), f.HTTPStatus, s.log())
		}
		ours, ok := kmserrors.FromVendorError(err)
		raw := kmserrors.FromBody(f.HTTPStatus, f.BodyBase64, nil)
		if !ok {
			t.Fatalf("%s: FromVendorError did not recognise %T", f.ID, err)
		}
		got := []any{ours.Sentinel(), ours.Code, ours.ID, kmserrors.ParamMap(ours.Params()), ours.RequestID, ours.HTTPStatus, ours.Retryable}
		want := []any{raw.Sentinel(), raw.Code, raw.ID, kmserrors.ParamMap(raw.Params()), raw.RequestID, raw.HTTPStatus, raw.Retryable}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: FromVendorError gives %v, FromBody %v", f.ID, got, want)
		}
		if !errors.Is(ours, raw.Sentinel()) {
			t.Errorf("%s: errors.Is(FromVendorError(err), %v) is false", f.ID, raw.Sentinel())
		}
	}
	if n := s.requests(); n != len(positive) {
		t.Fatalf("serve saw %d requests for %d calls with autoretry off", n, len(positive))
	}
	t.Logf("%d positive fixtures through the vendor SDK's Encrypt", len(positive))
}

// What the vendor SDK does with odd responses, measured: how many requests serve sees for one
// Encrypt call (autoretry on, no backoff sleep; the SDK's default maxAttempts is 3), and what it returns.
func TestVendorSDKOnOddResponses(t *testing.T) {
	cases := []struct {
		fixture  string
		requests int  // with autoretry on
		sdkError bool // a *tea.SDKError (else the SDK's own decode error)
		code     string
	}{
		// An empty body decodes to an empty Error: an SDKError with no code and no message, not retried.
		{"negative.empty-body.400", 1, true, ""},
		// An HTML page is not protobuf: proto.Unmarshal fails, the SDK returns that plain error and, as
		// tea.Retryable says yes to any error that is not an SDKError, sends the request 3 more times.
		{"negative.html-body.502", 4, false, ""},
		// A code the SDK does not know is returned as is, not retried.
		{"negative.unknown-code", 1, true, "Errcat.UnknownCode"},
		// A truncated body fails to decode: retried like HTML.
		{"negative.truncated-body", 4, false, ""},
		// InternalFailure and ServiceUnavailableTemporary are retried by code (IsRetryErr).
		{"internal-failure", 4, true, "InternalFailure"},
	}
	for _, c := range cases {
		t.Run(c.fixture, func(t *testing.T) {
			s := serve(t, c.fixture)
			start := time.Now()
			err := encrypt(client(t, s.host), true)
			elapsed := time.Since(start)
			var sdk *tea.SDKError
			isSDK := errors.As(err, &sdk)
			if err == nil || isSDK != c.sdkError || (isSDK && tea.StringValue(sdk.Code) != c.code) {
				t.Fatalf("Encrypt returned %T %v", err, err)
			}
			n := s.requests()
			if n != c.requests {
				t.Fatalf("serve saw %d requests for one Encrypt with autoretry on, want %d", n, c.requests)
			}
			ours, ok := kmserrors.FromVendorError(err)
			t.Logf("%s: %d requests in %v; the SDK returned %T %q; FromVendorError: %v", c.fixture, n, elapsed.Round(time.Millisecond), err, shorten(err.Error()), ok)
			if ok != c.sdkError || (ok && ours.Code != c.code) {
				t.Fatalf("FromVendorError = %v, %v", ours, ok)
			}
			// With autoretry off, the same response costs one request.
			off := serve(t, c.fixture)
			_ = encrypt(client(t, off.host), false)
			if n := off.requests(); n != 1 {
				t.Fatalf("serve saw %d requests with autoretry off", n)
			}
		})
	}
}

func shorten(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}
