package dev.errcat.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTableTest {
    // Type 0: code "NotFound" with two entries (in match order: 1 then 0); type 1: codeless 413; type 2: code "Busy" at 503.
    private static final CatalogTable TABLE = new CatalogTable(
            List.of(
                    new CatalogTable.Entry(0, "NotFound", 404, false, Fault.CLIENT, null, "The key does not exist.",
                            new MessagePattern(List.of("Key ", " not found."), List.of("key"))),
                    new CatalogTable.Entry(0, "NotFound", 404, false, Fault.CLIENT, "Gone", "The key is gone.",
                            new MessagePattern(List.of("Key ", " not found in ", "."), List.of("key", "store"))),
                    new CatalogTable.Entry(1, null, 413, false, Fault.CLIENT, null, "Too large.", new MessagePattern(List.of(), List.of())),
                    new CatalogTable.Entry(2, "Busy", 503, true, Fault.SERVER, null, "Busy.", new MessagePattern(List.of("Busy."), List.of()))),
            List.of(new CatalogTable.Group("NotFound", 0, List.of(1, 0)), new CatalogTable.Group("Busy", 2, List.of(3))),
            3, new ErrorBodyDecoder(1, 2, 3, 4));

    private static byte[] body(int status, String code, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x08);
        out.write(status & 0x7f | 0x80);
        out.write(status >>> 7);
        for (String[] f : new String[][] {{"2", code}, {"3", message}}) {
            byte[] v = f[1].getBytes(StandardCharsets.UTF_8);
            out.write(Integer.parseInt(f[0]) << 3 | 2);
            out.write(v.length);
            out.writeBytes(v);
        }
        return out.toByteArray();
    }

    @Test
    void aKnownCodeMatchesItsEntriesInMatchOrder() {
        Classification c = TABLE.classify(404, body(404, "NotFound", "Key k not found in s."), "application/x-protobuf");
        assertEquals(Classification.Kind.CODE, c.kind());
        assertEquals(0, c.type());
        assertEquals(1, c.entry());
        assertEquals("Gone", c.keyState());
        assertArrayEquals(new String[] {"k", "s"}, TABLE.entry(c.entry()).pattern().extract(c.errorMessage()));
        assertEquals(0, TABLE.classify(404, body(404, "NotFound", "Key k not found."), null).entry());
    }

    @Test
    void aCodeWithoutAMatchingEntryTakesTheTraitsItsEntriesShare() {
        Classification c = TABLE.classify(404, body(404, "NotFound", "Something else."), null);
        assertEquals(Classification.Kind.CODE, c.kind());
        assertEquals(-1, c.entry());
        // The two entries disagree on the key state: the status decides.
        assertNull(c.keyState());
        assertEquals(Fault.CLIENT, c.fault());
    }

    @Test
    void anUnknownCodeKeepsCodeAndMessage() {
        Classification c = TABLE.classify(500, body(500, "Nope", "m"), null);
        assertEquals(Classification.Kind.UNKNOWN, c.kind());
        assertEquals("Nope", c.code());
        assertEquals("m", c.errorMessage());
        assertEquals(true, c.retryable());
        assertEquals(Fault.SERVER, c.fault());
        assertNull(c.body());
    }

    @Test
    void noCodeFallsBackToTheStatus() {
        Classification c = TABLE.classify(413, new byte[0], null);
        assertEquals(Classification.Kind.CODELESS, c.kind());
        assertEquals(2, c.entry());
        assertEquals("Too large.", c.description());
        Classification busy = TABLE.classify(503, null, null);
        assertEquals(Classification.Kind.CODELESS, busy.kind());
        assertEquals(3, busy.entry());
    }

    @Test
    void aBodyThatIsNotTheMessageIsKept() {
        byte[] html = "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8);
        Classification c = TABLE.classify(502, html, " Text/HTML; charset=utf-8");
        assertEquals(Classification.Kind.UNDECODABLE, c.kind());
        assertNotNull(c.cause());
        assertArrayEquals(html, c.body());
        assertEquals("HTTP 502", c.description());
        assertEquals(Classification.Kind.UNDECODABLE, TABLE.classify(400, new byte[] {0x12, 0x05}, null).kind());
    }

    @Test
    void vendorFieldsClassifyAlike() {
        Classification c = TABLE.classify(404, "NotFound", "Key k not found.", "");
        assertEquals(0, c.entry());
        assertNull(c.requestId());
        assertEquals(-1, TABLE.match("NotFound", "x"));
        assertEquals(1, TABLE.match("NotFound", "Key a not found in b."));
        assertEquals(-1, TABLE.match("Other", "Busy."));
    }
}
