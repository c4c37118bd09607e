import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches a batch with java.util.regex. Each input line: base64(regex) TAB base64(input) TAB group
 * names joined by commas (UTF-8 under the base64). Each output line: "-" when there is no match, or
 * "+" followed by TAB base64(value) per named group, in the order given.
 */
public final class RegexBatch {
  public static void main(String[] args) throws Exception {
    Base64.Decoder decoder = Base64.getDecoder();
    Base64.Encoder encoder = Base64.getEncoder();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) continue;
      String[] parts = line.split("\t", -1);
      Pattern pattern = Pattern.compile(new String(decoder.decode(parts[0]), StandardCharsets.UTF_8));
      Matcher matcher = pattern.matcher(new String(decoder.decode(parts[1]), StandardCharsets.UTF_8));
      if (!matcher.find()) {
        out.append("-\n");
        continue;
      }
      out.append('+');
      if (!parts[2].isEmpty()) {
        for (String name : parts[2].split(",")) {
          out.append('\t').append(encoder.encodeToString(matcher.group(name).getBytes(StandardCharsets.UTF_8)));
        }
      }
      out.append('\n');
    }
    System.out.print(out);
    System.out.flush();
  }
}
