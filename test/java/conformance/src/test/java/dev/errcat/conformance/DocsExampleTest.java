package dev.errcat.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example of ERRORS.md compiles (-Xlint:all -Werror) against the module and handles a served error. */
class DocsExampleTest {
    static String example() throws Exception {
        String page = Files.readString(Fixtures.root().resolve("out/kms/ERRORS.md"), StandardCharsets.UTF_8);
        int section = page.indexOf("Handling these errors in Java");
        assertTrue(section >= 0, "ERRORS.md has the section \"Handling these errors in Java\"");
        Matcher m = Pattern.compile("(`{3,})java\\n(.*?)\\n\\1", Pattern.DOTALL).matcher(page);
        assertTrue(m.find(section), "the section has a java code block");
        return m.group(2);
    }

    @Test
    void compilesAndRuns(@TempDir Path dir) throws Exception {
        String source = example();
        Matcher name = Pattern.compile("public final class (\\w+)").matcher(source);
        assertTrue(name.find());
        Path file = dir.resolve(name.group(1) + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-Xlint:all", "-Werror", "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), file.toString());
        assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8));

        // A server that answers every request with the fixture of the entry whose values the example prints.
        Matcher printed = Pattern.compile("System\\.out\\.println\\(\"([a-z0-9-]+): \" \\+ p\\.").matcher(source);
        assertTrue(printed.find(), "the example prints an entry's values");
        Fixtures.Fixture f = Fixtures.byId(printed.group(1));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("content-type", f.headers().get("content-type"));
            exchange.sendResponseHeaders(f.httpStatus(), f.body().length);
            exchange.getResponseBody().write(f.body());
            exchange.close();
        });
        server.start();
        PrintStream out = System.out;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
            Method main = loader.loadClass(name.group(1)).getMethod("main", String[].class);
            main.invoke(null, (Object) new String[] {"http://127.0.0.1:" + server.getAddress().getPort() + "/"});
        } finally {
            System.setOut(out);
            server.stop(0);
        }
        String firstValue = f.expect().params().values().iterator().next();
        assertEquals(List.of(f.id() + ": " + firstValue), List.of(output.toString(StandardCharsets.UTF_8).strip()));
    }
}
