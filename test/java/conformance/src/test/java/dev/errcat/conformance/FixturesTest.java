package dev.errcat.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.errcat.kms.v1.errors.KmsErrors;
import dev.errcat.kms.v1.errors.KmsException;
import dev.errcat.kms.v1.errors.KmsParams;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every fixture through KmsErrors.fromResponse, compared with its expectation. */
class FixturesTest {
    @Test
    void hasAFixturePerEntryAndTheOddResponses() {
        assertTrue(Fixtures.all().size() > 60, "fixtures: " + Fixtures.all().size());
    }

    @TestFactory
    Stream<DynamicTest> everyFixture() {
        return Fixtures.all().stream().map(f -> DynamicTest.dynamicTest(f.id(), () -> {
            KmsException e = KmsErrors.fromResponse(f.httpStatus(), f.body(), f.headerLists());
            Conclusion.check(e, f.expect(), f.id());
        }));
    }

    @TestFactory
    Stream<DynamicTest> positiveMessagesParseAndFormatBack() {
        return Fixtures.all().stream().filter(f -> f.kind().equals("positive") && f.code() != null).map(f -> DynamicTest.dynamicTest(f.id(), () -> {
            Optional<KmsParams> parsed = KmsErrors.parseMessage(f.code(), f.message());
            assertTrue(parsed.isPresent(), "parseMessage finds the entry");
            assertEquals(f.expect().id(), parsed.get().entry().id());
            assertEquals(f.expect().params(), parsed.get().asMap());
            assertEquals(f.message(), KmsErrors.formatMessage(parsed.get()));
        }));
    }
}
