package dev.errcat.conformance;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** out/kms/fixtures/index.json (formatVersion 3), read as the language-neutral contract it is. */
public final class Fixtures {
    private Fixtures() {}

    /** What a runtime must conclude about one response. */
    public record Expect(String kind, String typeCode, String typeEntry, String code, String id, Map<String, String> params, String message,
            String requestId, int httpStatus, boolean retryable, String fault, String keyState) {}

    /** One response and its expectation. */
    public record Fixture(String id, String kind, int httpStatus, Map<String, String> headers, byte[] body, String code,
            String message, String requestId, Expect expect) {
        /** The headers as java.net.http and fromResponse see them. */
        public Map<String, List<String>> headerLists() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            headers.forEach((k, v) -> out.put(k, List.of(v)));
            return out;
        }
    }

    /** The repository root: the errcat.root system property, or the working directory. */
    public static Path root() {
        return Path.of(System.getProperty("errcat.root", ".")).toAbsolutePath().normalize();
    }

    public static Path folder() {
        return root().resolve("out/kms/fixtures");
    }

    private static List<Fixture> cached;

    public static synchronized List<Fixture> all() {
        if (cached != null) return cached;
        try {
            JsonObject index = JsonParser.parseString(Files.readString(folder().resolve("index.json"), StandardCharsets.UTF_8)).getAsJsonObject();
            if (index.get("formatVersion").getAsInt() != 3) throw new IllegalStateException("fixtures formatVersion is not 3");
            List<Fixture> out = new ArrayList<>();
            for (JsonElement el : index.getAsJsonArray("fixtures")) {
                JsonObject f = el.getAsJsonObject();
                Map<String, String> headers = new LinkedHashMap<>();
                f.getAsJsonObject("headers").entrySet().forEach(h -> headers.put(h.getKey(), h.getValue().getAsString()));
                JsonObject e = f.getAsJsonObject("expect");
                JsonElement type = e.get("type");
                Expect expect = new Expect(text(e, "kind"),
                        type.isJsonNull() ? null : text(type.getAsJsonObject(), "code"),
                        type.isJsonNull() ? null : text(type.getAsJsonObject(), "entry"),
                        text(e, "code"), text(e, "id"), strings(e.getAsJsonObject("params")), text(e, "message"), text(e, "requestId"),
                        e.get("httpStatus").getAsInt(), e.get("retryable").getAsBoolean(), text(e, "fault"), text(e, "keyState"));
                out.add(new Fixture(text(f, "id"), text(f, "kind"), f.get("httpStatus").getAsInt(), headers,
                        Base64.getDecoder().decode(text(f, "bodyBase64")), text(f, "code"), text(f, "message"),
                        text(f, "requestId"), expect));
            }
            cached = List.copyOf(out);
            return cached;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the fixtures in " + folder(), e);
        }
    }

    public static Fixture byId(String id) {
        return all().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException("no fixture " + id));
    }

    private static String text(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v == null || v.isJsonNull() ? null : v.getAsString();
    }

    private static Map<String, String> strings(JsonObject o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o != null) o.entrySet().forEach(p -> out.put(p.getKey(), p.getValue().getAsString()));
        return out;
    }
}
