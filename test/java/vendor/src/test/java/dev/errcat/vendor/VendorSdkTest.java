package dev.errcat.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aliyun.dkms.gcs.openapi.models.Config;
import com.aliyun.dkms.gcs.openapi.util.models.RuntimeOptions;
import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.EncryptRequest;
import com.aliyun.tea.TeaException;
import com.aliyun.tea.TeaUnretryableException;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.errcat.conformance.Fixtures;
import dev.errcat.conformance.Serve;
import dev.errcat.kms.v1.errors.KmsErrors;
import dev.errcat.kms.v1.errors.KmsException;
import dev.errcat.kms.v1.errors.UndecodableKmsException;
import dev.errcat.kms.v1.errors.UnknownKmsException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The vendor's Java SDK (com.aliyun:alibabacloud-dkms-gcs-sdk) against errcat serve: what it throws
 * for each fixture, and that fromVendorError reaches the same conclusion as fromResponse on the bytes.
 */
class VendorSdkTest {
    private static Serve serve;
    private static Client client;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Serve.nodeAvailable(), "node is not on the PATH: errcat serve cannot run, so the vendor SDK tests are skipped");
        serve = Serve.start();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        // A throwaway key: serve does not check signatures, but the SDK signs every request.
        String privateKey = Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded());
        Config config = new Config().setProtocol("http").setEndpoint("127.0.0.1:" + serve.port())
                .setAccessKeyId("KAAP.00000000-0000-0000-0000-000000000000").setPrivateKey(privateKey)
                // tea 1.2.3 parses a null CA and fails unless SSL checks are off, even for plain HTTP.
                .setIgnoreSSL(true);
        client = new Client(config);
    }

    @AfterAll
    static void stop() {
        if (serve != null) serve.close();
    }

    /** What encrypt throws while serve answers with the fixture. */
    static Exception encrypt(String fixture) {
        EncryptRequest request = new EncryptRequest().setKeyId("key-0001").setPlaintext("hello".getBytes(StandardCharsets.UTF_8));
        request.requestHeaders = Map.of("x-errcat-fixture", fixture);
        RuntimeOptions runtime = new RuntimeOptions().setAutoretry(false).setIgnoreSSL(true);
        try {
            client.encryptWithOptions(request, runtime);
        } catch (Exception e) {
            return e;
        }
        return fail("encrypt succeeded while serve answered " + fixture);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Class, id and params: what fromVendorError must agree on with fromResponse. */
    private static Object[] identity(KmsException e) {
        return new Object[] {e.getClass(), e.id(), e.params()};
    }

    @TestFactory
    Stream<DynamicTest> everyPositiveFixture() {
        return Fixtures.all().stream().filter(f -> f.kind().equals("positive")).map(f -> DynamicTest.dynamicTest(f.id(), () -> {
            if (orEmpty(f.message()).isEmpty() && !"Rejected.Throttling".equals(f.code())) {
                // The codeless 413 has no body: see anEmptyBodyIsANullPointerException. (The SDK checks a
                // retried code before the message, so an empty message of Rejected.Throttling gets past it.)
                assertSdkFailsOnAnEmptyMessage(encrypt(f.id()));
                return;
            }
            Exception thrown = encrypt(f.id());
            TeaException tea;
            if (retriedByTheSdk(f)) {
                // Measured: for what its retry check retries, the SDK wraps the error even with autoretry off.
                TeaUnretryableException wrapped = assertInstanceOf(TeaUnretryableException.class, thrown);
                tea = assertInstanceOf(TeaException.class, wrapped.getCause());
                assertEquals(java.util.List.of(identity(KmsErrors.fromResponse(f.httpStatus(), f.body(), f.headerLists()))),
                        java.util.List.of(identity(KmsErrors.fromVendorError(wrapped).orElseThrow())));
            } else {
                tea = assertInstanceOf(TeaException.class, thrown);
            }
            assertEquals(orEmpty(f.code()), tea.getCode(), "code");
            assertEquals(orEmpty(f.message()), orEmpty(tea.getMessage()), "message");
            assertEquals(orEmpty(f.requestId()), tea.getData().get("requestId"), "requestId");
            assertEquals(f.httpStatus(), tea.getData().get("httpCode"), "httpCode");
            KmsException typed = KmsErrors.fromVendorError(tea).orElseThrow();
            KmsException raw = KmsErrors.fromResponse(f.httpStatus(), f.body(), f.headerLists());
            assertEquals(java.util.List.of(identity(raw)), java.util.List.of(identity(typed)));
            assertEquals(raw.requestId(), typed.requestId());
            assertSame(tea, typed.getCause());
            // Once retries run out the SDK wraps the error; fromVendorError unwraps it.
            KmsException unwrapped = KmsErrors.fromVendorError(new TeaUnretryableException(tea)).orElseThrow();
            assertEquals(java.util.List.of(identity(raw)), java.util.List.of(identity(unwrapped)));
        }));
    }

    /**
     * What the SDK's retry check (Client.isRetryErr in alibabacloud-dkms-gcs-openapi-util; catalog/kms.sdk.yaml)
     * retries: the code Rejected.Throttling, and any message containing "The Param Content-SHA256 is invalid.".
     */
    static boolean retriedByTheSdk(Fixtures.Fixture f) {
        return "Rejected.Throttling".equals(f.code()) || orEmpty(f.message()).contains("The Param Content-SHA256 is invalid.");
    }

    /**
     * Measured: for a body without an ErrorMessage (an empty body, the 413 without a code) the SDK builds
     * its TeaException, then its retry check calls message.contains(...) on a null message and throws a
     * NullPointerException instead: the status, code and request id are lost, so fromVendorError has
     * nothing to read.
     */
    static void assertSdkFailsOnAnEmptyMessage(Exception e) {
        NullPointerException npe = assertInstanceOf(NullPointerException.class, e);
        assertEquals("com.aliyun.dkms.gcs.openapi.util.Client", npe.getStackTrace()[0].getClassName());
        assertEquals("isRetryErr", npe.getStackTrace()[0].getMethodName());
        assertEquals(Optional.empty(), KmsErrors.fromVendorError(npe));
    }

    @Test
    void anEmptyBodyIsANullPointerException() {
        for (String id : new String[] {"negative.empty-body.400", "negative.empty-body.413", "negative.empty-body.503"}) {
            assertSdkFailsOnAnEmptyMessage(encrypt(id));
            // fromResponse on the same response still gives the typed error.
            Fixtures.Fixture f = Fixtures.byId(id);
            KmsException raw = KmsErrors.fromResponse(f.httpStatus(), f.body(), f.headerLists());
            assertEquals(f.httpStatus(), raw.httpStatus());
        }
    }

    @Test
    void anHtmlBodyEscapesAsAProtobufParseError() {
        // Measured: the SDK parses any 4xx/5xx body as protobuf whatever its content-type, and the HTML page
        // fails as InvalidProtocolBufferException, not a TeaException: no status, no code survive.
        Exception e = encrypt("negative.html-body.502");
        assertInstanceOf(InvalidProtocolBufferException.class, e);
        assertEquals(Optional.empty(), KmsErrors.fromVendorError(e));
        Fixtures.Fixture f = Fixtures.byId("negative.html-body.502");
        assertInstanceOf(UndecodableKmsException.class, KmsErrors.fromResponse(f.httpStatus(), f.body(), f.headerLists()));
    }

    @Test
    void anUnknownCodeIsATeaExceptionWithThatCode() {
        Fixtures.Fixture f = Fixtures.byId("negative.unknown-code");
        TeaException tea = assertInstanceOf(TeaException.class, encrypt(f.id()));
        assertEquals(f.code(), tea.getCode());
        assertEquals(f.message(), tea.getMessage());
        KmsException typed = KmsErrors.fromVendorError(tea).orElseThrow();
        assertInstanceOf(UnknownKmsException.class, typed);
        assertEquals(f.code(), typed.code());
        assertTrue(typed.retryable() == f.expect().retryable());
    }
}
