package kms_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	kmserrors "github.com/errcat/errcat/out/kms/go"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/dynamicpb"
)

// errorDescriptor builds the wire Error message from index.json's `wire`, in code: no protoc needed.
func errorDescriptor(t testing.TB) protoreflect.MessageDescriptor {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(fixturesDir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var index struct {
		Wire struct {
			Package, Message string
			Fields           []struct {
				Name   string
				Number int32
				Type   string
			}
		}
	}
	if err := json.Unmarshal(text, &index); err != nil {
		t.Fatal(err)
	}
	message := &descriptorpb.DescriptorProto{Name: proto.String(index.Wire.Message)}
	for _, f := range index.Wire.Fields {
		kind := descriptorpb.FieldDescriptorProto_TYPE_STRING
		if f.Type == "int32" {
			kind = descriptorpb.FieldDescriptorProto_TYPE_INT32
		}
		message.Field = append(message.Field, &descriptorpb.FieldDescriptorProto{
			Name: proto.String(f.Name), Number: proto.Int32(f.Number), Type: kind.Enum(),
			Label: descriptorpb.FieldDescriptorProto_LABEL_OPTIONAL.Enum(), JsonName: proto.String(f.Name),
		})
	}
	file, err := protodesc.NewFile(&descriptorpb.FileDescriptorProto{
		Name: proto.String("errcat_wire_test.proto"), Package: proto.String(index.Wire.Package), Syntax: proto.String("proto3"),
		MessageType: []*descriptorpb.DescriptorProto{message},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return file.Messages().ByName(protoreflect.Name(index.Wire.Message))
}

// protobufDecode is google.golang.org/protobuf's reading of a body.
func protobufDecode(md protoreflect.MessageDescriptor, body []byte) (kmserrors.WireError, error) {
	m := dynamicpb.NewMessage(md)
	if err := proto.Unmarshal(body, m); err != nil {
		return kmserrors.WireError{}, err
	}
	get := func(name string) protoreflect.Value { return m.Get(md.Fields().ByName(protoreflect.Name(name))) }
	return kmserrors.WireError{StatusCode: int32(get("StatusCode").Int()), ErrorCode: get("ErrorCode").String(), ErrorMessage: get("ErrorMessage").String(), RequestID: get("RequestId").String()}, nil
}

// agree fails when the package's decoder and protobuf's disagree on a body.
func agree(t *testing.T, md protoreflect.MessageDescriptor, body []byte) {
	t.Helper()
	ours, ourErr := kmserrors.DecodeWire(body)
	theirs, theirErr := protobufDecode(md, body)
	if (ourErr == nil) != (theirErr == nil) || ours != theirs {
		t.Fatalf("body % x: DecodeWire = %#v, %v; protobuf = %#v, %v", body, ours, ourErr, theirs, theirErr)
	}
	e := kmserrors.FromBody(400, body, nil)
	if e.Cause != nil && strings.Contains(e.Cause.Error(), "recovered from a panic") {
		t.Fatalf("FromBody panicked on % x: %v", body, e.Cause)
	}
	if ourErr == nil && (e.Message != ours.ErrorMessage || e.RequestID != ours.RequestID || e.BodyStatusCode != ours.StatusCode || (e.Code != ours.ErrorCode)) {
		t.Fatalf("FromBody read %#v, DecodeWire %#v", e, ours)
	}
}

// The decoder reads every fixture body as protobuf does, and bodies protobuf writes.
func TestDecoderAgreesWithProtobuf(t *testing.T) {
	md := errorDescriptor(t)
	for _, f := range loadFixtures(t) {
		if f.Headers["content-type"] != "application/x-protobuf" && len(f.BodyBase64) > 0 {
			continue // HTML: not a protobuf body
		}
		agree(t, md, f.BodyBase64)
	}
	cases := [][]byte{
		{0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, // a negative StatusCode, ten bytes
		{0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02}, // an eleventh bit too many
		{0x08, 0x80, 0x80, 0x80, 0x80, 0x10},                               // a StatusCode above 32 bits: its low 32
		{0x12, 0x01, 0xc3},                                                 // invalid UTF-8
		{0x0a, 0x00},                                                       // StatusCode sent as bytes: an unknown field
		{0x10, 0x05},                                                       // ErrorCode sent as a varint: an unknown field
		{0x2b, 0x3b, 0x3c, 0x2c},                                           // nested groups
		{0x2b, 0x2c, 0x2c},                                                 // an end group too many
		{0xfa, 0xff, 0xff, 0xff, 0x0f, 0x00},                               // the largest field number
		{0x82, 0x80, 0x80, 0x80, 0x10, 0x00},                               // a field number above it
		{0x0b, 0xfc, 0xff, 0xff, 0xff, 0x0f, 0x0c},                         // a group holding a tag of field 2^29-1... ended
		{0x2b, 0xf8, 0xff, 0xff, 0xff, 0x7f, 0x00, 0x2c},                   // a group holding a field number above 2^29
		{0x1a, 0x0b, 'f', 'i', 'r', 's', 't', ' ', 'v', 'a', 'l', 'u', 'e', 0x1a, 0x01, 'x'}, // a repeated field: the last wins
	}
	for _, b := range cases {
		agree(t, md, b)
	}
	// Bodies written by protobuf, with every kind of text.
	for _, w := range []kmserrors.WireError{{}, {StatusCode: -1}, {StatusCode: 404, ErrorCode: "Forbidden.KeyNotFound", ErrorMessage: "é\n\"😀\u2028", RequestID: strings.Repeat("r", 300)}} {
		m := dynamicpb.NewMessage(md)
		m.Set(md.Fields().ByName("StatusCode"), protoreflect.ValueOfInt32(w.StatusCode))
		m.Set(md.Fields().ByName("ErrorCode"), protoreflect.ValueOfString(w.ErrorCode))
		m.Set(md.Fields().ByName("ErrorMessage"), protoreflect.ValueOfString(w.ErrorMessage))
		m.Set(md.Fields().ByName("RequestId"), protoreflect.ValueOfString(w.RequestID))
		b, err := proto.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := kmserrors.DecodeWire(b); err != nil || got != w {
			t.Errorf("protobuf wrote %#v, DecodeWire read %#v, %v", w, got, err)
		}
		// protobuf-go writes a dynamic message's fields in no fixed order, so the bytes are compared as messages.
		back := dynamicpb.NewMessage(md)
		if err := proto.Unmarshal(kmserrors.EncodeWire(w), back); err != nil || !proto.Equal(back, m) {
			t.Errorf("EncodeWire(%#v) = % x, which protobuf reads as %v, not %v (%v)", w, kmserrors.EncodeWire(w), back, m, err)
		}
	}
}

// Fuzzing from the fixture bodies: FromBody never panics and reads every body as protobuf does.
func FuzzFromBody(f *testing.F) {
	fixtures := loadFixtures(f)
	for _, x := range fixtures {
		f.Add(x.BodyBase64)
	}
	md := errorDescriptor(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		agree(t, md, body)
	})
}
