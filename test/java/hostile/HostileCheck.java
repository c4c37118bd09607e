import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads back what a generated hostile module holds, by reflection: for each line "package facade code
 * messageHex" of the file in args[0], prints the enum's text of every entry, then the entry and
 * params parseMessage finds and the message formatMessage makes from them. Text is printed as the
 * hex of its UTF-8 bytes, so the test compares it exactly.
 */
public final class HostileCheck {
    private static final HexFormat HEX = HexFormat.of();

    private static String hex(Object s) {
        return s == null ? "-" : HEX.formatHex(((String) s).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Prints what the modules named in the input file hold.
     *
     * @param args the input file
     * @throws Exception when the file cannot be read or a module lacks what it should have
     */
    public static void main(String[] args) throws Exception {
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            String[] f = line.split(" ", -1);
            if (f[0].equals("enum")) {
                Class<?> e = Class.forName(f[1] + ".ErrorCode");
                for (Object c : e.getEnumConstants()) {
                    StringBuilder out = new StringBuilder("entry");
                    for (String m : new String[] {"id", "code", "messagePattern", "meaning", "fix", "keyState"}) out.append(' ').append(hex(e.getMethod(m).invoke(c)));
                    System.out.println(out);
                }
                continue;
            }
            Class<?> facade = Class.forName(f[1] + "." + f[2]);
            String message = new String(HEX.parseHex(f[4]), StandardCharsets.UTF_8);
            Optional<?> parsed = (Optional<?>) facade.getMethod("parseMessage", String.class, String.class).invoke(null, new String(HEX.parseHex(f[3]), StandardCharsets.UTF_8), message);
            if (parsed.isEmpty()) {
                System.out.println("parsed -");
                continue;
            }
            Object params = parsed.get();
            Method entry = params.getClass().getMethod("entry");
            entry.setAccessible(true);
            Method asMap = params.getClass().getMethod("asMap");
            asMap.setAccessible(true);
            Object id = entry.invoke(params);
            StringBuilder out = new StringBuilder("parsed ").append(hex(id.getClass().getMethod("id").invoke(id)));
            for (Map.Entry<?, ?> v : new TreeMap<>((Map<?, ?>) asMap.invoke(params)).entrySet()) out.append(' ').append(v.getKey()).append('=').append(hex(v.getValue()));
            Method format = null;
            for (Method m : facade.getMethods()) if (m.getName().equals("formatMessage")) format = m;
            out.append(" formatted=").append(hex(format.invoke(null, params)));
            System.out.println(out);
        }
        System.out.flush();
        if (List.of(args).contains("--fail")) System.exit(1);
    }
}
