package dev.errcat.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.errcat.runtime.ErrorBody;
import dev.errcat.runtime.ErrorBodyDecoder;
import dev.errcat.runtime.WireDecodeException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The runtime's decoder and protobuf-java's DynamicMessage on the same bytes agree. */
class DecoderAgainstProtobufTest {
    /** api.Error as a descriptor built in code (proto3, so strings must be valid UTF-8): no protoc needed. */
    static final Descriptors.Descriptor ERROR = errorDescriptor();

    static Descriptors.Descriptor errorDescriptor() {
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName("Error");
        String[][] fields = {{"StatusCode", "1", "int32"}, {"ErrorCode", "2", "string"}, {"ErrorMessage", "3", "string"}, {"RequestId", "4", "string"}};
        for (String[] f : fields) {
            message.addField(FieldDescriptorProto.newBuilder().setName(f[0]).setNumber(Integer.parseInt(f[1]))
                    .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
                    .setType(f[2].equals("int32") ? FieldDescriptorProto.Type.TYPE_INT32 : FieldDescriptorProto.Type.TYPE_STRING));
        }
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("api/error.proto").setPackage("api").setSyntax("proto3")
                .addMessageType(message).build();
        try {
            return Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]).findMessageTypeByName("Error");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ErrorBodyDecoder DECODER = new ErrorBodyDecoder(1, 2, 3, 4);

    /** protobuf-java's reading of the body, as an ErrorBody; null when it rejects it. */
    static ErrorBody protobuf(byte[] body) {
        try {
            DynamicMessage m = DynamicMessage.parseFrom(ERROR, body);
            return new ErrorBody((Integer) m.getField(ERROR.findFieldByName("StatusCode")), (String) m.getField(ERROR.findFieldByName("ErrorCode")),
                    (String) m.getField(ERROR.findFieldByName("ErrorMessage")), (String) m.getField(ERROR.findFieldByName("RequestId")));
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    static String problem(byte[] body) {
        try {
            DECODER.decode(body);
            return "";
        } catch (WireDecodeException e) {
            return e.getMessage().replace("cannot decode the error body: ", "");
        }
    }

    static ErrorBody ours(byte[] body) {
        try {
            return DECODER.decode(body);
        } catch (WireDecodeException e) {
            return null;
        }
    }

    @Test
    void everyProtobufFixtureDecodesAlike() {
        int decoded = 0;
        for (Fixtures.Fixture f : Fixtures.all()) {
            if (f.headers().getOrDefault("content-type", "").startsWith("text/")) continue;
            ErrorBody theirs = protobuf(f.body());
            assertEquals(theirs, ours(f.body()), f.id());
            if (theirs != null && f.code() != null) {
                assertEquals(f.code(), theirs.errorCode(), f.id());
                decoded++;
            }
        }
        assertTrue(decoded > 50, "fixtures decoded: " + decoded);
    }

    @Test
    void overLongTagsAreTheKnownDifference() {
        // Field 2 (a string) with a tag varint of six bytes whose high bits are set.
        byte[] b = {(byte) 0x92, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0xf0, 0x01, 0x01, 0x41};
        assertEquals(new ErrorBody(0, "A", "", ""), protobuf(b));
        assertEquals("field tag longer than 32 bits (at byte 0)", problem(b));
    }

    @Test
    void randomTruncatedAndMutatedBodiesDecodeAlike() {
        Random random = new Random(RandomBodiesTest.seed());
        List<byte[]> bodies = RandomBodiesTest.mutants(random, RandomBodiesTest.runs(20_000));
        int accepted = 0;
        int rejected = 0;
        int longTags = 0;
        for (byte[] b : bodies) {
            ErrorBody theirs = protobuf(b);
            ErrorBody mine = ours(b);
            if (theirs == null && mine == null) {
                rejected++;
                continue;
            }
            if (theirs != null && mine == null && problem(b).startsWith("field tag longer than 32 bits")) {
                // The one known difference: protobuf-java keeps the low 32 bits of an over-long tag and reads
                // on; the runtime rejects the body, as the TypeScript runtime and Go's protowire do.
                longTags++;
                continue;
            }
            if (!java.util.Objects.equals(theirs, mine)) {
                fail("protobuf-java " + theirs + " but the runtime " + mine + " for " + java.util.HexFormat.of().formatHex(b));
            }
            accepted++;
        }
        // Both outcomes must have been exercised, or the comparison proves little.
        assertTrue(accepted > 1000 && rejected > 1000, "accepted " + accepted + ", rejected " + rejected);
        assertTrue(longTags < bodies.size() / 100, "over-long tags: " + longTags);
    }
}
