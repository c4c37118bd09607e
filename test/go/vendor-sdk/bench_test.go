package vendorsdk_test

import (
	"testing"

	"github.com/aliyun/alibabacloud-dkms-gcs-go-sdk/openapi-util/protobuf/api"
	kmserrors "github.com/errcat/errcat/out/kms/go"
	"google.golang.org/protobuf/proto"
)

// The body both benchmarks read: a code with several entries, one placeholder, a request id.
func benchBody(b *testing.B) []byte {
	for _, f := range loadFixtures(b) {
		if f.ID == "key-not-found-in-key-store" {
			return f.BodyBase64
		}
	}
	b.Fatal("no fixture key-not-found-in-key-store in index.json")
	return nil
}

var sinkError *kmserrors.Error
var sinkMessage *api.Error

// FromBody: decode, find the code and the entry, make the *Error.
func BenchmarkFromBody(b *testing.B) {
	body := benchBody(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkError = kmserrors.FromBody(404, body, nil)
	}
	if sinkError.ID != kmserrors.IDKeyNotFoundInKeyStore {
		b.Fatal(sinkError)
	}
}

// The baseline: proto.Unmarshal of the same bytes into the vendor SDK's protoc-gen-go type api.Error.
func BenchmarkProtoUnmarshal(b *testing.B) {
	body := benchBody(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m := &api.Error{}
		if err := proto.Unmarshal(body, m); err != nil {
			b.Fatal(err)
		}
		sinkMessage = m
	}
	if sinkMessage.ErrorCode != "Forbidden.KeyNotFound" {
		b.Fatal(sinkMessage)
	}
}

// The decoder and bench agree on what they read: the same fields from the same bytes.
func TestBenchBodiesAgree(t *testing.T) {
	for _, f := range loadFixtures(t) {
		if f.Headers["content-type"] != "application/x-protobuf" {
			continue
		}
		m := &api.Error{}
		theirErr := proto.Unmarshal(f.BodyBase64, m)
		ours, ourErr := kmserrors.DecodeWire(f.BodyBase64)
		if (theirErr == nil) != (ourErr == nil) || (ourErr == nil && ours != (kmserrors.WireError{StatusCode: m.StatusCode, ErrorCode: m.ErrorCode, ErrorMessage: m.ErrorMessage, RequestID: m.RequestId})) {
			t.Errorf("%s: DecodeWire %#v, %v; api.Error %v, %v", f.ID, ours, ourErr, m, theirErr)
		}
	}
}
