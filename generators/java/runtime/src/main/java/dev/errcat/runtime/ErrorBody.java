package dev.errcat.runtime;

/**
 * The fields of a wire {@code Error} message that classification reads; a field the body did not
 * carry holds its protobuf default ({@code 0} or {@code ""}).
 *
 * @param statusCode the {@code StatusCode} field
 * @param errorCode the {@code ErrorCode} field
 * @param errorMessage the {@code ErrorMessage} field
 * @param requestId the {@code RequestId} field
 */
public record ErrorBody(int statusCode, String errorCode, String errorMessage, String requestId) {
    /**
     * Checks that no field is null.
     *
     * @param statusCode the {@code StatusCode} field
     * @param errorCode the {@code ErrorCode} field
     * @param errorMessage the {@code ErrorMessage} field
     * @param requestId the {@code RequestId} field
     */
    public ErrorBody {
        if (errorCode == null || errorMessage == null || requestId == null) {
            throw new IllegalArgumentException("ErrorBody fields are never null; an absent field is \"\"");
        }
    }
}
