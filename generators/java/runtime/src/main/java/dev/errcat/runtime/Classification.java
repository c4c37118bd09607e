package dev.errcat.runtime;

/**
 * What {@link CatalogTable} concluded about one error response: the kind of answer, the catalog
 * type and entry found (by index), and the fields the response carried.
 */
public final class Classification {
    /** How a response was classified. */
    public enum Kind {
        /** The body has a code the catalog knows. */
        CODE,
        /** No code was sent, and the HTTP status names the one entry that has it. */
        CODELESS,
        /** A code the catalog does not know, or nothing to classify by. */
        UNKNOWN,
        /** A non-empty body that is not the error message, and no status to classify by. */
        UNDECODABLE
    }

    private final Kind kind;
    private final int type;
    private final int entry;
    private final int httpStatus;
    private final String code;
    private final String errorMessage;
    private final String requestId;
    private final Integer statusCode;
    private final byte[] body;
    private final Throwable cause;
    private final boolean retryable;
    private final Fault fault;
    private final String keyState;
    private final String description;

    Classification(Kind kind, int type, int entry, int httpStatus, String code, String errorMessage, String requestId,
            Integer statusCode, byte[] body, Throwable cause, boolean retryable, Fault fault, String keyState, String description) {
        this.kind = kind;
        this.type = type;
        this.entry = entry;
        this.httpStatus = httpStatus;
        this.code = code;
        this.errorMessage = errorMessage;
        this.requestId = requestId;
        this.statusCode = statusCode;
        this.body = body;
        this.cause = cause;
        this.retryable = retryable;
        this.fault = fault;
        this.keyState = keyState;
        this.description = description;
    }

    /**
     * How the response was classified.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The catalog type found, as an index into the table's types.
     *
     * @return the type's index, or -1 for an unknown or undecodable response
     */
    public int type() {
        return type;
    }

    /**
     * The catalog entry found, as an index into the table's entries.
     *
     * @return the entry's index, or -1 when none matched
     */
    public int entry() {
        return entry;
    }

    /**
     * The HTTP status of the response.
     *
     * @return the status
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The code the body sent.
     *
     * @return the code, or null when it sent none
     */
    public String code() {
        return code;
    }

    /**
     * The server's message, as sent.
     *
     * @return the message; "" when there was none
     */
    public String errorMessage() {
        return errorMessage;
    }

    /**
     * The request id the body sent.
     *
     * @return the id, or null when it sent none
     */
    public String requestId() {
        return requestId;
    }

    /**
     * The status code the body sent, which may disagree with the HTTP status.
     *
     * @return the body's status code, or null when it sent none
     */
    public Integer statusCode() {
        return statusCode;
    }

    /**
     * The raw body, kept when it was not an error message. The array is shared, not copied.
     *
     * @return the body, or null
     */
    public byte[] body() {
        return body;
    }

    /**
     * Why the body could not be read.
     *
     * @return the decoding problem, or null
     */
    public Throwable cause() {
        return cause;
    }

    /**
     * Whether repeating the request can succeed.
     *
     * @return true when the error is transient
     */
    public boolean retryable() {
        return retryable;
    }

    /**
     * Whose mistake the error is.
     *
     * @return the fault
     */
    public Fault fault() {
        return fault;
    }

    /**
     * The key state the error implies.
     *
     * @return the state, or null for none
     */
    public String keyState() {
        return keyState;
    }

    /**
     * A one-line description for the exception's message: the server's message, else the entry's
     * meaning, else the code, else the HTTP status.
     *
     * @return the description
     */
    public String description() {
        return description;
    }
}
