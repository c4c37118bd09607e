package dev.errcat.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.errcat.kms.v1.errors.KmsException;
import dev.errcat.kms.v1.errors.UndecodableKmsException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks a typed exception against a fixture's language-neutral expectation. */
public final class Conclusion {
    private Conclusion() {}

    /**
     * The Java class a catalog type maps to, written out here independently of the generator: the
     * code (or codeless entry id) in PascalCase + "Exception", with "_" appended when java.lang has
     * a type of that name.
     */
    public static String expectedClass(Fixtures.Expect e) {
        if (e.typeCode() == null && e.typeEntry() == null) return e.kind().equals("undecodable") ? "UndecodableKmsException" : "UnknownKmsException";
        StringBuilder name = new StringBuilder();
        for (String part : (e.typeCode() != null ? e.typeCode() : e.typeEntry()).split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        name.append("Exception");
        try {
            Class.forName("java.lang." + name);
            name.append('_');
        } catch (ClassNotFoundException absent) {
            // not a java.lang name
        }
        return name.toString();
    }

    /** The conclusion as the fixture states it, for one assertEquals. */
    private static Map<String, Object> expected(Fixtures.Expect e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class", expectedClass(e));
        m.put("kind", e.kind());
        m.put("code", e.code());
        m.put("id", e.id());
        m.put("params", e.id() == null ? Map.of() : e.params());
        m.put("message", e.message());
        m.put("requestId", e.requestId());
        m.put("httpStatus", e.httpStatus());
        m.put("retryable", e.retryable());
        m.put("fault", e.fault());
        m.put("keyState", e.keyState());
        return m;
    }

    public static Map<String, Object> actual(KmsException x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class", x.getClass().getSimpleName());
        m.put("kind", x.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("code", x.code());
        m.put("id", x.id() == null ? null : x.id().id());
        m.put("params", x.params().asMap());
        m.put("message", x.errorMessage());
        m.put("requestId", x.requestId());
        m.put("httpStatus", x.httpStatus());
        m.put("retryable", x.retryable());
        m.put("fault", x.fault().toString());
        m.put("keyState", x.keyState());
        return m;
    }

    public static void check(KmsException x, Fixtures.Expect e, String label) {
        assertEquals(expected(e), actual(x), label);
        if (e.kind().equals("undecodable")) {
            assertTrue(((UndecodableKmsException) x).body().length > 0, label + ": the raw body is kept");
        }
    }
}
