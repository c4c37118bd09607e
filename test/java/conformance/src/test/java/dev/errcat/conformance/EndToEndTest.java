package dev.errcat.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.errcat.kms.v1.errors.ForbiddenKeyNotFoundException;
import dev.errcat.kms.v1.errors.KmsErrors;
import dev.errcat.kms.v1.errors.KmsParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** java.net.http.HttpClient against errcat serve, for every positive fixture. */
class EndToEndTest {
    private static Serve serve;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Serve.nodeAvailable(), "node is not on the PATH: errcat serve cannot run, so the end-to-end tests are skipped");
        serve = Serve.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (serve != null) serve.close();
    }

    /** A request as the vendor's SDK sends it, with the fixture to answer. */
    static HttpResponse<byte[]> send(String fixture) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serve.url() + "/"))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/x-protobuf")
                .header("x-kms-apiversion", "dkms-gcs-0.2")
                .header("x-kms-apiname", "Encrypt")
                .header("x-kms-signaturemethod", "RSA_PKCS1_SHA_256")
                .header("x-kms-acccesskeyid", "KAAP.00000000-0000-0000-0000-000000000000")
                .header("content-sha256", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")
                .header("authorization", "Bearer dGVzdA==")
                .header("x-errcat-fixture", fixture)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @TestFactory
    Stream<DynamicTest> everyPositiveFixtureOverHttp() {
        return Fixtures.all().stream().filter(f -> f.kind().equals("positive")).map(f -> DynamicTest.dynamicTest(f.id(), () -> {
            HttpResponse<byte[]> response = send(f.id());
            assertEquals(f.httpStatus(), response.statusCode(), "status");
            assertArrayEquals(f.body(), response.body(), "the body, byte for byte");
            Conclusion.check(KmsErrors.fromResponse(response), f.expect(), f.id());
        }));
    }

    @Test
    void catchesTheTypedException() throws Exception {
        Fixtures.Fixture f = Fixtures.byId("key-not-found-in-key-store");
        HttpResponse<byte[]> response = send(f.id());
        try {
            throw KmsErrors.fromResponse(response);
        } catch (ForbiddenKeyNotFoundException e) {
            KmsParams.KeyNotFoundInKeyStore p = (KmsParams.KeyNotFoundInKeyStore) e.params();
            assertEquals(f.expect().params().get("keyStore"), p.keyStore());
            assertEquals("ERRORS.md#key-not-found-in-key-store", e.docsUrl());
        }
    }
}
