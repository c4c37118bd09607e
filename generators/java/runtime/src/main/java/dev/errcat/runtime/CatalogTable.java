package dev.errcat.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog as classification needs it: entries with their traits and message patterns, and the
 * codes with their entries in match order. Generated code builds one per service; this class knows
 * no service.
 */
public final class CatalogTable {
    /**
     * One catalog entry.
     *
     * @param type the index of the entry's type (its code's type, or its own when it has no code)
     * @param code the code the server sends, or null for a codeless entry
     * @param httpStatus the HTTP status it answers with
     * @param retryable whether repeating the request can succeed
     * @param fault whose mistake it is
     * @param keyState the key state it implies, or null
     * @param meaning what it means, in one sentence
     * @param pattern its message pattern
     */
    public record Entry(int type, String code, int httpStatus, boolean retryable, Fault fault, String keyState, String meaning,
            MessagePattern pattern) {}

    /**
     * One code and its entries.
     *
     * @param code the code as the server sends it
     * @param type the index of the code's type
     * @param matchOrder the indexes of its entries, in the order a message is matched against them
     */
    public record Group(String code, int type, List<Integer> matchOrder) {}

    /** The traits of a type whose entries disagree, or of no type. */
    private static final int MIXED = -1;

    private final Entry[] entries;
    private final Map<String, int[]> groups;
    private final Map<String, Integer> types;
    private final Map<Integer, Integer> byStatus;
    /** Per type: an entry whose traits all the type's entries share, or MIXED. */
    private final int[] traitsOf;
    private final ErrorBodyDecoder decoder;

    /**
     * Builds the table.
     *
     * @param entries every entry, in catalog order
     * @param groups every code, with its entries in match order
     * @param typeCount how many types the entries use (indexes 0 to typeCount - 1)
     * @param decoder the decoder of the service's error body
     */
    public CatalogTable(List<Entry> entries, List<Group> groups, int typeCount, ErrorBodyDecoder decoder) {
        this.entries = entries.toArray(new Entry[0]);
        this.decoder = decoder;
        this.groups = new HashMap<>();
        this.types = new HashMap<>();
        for (Group g : groups) {
            int[] order = new int[g.matchOrder().size()];
            for (int i = 0; i < order.length; i++) order[i] = g.matchOrder().get(i);
            this.groups.put(g.code(), order);
            this.types.put(g.code(), g.type());
        }
        this.byStatus = new HashMap<>();
        this.traitsOf = new int[typeCount];
        java.util.Arrays.fill(traitsOf, -2);
        for (int i = 0; i < this.entries.length; i++) {
            Entry e = this.entries[i];
            byStatus.merge(e.httpStatus(), i, (a, b) -> MIXED);
            int t = e.type();
            if (traitsOf[t] == -2) traitsOf[t] = i;
            else if (traitsOf[t] >= 0 && !sameTraits(this.entries[traitsOf[t]], e)) traitsOf[t] = MIXED;
        }
    }

    private static boolean sameTraits(Entry a, Entry b) {
        return a.retryable() == b.retryable() && a.fault() == b.fault() && java.util.Objects.equals(a.keyState(), b.keyState());
    }

    /**
     * An entry by index.
     *
     * @param index the entry's index, in catalog order
     * @return the entry
     */
    public Entry entry(int index) {
        return entries[index];
    }

    /**
     * Finds the entry of a code and message.
     *
     * @param code the code as sent
     * @param message the message as sent
     * @return the entry's index, or -1 when the catalog has no such pair
     */
    public int match(String code, String message) {
        int[] order = code == null ? null : groups.get(code);
        return order == null || message == null ? -1 : firstFit(order, message);
    }

    private int firstFit(int[] order, String message) {
        for (int i : order) if (entries[i].pattern().fits(message)) return i;
        return -1;
    }

    /**
     * Classifies an HTTP error response. Never throws.
     *
     * @param httpStatus the HTTP status
     * @param body the body (null for none)
     * @param contentType the content-type header, or null
     * @return the conclusion
     */
    public Classification classify(int httpStatus, byte[] body, String contentType) {
        byte[] b = body == null ? new byte[0] : body;
        ErrorBody fields = null;
        Throwable cause = null;
        if (b.length > 0) {
            if (contentType != null && isText(contentType)) {
                cause = new WireDecodeException("the body is " + contentType + ", not protobuf", 0);
            } else {
                try {
                    fields = decoder.decode(b);
                } catch (WireDecodeException e) {
                    cause = e;
                }
            }
        }
        if (fields == null) return conclude(httpStatus, null, "", null, null, b.length > 0 ? b : null, cause);
        String code = fields.errorCode().isEmpty() ? null : fields.errorCode();
        String requestId = fields.requestId().isEmpty() ? null : fields.requestId();
        Integer statusCode = fields.statusCode() == 0 ? null : fields.statusCode();
        boolean empty = code == null && fields.errorMessage().isEmpty() && requestId == null && statusCode == null;
        return conclude(httpStatus, code, fields.errorMessage(), requestId, statusCode, empty ? b : null, null);
    }

