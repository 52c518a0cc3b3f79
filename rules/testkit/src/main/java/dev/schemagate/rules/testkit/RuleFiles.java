package dev.schemagate.rules.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The three files of each rule in a source tree: {@code <category>/<name>.drl} (with the rule's metadata),
 * {@code <name>.md} (prose) and {@code <name>.cases.yml} (failing and passing migrations), side by side.
 */
public final class RuleFiles {
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"(?:\\s*\\R\\s*@id\\(\"([^\"]+)\"\\))?");

    public final String id;
    public final Path drl;
    public final Path md;
    public final Path cases;

    RuleFiles(String id, Path drl, Path md, Path cases) {
        this.id = id;
        this.drl = drl;
        this.md = md;
        this.cases = cases;
    }

    /** Every rule declared in the DRL files under {@code root}, sorted by path. */
    public static List<RuleFiles> scan(Path root) {
        List<RuleFiles> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path drl : s.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                String text = Files.readString(drl, StandardCharsets.UTF_8);
                Matcher m = RULE.matcher(text);
                String base = drl.getFileName().toString().replaceFirst("\\.drl$", "");
                List<String> seen = new ArrayList<>();
                while (m.find()) {
                    String id = m.group(2) != null ? m.group(2) : m.group(1);
                    if (!seen.contains(id)) {
                        seen.add(id);
                        out.add(new RuleFiles(id, drl, drl.resolveSibling(base + ".md"),
                                drl.resolveSibling(base + ".cases.yml")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Every cases file under {@code root}. */
    public static List<Path> cases(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".cases.yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
