package dev.errcat.runtime;

/**
 * An error returned by a service whose errors a catalog describes, or a response that was not one.
 * A service's generated base exception extends this class and seals its own hierarchy; this class
 * holds what every service's errors have in common.
 */
public abstract class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String[] NO_VALUES = new String[0];

    private final Classification.Kind kind;
    private final int entry;
    private final int httpStatus;
    private final String code;
    private final String errorMessage;
    private final String requestId;
    private final Integer statusCode;
    private final byte[] body;
    private final boolean retryable;
    private final Fault fault;
    private final String keyState;
    /** The placeholder values, once read. */
    private transient String[] values;

    /**
     * Makes the exception from what a table concluded.
     *
     * @param c the classification of the response
     * @param stackTrace whether to capture a stack trace (capturing costs more than classifying)
     */
    protected CatalogException(Classification c, boolean stackTrace) {
        super(c.description(), c.cause(), true, stackTrace);
        this.kind = c.kind();
        this.entry = c.entry();
        this.httpStatus = c.httpStatus();
        this.code = c.code();
        this.errorMessage = c.errorMessage();
        this.requestId = c.requestId();
        this.statusCode = c.statusCode();
        this.body = c.body();
        this.retryable = c.retryable();
        this.fault = c.fault();
        this.keyState = c.keyState();
    }

    /**
     * The table the service's errors were classified with.
     *
     * @return the generated service's table
     */
    protected abstract CatalogTable table();

    /**
     * How the response was classified.
     *
     * @return the kind
     */
    public final Classification.Kind kind() {
        return kind;
    }

    /**
     * The HTTP status of the response (it wins over the body's status code).
     *
     * @return the status
     */
    public final int httpStatus() {
        return httpStatus;
    }

    /**
     * The code the body sent.
     *
     * @return the code, or null when it sent none
     */
    public final String code() {
        return code;
    }

    /**
     * The server's message, as sent.
     *
     * @return the message; "" when there was none
     */
    public final String errorMessage() {
        return errorMessage;
    }

    /**
     * The request id the body sent, for the vendor's support.
     *
     * @return the id, or null when it sent none
     */
    public final String requestId() {
        return requestId;
    }

    /**
     * The status code the body sent; the HTTP status wins when they disagree.
     *
     * @return the body's status code, or null when it sent none
     */
    public final Integer statusCode() {
        return statusCode;
    }

    /**
     * Whether repeating the same request can succeed.
     *
     * @return true when the error is transient
     */
    public final boolean retryable() {
        return retryable;
    }

    /**
     * Whose mistake the error is.
     *
     * @return the fault
     */
    public final Fault fault() {
        return fault;
    }

    /**
     * The key state the error implies.
     *
     * @return the state, or null for none
     */
    public final String keyState() {
        return keyState;
    }

    /**
     * The index of the catalog entry found.
     *
     * @return the entry's index, or -1 when none matched
     */
    protected final int entryIndex() {
        return entry;
    }

    /**
     * The raw body, kept when it was not an error message.
     *
     * @return a copy of the body, or null
     */
    protected final byte[] rawBody() {
        return body == null ? null : body.clone();
    }

    /**
     * The placeholder values of the message, parsed on first use.
     *
     * @return the values in placeholder order; empty when no entry matched
     */
    protected final String[] placeholderValues() {
        String[] v = values;
        if (v == null) {
            v = entry < 0 ? null : table().entry(entry).pattern().extract(errorMessage);
            if (v == null) v = NO_VALUES;
            values = v;
        }
        return v;
    }
}
