package dev.errcat.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** `errcat serve` on a free loopback port, for the length of a test class. */
public final class Serve implements AutoCloseable {
    private final Process process;
    private final String url;

    private Serve(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Whether node is on the PATH (errcat serve runs on it). */
    public static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Starts serve with the KMS catalog; extra arguments (such as --scenario FILE) follow. */
    public static Serve start(String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", "bin/errcat.js", "serve", "--catalog", "catalog/kms.yaml", "--port", "0"));
        command.addAll(List.of(extra));
        Process p = new ProcessBuilder(command).directory(Fixtures.root().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith("http://127.0.0.1:")) {
            p.destroy();
            throw new IOException("errcat serve did not print its URL; it printed " + first);
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe empty
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new Serve(p, first.trim());
    }

    /** The base URL, such as http://127.0.0.1:PORT. */
    public String url() {
        return url;
    }

    /** The port it listens on. */
    public int port() {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1).replaceAll("/.*$", ""));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