    /**
     * Classifies an error from fields another client already read (a vendor SDK's exception, say).
     *
     * @param httpStatus the HTTP status
     * @param code the code ("" or null for none)
     * @param message the message (null for none)
     * @param requestId the request id ("" or null for none)
     * @return the conclusion
     */
    public Classification classify(int httpStatus, String code, String message, String requestId) {
        return classify(httpStatus, code, message, requestId, null);
    }

    /**
     * Classifies an error from fields another client already read, keeping that client's exception.
     *
     * @param httpStatus the HTTP status
     * @param code the code ("" or null for none)
     * @param message the message (null for none)
     * @param requestId the request id ("" or null for none)
     * @param cause what the other client threw, or null
     * @return the conclusion
     */
    public Classification classify(int httpStatus, String code, String message, String requestId, Throwable cause) {
        return conclude(httpStatus, code == null || code.isEmpty() ? null : code, message == null ? "" : message,
                requestId == null || requestId.isEmpty() ? null : requestId, null, null, cause);
    }

    /**
     * The conclusion when classifying a response failed unexpectedly: unknown, with the failure as its cause.
     *
     * @param httpStatus the HTTP status, or 0 when even that could not be read
     * @param cause the failure
     * @return an unknown classification
     */
    public Classification failed(int httpStatus, Throwable cause) {
        return conclude(httpStatus, null, "", null, null, null, cause, false);
    }

    private Classification conclude(int httpStatus, String code, String message, String requestId, Integer statusCode, byte[] kept,
            Throwable cause) {
        return conclude(httpStatus, code, message, requestId, statusCode, kept, cause, true);
    }

    private Classification conclude(int httpStatus, String code, String message, String requestId, Integer statusCode, byte[] kept,
            Throwable cause, boolean byStatusAllowed) {
        Classification.Kind kind;
        int type = -1;
        int entry = -1;
        if (code != null) {
            int[] order = groups.get(code);
            if (order != null) {
                kind = Classification.Kind.CODE;
                type = types.get(code);
                entry = firstFit(order, message);
            } else {
                kind = Classification.Kind.UNKNOWN;
            }
        } else {
            // No code: the HTTP status names the entry when exactly one has it.
            Integer only = byStatusAllowed ? byStatus.get(httpStatus) : null;
            if (only != null && only >= 0) {
                Entry e = entries[only];
                kind = Classification.Kind.CODELESS;
                type = e.type();
                MessagePattern p = e.pattern();
                if (!p.hasMessage() || (message.isEmpty() ? p.placeholderCount() == 0 : p.fits(message))) entry = only;
            } else {
                kind = kept != null ? Classification.Kind.UNDECODABLE : Classification.Kind.UNKNOWN;
            }
        }
        Entry traits = entry >= 0 ? entries[entry] : type >= 0 && traitsOf[type] >= 0 ? entries[traitsOf[type]] : null;
        boolean retryable;
        Fault fault;
        String keyState;
        if (traits != null) {
            retryable = traits.retryable();
            fault = traits.fault();
            keyState = traits.keyState();
        } else {
            // Unclassified: the statuses HTTP clients commonly treat as transient are retryable.
            retryable = httpStatus == 429 || httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
            fault = httpStatus >= 500 ? Fault.SERVER : Fault.CLIENT;
            keyState = null;
        }
        String description = !message.isEmpty() ? message
                : entry >= 0 ? entries[entry].meaning()
                : code != null ? code
                : "HTTP " + httpStatus;
        return new Classification(kind, type, entry, httpStatus, code, message, requestId, statusCode, kept, cause, retryable, fault,
                keyState, description);
    }

    /** Whether a content type is text (an HTML page from a proxy, say), which is never decoded as protobuf. */
    private static boolean isText(String contentType) {
        int i = 0;
        while (i < contentType.length() && (Character.isWhitespace(contentType.charAt(i)) || Character.isSpaceChar(contentType.charAt(i))
                || contentType.charAt(i) == '\ufeff')) {
            i++;
        }
        return contentType.regionMatches(true, i, "text/", 0, 5);
    }
}
