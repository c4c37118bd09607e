"""The wire Error message as the official protobuf package sees it: a message class built at run time
from a descriptor of out/kms/fixtures/index.json's wire fields, so no protoc is needed."""

from typing import Any

from conftest import FIXTURES
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.internal import api_implementation

IMPLEMENTATION = api_implementation.Type()


def error_class() -> Any:
    wire = FIXTURES["wire"]
    file = descriptor_pb2.FileDescriptorProto(name="errcat_python_test_error.proto", package=wire["package"], syntax="proto3")
    message = file.message_type.add(name=wire["message"])
    types = {"int32": descriptor_pb2.FieldDescriptorProto.TYPE_INT32, "string": descriptor_pb2.FieldDescriptorProto.TYPE_STRING}
    for f in wire["fields"]:
        message.field.add(name=f["name"], number=f["number"], type=types[f["type"]], label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    descriptor = pool.FindMessageTypeByName(f"{wire['package']}.{wire['message']}")
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


Error = error_class()


def official(body: bytes) -> tuple[int, str, str, str]:
    """StatusCode, ErrorCode, ErrorMessage and RequestId as protobuf decodes them; raises on bad input."""
    m = Error()
    m.ParseFromString(body)
    return (m.StatusCode, m.ErrorCode, m.ErrorMessage, m.RequestId)
