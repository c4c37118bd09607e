package dev.errcat.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessagePatternTest {
    private static MessagePattern pattern(String... partsThenNames) {
        int parts = (partsThenNames.length + 1) / 2;
        return new MessagePattern(List.of(partsThenNames).subList(0, parts), List.of(partsThenNames).subList(parts, partsThenNames.length));
    }

    @Test
    void literalMessagesFitOnlyThemselves() {
        MessagePattern p = pattern("Internal Failure.");
        assertTrue(p.fits("Internal Failure."));
        assertFalse(p.fits("Internal Failure"));
        assertArrayEquals(new String[0], p.extract("Internal Failure."));
        assertNull(p.extract("x"));
    }

    @Test
    void onePlaceholderTakesEverythingBetweenHeadAndTail() {
        MessagePattern p = pattern("The ApiName \"", "\" is invalid.", "apiName");
        assertArrayEquals(new String[] {"he said \"no\"\nand \"\" is invalid."}, p.extract("The ApiName \"he said \"no\"\nand \"\" is invalid.\" is invalid."));
        assertArrayEquals(new String[] {""}, p.extract("The ApiName \"\" is invalid."));
        // Head and tail may not overlap.
        assertFalse(p.fits("The ApiName \" is invalid."));
    }

    @Test
    void severalPlaceholdersAreGreedyLeftToRight() {
        MessagePattern p = pattern("a ", " b ", " c", "x", "y");
        assertArrayEquals(new String[] {"1 b 2", "3"}, p.extract("a 1 b 2 b 3 c"));
        assertNull(p.extract("a 1 c"));
    }

    @Test
    void agreesWithAGreedyRegexOnRandomMessages() {
        Random random = new Random(14);
        String alphabet = "ab \"\n";
        MessagePattern p = pattern("a", "b", "a", "x", "y");
        Pattern regex = Pattern.compile("a([\\s\\S]*)b([\\s\\S]*)a");
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(9);
            for (int i = 0; i < length; i++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            Matcher m = regex.matcher(s);
            String[] values = p.extract(s.toString());
            if (m.matches()) assertArrayEquals(new String[] {m.group(1), m.group(2)}, values, s.toString());
            else assertNull(values, s.toString());
            assertEquals(m.matches(), p.fits(s.toString()), s.toString());
        }
    }

    @Test
    void formatFillsThePlaceholders() {
        MessagePattern p = pattern("Content-Type \"", "\" is unsupported.", "type");
        assertEquals("Content-Type \"text/html\" is unsupported.", p.format(List.of("text/html")));
        assertThrows(IllegalArgumentException.class, () -> p.format(List.of()));
    }

    @Test
    void anEntryWithoutAMessageFitsNothing() {
        MessagePattern p = new MessagePattern(List.of(), List.of());
        assertFalse(p.hasMessage());
        assertFalse(p.fits(""));
        assertEquals("", p.format(List.of()));
    }

    @Test
    void adjacentPlaceholdersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> pattern("a", "", "b", "x", "y"));
    }
}
