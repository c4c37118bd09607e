package dev.errcat.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorBodyDecoderTest {
    private final ErrorBodyDecoder decoder = new ErrorBodyDecoder(1, 2, 3, 4);

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    private static void string(ByteArrayOutputStream out, int field, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        out.write(field << 3 | 2);
        out.write(v.length);
        out.writeBytes(v);
    }

    @Test
    void decodesTheFourFields() throws WireDecodeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(0x08, 0x90, 0x03));
        string(out, 2, "InvalidApiName");
        string(out, 3, "The ApiName \"\u00e9\uD83D\uDE00\" is invalid.");
        string(out, 4, "req-1");
        assertEquals(new ErrorBody(400, "InvalidApiName", "The ApiName \"\u00e9\uD83D\uDE00\" is invalid.", "req-1"), decoder.decode(out.toByteArray()));
    }

    @Test
    void anEmptyBodyHasDefaults() throws WireDecodeException {
        assertEquals(new ErrorBody(0, "", "", ""), decoder.decode(new byte[0]));
    }

    @Test
    void skipsUnknownFieldsOfEveryWireType() throws WireDecodeException {
        byte[] b = bytes(
                0x28, 0x96, 0x01, // field 5 varint
                0x31, 1, 2, 3, 4, 5, 6, 7, 8, // field 6 fixed64
                0x3a, 0x02, 0x41, 0x42, // field 7 bytes
                0x43, 0x08, 0x01, 0x44, // field 8 group holding a varint
                0x4d, 1, 2, 3, 4, // field 9 fixed32
                0x12, 0x01, 0x58, // ErrorCode "X"
                0x80, 0x01, 0x01); // field 16 varint, two-byte tag
        assertEquals(new ErrorBody(0, "X", "", ""), decoder.decode(b));
    }

    @Test
    void theLastValueOfARepeatedFieldWins() throws WireDecodeException {
        assertEquals(new ErrorBody(0, "B", "", ""), decoder.decode(bytes(0x12, 0x01, 0x41, 0x12, 0x01, 0x42)));
    }

    @Test
    void negativeInt32IsTenBytes() throws WireDecodeException {
        assertEquals(-1, decoder.decode(bytes(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)).statusCode());
    }

    @Test
    void rejectsMalformedBodies() {
        byte[][] bad = {
            bytes(0x12, 0x05, 0x41), // length past the end
            bytes(0x08), // truncated varint
            bytes(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), // 11-byte varint
            bytes(0x00, 0x01), // field number 0
            bytes(0x0f), // wire type 7
            bytes(0x0c), // end group without a start
            bytes(0x0b, 0x14), // group ended by another field's end
            bytes(0x0b), // group never ended
            bytes(0x12, 0x01, 0xff), // invalid UTF-8
            bytes(0x12, 0x02, 0xc0, 0x80), // overlong
            bytes(0x12, 0x03, 0xed, 0xa0, 0x80), // a surrogate
            bytes(0x12, 0x01, 0x80, 0x12, 0x01, 0x41), // an earlier value of a repeated field is invalid
            bytes(0x31, 1, 2, 3), // truncated fixed64
            bytes(0x4d, 1), // truncated fixed32
        };
        for (byte[] b : bad) assertThrows(WireDecodeException.class, () -> decoder.decode(b));
    }

    @Test
    void keepsAReplacementCharacterTheServerSent() throws WireDecodeException {
        assertEquals(new ErrorBody(0, "", "a\ufffdb", ""), decoder.decode(bytes(0x1a, 0x05, 0x61, 0xef, 0xbf, 0xbd, 0x62)));
    }

    @Test
    void rejectsAStringExactlyWhenItIsNotUtf8() {
        // Every string of one and two bytes, and of three and four bytes with their later bytes at the edges of the ranges that
        // decide validity: the decoder trusts the JDK to replace what is malformed, so this pins it to the strict check.
        int[] edges = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xf4, 0xff};
        for (int first = 0; first < 256; first++) {
            check(first);
            for (int second = 0; second < 256; second++) {
                check(first, second);
                for (int third : edges) {
                    check(first, second, third);
                    for (int fourth : edges) check(first, second, third, fourth);
                }
            }
        }
    }

    private void check(int... value) {
        byte[] body = new byte[value.length + 2];
        body[0] = 0x12;
        body[1] = (byte) value.length;
        for (int i = 0; i < value.length; i++) body[i + 2] = (byte) value[i];
        boolean valid = Utf8.invalidAt(body, 2, body.length) < 0;
        String shown = java.util.HexFormat.of().formatHex(body, 2, body.length);
        try {
            ErrorBody fields = decoder.decode(body);
            assertTrue(valid, shown + " is not UTF-8 but was decoded");
            assertEquals(new String(body, 2, value.length, StandardCharsets.UTF_8), fields.errorCode(), shown);
        } catch (WireDecodeException e) {
            assertFalse(valid, shown + " is UTF-8 but was rejected");
        }
    }

    @Test
    void rejectsGroupsNestedTooDeep() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 40; i++) out.write(0x2b);
        for (int i = 0; i < 40; i++) out.write(0x2c);
        assertThrows(WireDecodeException.class, () -> decoder.decode(out.toByteArray()));
    }

    @Test
    void saysWhereTheProblemIs() {
        WireDecodeException e = assertThrows(WireDecodeException.class, () -> decoder.decode(bytes(0x08, 0x01, 0x12, 0x05)));
        assertEquals(3, e.offset());
    }

    @Test
    void refusesDuplicateFieldNumbers() {
        assertThrows(IllegalArgumentException.class, () -> new ErrorBodyDecoder(1, 1, 3, 4));
    }
}
