package com.example.consumer;

import dev.errcat.kms.v1.errors.ErrorCode;
import dev.errcat.kms.v1.errors.ForbiddenKeyNotFoundException;
import dev.errcat.kms.v1.errors.KmsErrors;
import dev.errcat.kms.v1.errors.KmsException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks errcat serve for a Forbidden.KeyNotFound response and catches it by its exception class. */
public final class Main {
    private Main() {
    }

    /**
     * Exits 0 only when the ForbiddenKeyNotFoundException branch catches the response.
     *
     * @param args the serve URL and the fixture to answer with
     * @throws Exception when the request itself fails
     */
    public static void main(String[] args) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(args[0] + "/"))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/x-protobuf")
                .header("x-errcat-fixture", args[1])
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            if (response.statusCode() >= 400) throw KmsErrors.fromResponse(response);
            System.out.println("no error: HTTP " + response.statusCode());
            System.exit(1);
        } catch (ForbiddenKeyNotFoundException e) {
            if (e.id() != ErrorCode.KEY_NOT_FOUND_IN_SYSTEM) {
                System.out.println("caught ForbiddenKeyNotFoundException with id " + e.id());
                System.exit(1);
            }
            System.out.println("caught ForbiddenKeyNotFoundException " + e.httpStatus() + " " + e.requestId());
        } catch (KmsException e) {
            System.out.println("caught " + e.getClass().getSimpleName() + " instead: " + e.code());
            System.exit(1);
        }
    }
}
