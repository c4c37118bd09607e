package dev.errcat.runtime;

import java.nio.charset.StandardCharsets;

/**
 * Decodes the protobuf {@code Error} message of an error response without a protobuf library: the
 * four fields classification reads, by their field numbers; every other field, of any wire type, is
 * skipped. A truncated field, a bad wire type, a field number 0 or invalid UTF-8 in a string field
 * is a {@link WireDecodeException}.
 */
public final class ErrorBodyDecoder {
    /** Groups nested deeper than this in an unknown field make the body undecodable. */
    private static final int MAX_GROUP_DEPTH = 32;

    private final int statusCodeTag;
    private final int errorCodeTag;
    private final int errorMessageTag;
    private final int requestIdTag;

    /**
     * A decoder for a message with these field numbers.
     *
     * @param statusCodeField the number of the {@code int32 StatusCode} field
     * @param errorCodeField the number of the {@code string ErrorCode} field
     * @param errorMessageField the number of the {@code string ErrorMessage} field
     * @param requestIdField the number of the {@code string RequestId} field
     */
    public ErrorBodyDecoder(int statusCodeField, int errorCodeField, int errorMessageField, int requestIdField) {
        int[] fields = {statusCodeField, errorCodeField, errorMessageField, requestIdField};
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] < 1 || fields[i] > 536_870_911) {
                throw new IllegalArgumentException("field number " + fields[i] + " is outside 1 to 536870911");
            }
            for (int j = 0; j < i; j++) {
                if (fields[i] == fields[j]) throw new IllegalArgumentException("field number " + fields[i] + " is used twice");
            }
        }
        this.statusCodeTag = statusCodeField << 3;
        this.errorCodeTag = errorCodeField << 3 | 2;
        this.errorMessageTag = errorMessageField << 3 | 2;
        this.requestIdTag = requestIdField << 3 | 2;
    }

    /**
     * Decodes a whole body. An empty body is a message with every field at its default.
     *
     * @param body the response body
     * @return the fields read
     * @throws WireDecodeException when the body is not a valid message
     */
    public ErrorBody decode(byte[] body) throws WireDecodeException {
        Reader r = new Reader(body);
        int statusCode = 0;
        String errorCode = "";
        String errorMessage = "";
        String requestId = "";
        while (r.at < body.length) {
            int tag = r.tag();
            if (tag == statusCodeTag) statusCode = (int) r.varint();
            else if (tag == errorCodeTag) errorCode = r.string();
            else if (tag == errorMessageTag) errorMessage = r.string();
            else if (tag == requestIdTag) requestId = r.string();
            else r.skip(tag, 0);
        }
        return new ErrorBody(statusCode, errorCode, errorMessage, requestId);
    }

    /** A read position in one body. */
    private static final class Reader {
        private final byte[] b;
        private int at;

        Reader(byte[] b) {
            this.b = b;
        }

        /** Reads a varint of up to ten bytes; the caller takes the bits it needs. */
        long varint() throws WireDecodeException {
            int start = at;
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                if (at >= b.length) throw new WireDecodeException("truncated varint", start);
                if (shift > 63) throw new WireDecodeException("varint longer than 10 bytes", start);
                int x = b[at++];
                value |= (long) (x & 0x7f) << shift;
                if (x >= 0) return value;
            }
        }

        int tag() throws WireDecodeException {
            int start = at;
            int x = at < b.length ? b[at] : -1;
            // Tags of fields 1 to 15 are one byte.
            if (x >= 8) {
                at++;
                return x;
            }
            long t = varint();
            if ((t >>> 32) != 0) throw new WireDecodeException("field tag longer than 32 bits", start);
            if ((t >>> 3) == 0) throw new WireDecodeException("field number 0", start);
            return (int) t;
        }

        int length() throws WireDecodeException {
            int start = at;
            long n = varint();
            if (n < 0 || n > b.length - at) throw new WireDecodeException("length past the end of the body", start);
            return (int) n;
        }

        String string() throws WireDecodeException {
            int n = length();
            int start = at;
            at += n;
            // The JDK's decoder puts U+FFFD in place of each malformed sequence, so only a string holding
            // one can come from invalid UTF-8 (a sent U+FFFD is valid, which the strict check tells apart).
            String s = new String(b, start, n, StandardCharsets.UTF_8);
            if (s.indexOf('\ufffd') >= 0) {
                int bad = Utf8.invalidAt(b, start, at);
                if (bad >= 0) throw new WireDecodeException("invalid UTF-8 in a string field", bad);
            }
            return s;
        }

        /** Skips a field this decoder does not read: a newer server may send more. */
        void skip(int tag, int depth) throws WireDecodeException {
            int start = at;
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> {
                    if (b.length - at < 8) throw new WireDecodeException("truncated field", start);
                    at += 8;
                }
                case 2 -> {
                    // Not `at += length()`: that would add to the position before the length.
                    int n = length();
                    at += n;
                }
                case 3 -> {
                    if (depth >= MAX_GROUP_DEPTH) throw new WireDecodeException("groups nested too deep", start);
                    for (;;) {
                        if (at >= b.length) throw new WireDecodeException("truncated group", start);
                        int tagAt = at;
                        int t = tag();
                        if ((t & 7) == 4) {
                            if ((t >>> 3) != (tag >>> 3)) throw new WireDecodeException("end of group does not match its start", tagAt);
                            return;
                        }
                        skip(t, depth + 1);
                    }
                }
                case 5 -> {
                    if (b.length - at < 4) throw new WireDecodeException("truncated field", start);
                    at += 4;
                }
                default -> throw new WireDecodeException("unexpected wire type " + (tag & 7), start);
            }
        }
    }
}
