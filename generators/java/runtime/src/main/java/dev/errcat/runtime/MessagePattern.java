package dev.errcat.runtime;

import java.util.List;

/**
 * A message pattern of the catalog: literal parts with a placeholder between each two. A message
 * fits when it is the parts with any text (newlines included) in place of each placeholder; when it
 * could be split several ways, each placeholder takes as much as it can, left to right, as a regex
 * with greedy groups would.
 */
public final class MessagePattern {
    private static final String[] NONE = new String[0];

    private final String[] parts;
    private final String[] names;
    private final String head;
    private final String tail;
    /** The length of the literal text: no shorter message fits. */
    private final int min;

    /**
     * A pattern from its parts and placeholder names.
     *
     * @param parts the literal text around the placeholders, one more than the names; empty for an
     *     entry without a message
     * @param names the placeholder names, in message order
     */
    public MessagePattern(List<String> parts, List<String> names) {
        if (parts.isEmpty() ? !names.isEmpty() : parts.size() != names.size() + 1) {
            throw new IllegalArgumentException("a pattern has one more part than placeholders (or neither)");
        }
        this.parts = parts.toArray(NONE);
        this.names = names.toArray(NONE);
        for (int k = 1; k < this.parts.length - 1; k++) {
            if (this.parts[k].isEmpty()) throw new IllegalArgumentException("two placeholders are adjacent");
        }
        this.head = this.parts.length == 0 ? "" : this.parts[0];
        this.tail = this.parts.length > 1 ? this.parts[this.parts.length - 1] : "";
        int length = 0;
        for (String p : this.parts) length += p.length();
        this.min = length;
    }

    /**
     * Whether the entry has a message at all.
     *
     * @return false for an entry that has none (such as a status without an error code)
     */
    public boolean hasMessage() {
        return parts.length > 0;
    }

    /**
     * The number of placeholders.
     *
     * @return how many values a fitting message carries
     */
    public int placeholderCount() {
        return names.length;
    }

    /**
     * A placeholder's name.
     *
     * @param index the placeholder's position in the message, from 0
     * @return its name
     */
    public String name(int index) {
        return names[index];
    }

    /**
     * Whether a message fits this pattern.
     *
     * @param message the message as sent
     * @return true when it is this pattern with some text for each placeholder
     */
    public boolean fits(String message) {
        if (parts.length == 0) return false;
        if (parts.length == 1) return message.equals(head);
        if (message.length() < min || !message.startsWith(head) || !message.endsWith(tail)) return false;
        return parts.length == 2 || walk(message, 1, head.length(), message.length() - tail.length(), new String[names.length]);
    }

    /**
     * The placeholder values of a message.
     *
     * @param message the message as sent
     * @return the values in placeholder order (empty when the pattern has none), or null when the
     *     message does not fit
     */
    public String[] extract(String message) {
        if (parts.length == 0) return null;
        if (parts.length == 1) return message.equals(head) ? NONE : null;
        if (message.length() < min || !message.startsWith(head) || !message.endsWith(tail)) return null;
        int end = message.length() - tail.length();
        if (parts.length == 2) return new String[] {message.substring(head.length(), end)};
        String[] values = new String[names.length];
        return walk(message, 1, head.length(), end, values) ? values : null;
    }

    /**
     * The message with these values in place of the placeholders.
     *
     * @param values one value per placeholder, in message order
     * @return the message as the server would send it ("" for an entry without a message)
     */
    public String format(List<String> values) {
        if (values.size() != names.length) {
            throw new IllegalArgumentException("the pattern has " + names.length + " placeholders, not " + values.size());
        }
        StringBuilder s = new StringBuilder(head);
        for (int i = 0; i < names.length; i++) {
            String v = values.get(i);
            if (v == null) throw new IllegalArgumentException("the value of " + names[i] + " is null");
            s.append(v).append(parts[i + 1]);
        }
        return s.toString();
    }

    /** Places the literal part k at its last fitting position in [from, end), then the next ones. */
    private boolean walk(String m, int k, int from, int end, String[] values) {
        if (k == parts.length - 1) {
            values[k - 1] = m.substring(from, end);
            return true;
        }
        String lit = parts[k];
        for (int i = m.lastIndexOf(lit, end - lit.length()); i >= from && i + lit.length() <= end; i = m.lastIndexOf(lit, i - 1)) {
            values[k - 1] = m.substring(from, i);
            if (walk(m, k + 1, i + lit.length(), end, values)) return true;
            if (i == 0) break;
        }
        return false;
    }
}
