package dev.errcat.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.errcat.kms.v1.errors.ErrorCode;
import dev.errcat.kms.v1.errors.KmsErrors;
import dev.errcat.kms.v1.errors.KmsException;
import dev.errcat.kms.v1.errors.KmsLimits;
import dev.errcat.kms.v1.errors.KmsParams;
import dev.errcat.kms.v1.errors.UnknownKmsException;
import dev.errcat.runtime.Fault;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The facade's smaller parts: messages, the enum, limits, vendor errors that are not, stack traces. */
class ApiTest {
    @Test
    void formatsAndParsesARecord() {
        KmsParams p = new KmsParams.KeyNotFoundInKeyStore("store \"a\"\n\u00e9");
        String message = KmsErrors.formatMessage(p);
        assertEquals("The Key ID or Alias does not exist in the key store \"store \"a\"\n\u00e9\".", message);
        assertEquals(Optional.of(p), KmsErrors.parseMessage("Forbidden.KeyNotFound", message));
        assertEquals(Optional.empty(), KmsErrors.parseMessage("Forbidden.KeyNotFound", "nothing like it"));
        assertEquals(Optional.empty(), KmsErrors.parseMessage("NoSuchCode", message));
        assertThrows(IllegalArgumentException.class, () -> KmsErrors.formatMessage(KmsParams.NONE));
        assertThrows(NullPointerException.class, () -> new KmsParams.InvalidApiName(null));
    }

    @Test
    void theEnumCarriesTheCatalog() {
        ErrorCode e = ErrorCode.REJECTED_DISABLED;
        assertEquals("Rejected.Disabled", e.code());
        assertEquals(409, e.httpStatus());
        assertEquals("Disabled", e.keyState());
        assertEquals(Fault.CLIENT, e.fault());
        assertEquals(Optional.of(ErrorCode.KEY_NOT_FOUND), ErrorCode.byId("key-not-found"));
        assertNull(ErrorCode.REQUEST_ENTITY_TOO_LARGE.code());
        assertTrue(ErrorCode.SERVICE_UNAVAILABLE_TEMPORARY.retryable());
        assertEquals(3_145_728, KmsLimits.MAX_REQUEST_BODY_BYTES);
    }

    @Test
    void fromVendorErrorIgnoresOtherExceptions() {
        assertEquals(Optional.empty(), KmsErrors.fromVendorError(new IllegalStateException("no", new RuntimeException())));
        assertEquals(Optional.empty(), KmsErrors.fromVendorError(null));
    }

    @Test
    void stackTracesCanBeTurnedOff() {
        Fixtures.Fixture f = Fixtures.byId("negative.unknown-code");
        KmsErrors.setStackTraces(false);
        try {
            KmsException e = KmsErrors.fromResponse(f.httpStatus(), f.body(), f.headerLists());
            assertInstanceOf(UnknownKmsException.class, e);
            assertEquals(0, e.getStackTrace().length);
        } finally {
            KmsErrors.setStackTraces(true);
        }
        assertTrue(KmsErrors.fromResponse(f.httpStatus(), f.body(), f.headerLists()).getStackTrace().length > 0);
    }
}
