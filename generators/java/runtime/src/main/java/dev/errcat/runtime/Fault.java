package dev.errcat.runtime;

/** Whose mistake an error is. */
public enum Fault {
    /** The request is wrong: fix it before trying again. */
    CLIENT,
    /** The server failed. */
    SERVER;

    /**
     * The fault as the catalog and the fixtures spell it.
     *
     * @return {@code "client"} or {@code "server"}
     */
    @Override
    public String toString() {
        return this == CLIENT ? "client" : "server";
    }
}
