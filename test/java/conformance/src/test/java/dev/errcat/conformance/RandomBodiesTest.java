package dev.errcat.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.errcat.kms.v1.errors.KmsErrors;
import dev.errcat.kms.v1.errors.KmsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random, truncated and mutated bodies: fromResponse never throws and always answers with the HTTP
 * status it was given. Seeded (ERRCAT_JAVA_SEED replays a run; ERRCAT_FUZZ_RUNS sets the count).
 */
class RandomBodiesTest {
    private static final String[] CONTENT_TYPES = {"application/x-protobuf", "text/html", " TEXT/plain", "", "application/json"};

    static List<byte[]> mutants(Random random, int count) {
        List<byte[]> seeds = new ArrayList<>();
        for (Fixtures.Fixture f : Fixtures.all()) if (f.body().length > 0) seeds.add(f.body());
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            byte[] b;
            switch (random.nextInt(5)) {
                case 0 -> {
                    b = new byte[random.nextInt(64)];
                    random.nextBytes(b);
                }
                case 1 -> b = java.util.Arrays.copyOf(seed, random.nextInt(seed.length + 1));
                case 2 -> {
                    b = seed.clone();
                    for (int k = 1 + random.nextInt(3); k > 0; k--) b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                case 3 -> {
                    b = seed.clone();
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                default -> {
                    // Splice: a piece of one body inside another.
                    byte[] other = seeds.get(random.nextInt(seeds.size()));
                    int at = random.nextInt(seed.length + 1);
                    int from = random.nextInt(other.length);
                    int len = random.nextInt(other.length - from + 1);
                    b = new byte[seed.length + len];
                    System.arraycopy(seed, 0, b, 0, at);
                    System.arraycopy(other, from, b, at, len);
                    System.arraycopy(seed, at, b, at + len, seed.length - at);
                }
            }
            out.add(b);
        }
        return out;
    }

    static long seed() {
        String s = System.getenv("ERRCAT_JAVA_SEED");
        return s == null ? 14L : Long.parseLong(s);
    }

    static int runs(int fallback) {
        String s = System.getenv("ERRCAT_FUZZ_RUNS");
        return s == null ? fallback : Integer.parseInt(s);
    }

    @Test
    void neverThrows() {
        Random random = new Random(seed());
        int[] statuses = {0, 200, 400, 401, 403, 404, 409, 413, 415, 429, 500, 502, 503, 504, 599, -1};
        for (byte[] body : mutants(random, runs(20_000))) {
            int status = statuses[random.nextInt(statuses.length)];
            String type = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            KmsException e = KmsErrors.fromResponse(status, body, Map.of("Content-Type", List.of(type)));
            assertNotNull(e);
            assertEquals(status, e.httpStatus());
            assertNotNull(e.params());
            assertNotNull(e.fault());
            assertNotNull(e.getMessage());
        }
    }

    @Test
    void oddArgumentsStillGiveAnError() {
        assertEquals(400, KmsErrors.fromResponse(400, null, null).httpStatus());
        Map<String, List<String>> empty = new java.util.HashMap<>();
        empty.put("content-type", List.of());
        empty.put(null, null);
        assertEquals(502, KmsErrors.fromResponse(502, new byte[] {1, 2, 3}, empty).httpStatus());
    }
}
