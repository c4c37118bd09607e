package dev.errcat.runtime;

/** The body of an error response is not a valid wire {@code Error} message. */
public final class WireDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The byte offset in the body where the problem is. */
    private final int offset;

    /**
     * Makes the exception.
     *
     * @param problem what is wrong, in a few words
     * @param offset the byte offset in the body where the problem is
     */
    public WireDecodeException(String problem, int offset) {
        super("cannot decode the error body: " + problem + " (at byte " + offset + ")", null, false, false);
        this.offset = offset;
    }

    /**
     * The byte offset in the body where the problem is.
     *
     * @return the offset, from 0
     */
    public int offset() {
        return offset;
    }
}
