package dev.errcat.runtime;

/** Strict UTF-8 validation, as protobuf requires of a string field. */
final class Utf8 {
    private Utf8() {}

    /**
     * Where b[start, end) stops being well-formed UTF-8: an overlong form, a surrogate, a code point
     * above U+10FFFF, a stray continuation byte or a truncated sequence.
     *
     * @return the offset of the first bad sequence, or -1 when all of it is valid
     */
    static int invalidAt(byte[] b, int start, int end) {
        int i = start;
        while (i < end) {
            int x = b[i] & 0xff;
            if (x < 0x80) {
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xbf;
            if (x >= 0xc2 && x <= 0xdf) {
                need = 1;
            } else if (x >= 0xe0 && x <= 0xef) {
                need = 2;
                if (x == 0xe0) lo = 0xa0;
                if (x == 0xed) hi = 0x9f;
            } else if (x >= 0xf0 && x <= 0xf4) {
                need = 3;
                if (x == 0xf0) lo = 0x90;
                if (x == 0xf4) hi = 0x8f;
            } else {
                return i;
            }
            if (end - i < need + 1) return i;
            int second = b[i + 1] & 0xff;
            if (second < lo || second > hi) return i;
            for (int k = 2; k <= need; k++) {
                int c = b[i + k] & 0xff;
                if (c < 0x80 || c > 0xbf) return i;
            }
            i += need + 1;
        }
        return -1;
    }
}
