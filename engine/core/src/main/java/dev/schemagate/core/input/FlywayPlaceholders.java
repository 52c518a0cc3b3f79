package dev.schemagate.core.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flyway placeholders: Flyway replaces {@code ${name}} in an SQL migration with a configured value before it runs
 * it, so SchemaGate does the same before reading the file. Values come from, nearest last (the nearest wins): the
 * Flyway and Spring Boot configuration files in the migration's folder and the folders above it (up to the folder
 * holding {@code .git}), then {@code placeholders:} in {@code schemagate.yaml}. Flyway's own placeholders
 * ({@code ${flyway:defaultSchema}}, {@code ${flyway:user}}, ...) get the configured value or a stand-in, and
 * {@code ${flyway:defaultSchema}.} before a name is dropped, which names the same table on the default schema.
 * A placeholder without a value is read as its name, and said so in a warning: Flyway itself would stop on it.
 */
public final class FlywayPlaceholders {
    /** Configuration files read, in the order they are read in one folder (a later one wins). */
    static final List<String> FILES = List.of("conf/flyway.conf", "flyway.conf", "flyway.toml", "application.properties",
            "application.yaml", "application.yml");
    private static final int MAX_CONFIG_BYTES = 1 << 20;
    private static final int MAX_UP = 12;
    /** What a placeholder name is made of (Flyway's own use {@code flyway:} before the name). */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]+");

    /** Placeholder values and syntax for one migration. */
    public record Config(Map<String, String> values, String prefix, String suffix, boolean replace) {
    }

    /** A placeholder without a value, at its first place in the file (1-based). */
    public record Unresolved(String name, int line, int column) {
    }

    /** The text with placeholders replaced, and those that had no value. */
    public record Result(String text, List<Unresolved> unresolved) {
        /** A warning for the report, or null when every placeholder had a value. */
        public String warning() {
            if (unresolved.isEmpty()) {
                return null;
            }
            StringBuilder sb = new StringBuilder(unresolved.size() == 1 ? "Flyway placeholder " : "Flyway placeholders ");
            for (int i = 0; i < unresolved.size(); i++) {
                Unresolved u = unresolved.get(i);
                sb.append(i == 0 ? "" : ", ").append("${").append(u.name()).append("} (line ").append(u.line())
                        .append(':').append(u.column()).append(')');
            }
            return sb.append(unresolved.size() == 1 ? " has" : " have").append(" no value and ")
                    .append(unresolved.size() == 1 ? "is" : "are").append(" read as the bare name; give values under"
                            + " placeholders: in schemagate.yaml (or flyway.placeholders.NAME in flyway.conf)").toString();
        }
    }

    private FlywayPlaceholders() {
    }

    /**
     * The placeholder configuration for a migration file: Flyway and Spring Boot files from the folder above the
     * repository's top ({@code .git}) down to the file's folder, then {@code settings} (schemagate.yaml) on top.
     * {@code byFolder} (may be null) keeps what the files of a folder's chain say for the other migrations of one run.
     */
    public static Config forFile(Path file, Map<String, String> settings, Map<Path, Config> byFolder) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        Config files = byFolder == null ? fromFiles(folder) : byFolder.computeIfAbsent(folder, FlywayPlaceholders::fromFiles);
        if (settings == null || settings.isEmpty()) {
            return files;
        }
        Map<String, String> v = new LinkedHashMap<>(files.values());
        v.putAll(settings);
        return new Config(v, files.prefix(), files.suffix(), files.replace());
    }

    /** What the configuration files from the repository's top down to {@code folder} say, the nearest last. */
    private static Config fromFiles(Path folder) {
        List<Path> dirs = new ArrayList<>();
        for (Path dir = folder; dir != null && dirs.size() < MAX_UP; dir = dir.getParent()) {
            dirs.add(0, dir);
            if (Files.exists(dir.resolve(".git"))) {
                break;
            }
        }
        Builder b = new Builder();
        for (Path d : dirs) {
            for (String name : FILES) {
                Path p = d.resolve(name);
                if (Files.isRegularFile(p)) {
                    read(p, b);
                }
            }
        }
        return b.build();
    }

    /** Placeholder values and syntax as the configuration files are read, the later file over the earlier. */
    static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();
        private String prefix = "${";
        private String suffix = "}";
        private boolean replace = true;

        void placeholder(String name, String value) {
            if (!name.isEmpty()) {
                values.put(name, value);
            }
        }

        /** One Flyway setting, its name after {@code flyway.} in any spelling ({@code placeholder-prefix}). */
        void setting(String name, String value) {
            switch (name.replace("-", "").toLowerCase(Locale.ROOT)) {
                case "placeholderprefix": prefix = value.isEmpty() ? prefix : value; break;
                case "placeholdersuffix": suffix = value.isEmpty() ? suffix : value; break;
                case "placeholderreplacement": replace = !value.equalsIgnoreCase("false"); break;
                case "defaultschema": values.put("flyway:defaultSchema", value); break;
                case "schemas": values.putIfAbsent("flyway:defaultSchema", value.split(",")[0].trim()); break;
                case "user": values.put("flyway:user", value); break;
                case "table": values.put("flyway:table", value); break;
                default: break;
            }
        }

        Config build() {
            return new Config(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values)), prefix, suffix, replace);
        }
    }

    /** Adds what one configuration file says to {@code b}; a file that cannot be read adds nothing. */
    static void read(Path p, Builder b) {
        String text;
        try {
            if (Files.size(p) > MAX_CONFIG_BYTES) {
                return;
            }
            text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return;
        }
        String name = p.getFileName().toString();
        if (name.endsWith(".toml")) {
            toml(text, b);
        } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            springYaml(text, b);
        } else {
            properties(text, b, name.startsWith("application") ? "spring.flyway." : "flyway.");
        }
    }

    /** {@code flyway.conf} ({@code flyway.placeholders.NAME=value}) or Spring's {@code spring.flyway.placeholders.NAME}. */
    static void properties(String text, Builder b, String prefix) {
        java.util.Properties props = new java.util.Properties();
        try {
            props.load(new java.io.StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return;
        }
        List<String> keys = new ArrayList<>(props.stringPropertyNames());
        java.util.Collections.sort(keys);
        for (String k : keys) {
            if (k.startsWith(prefix + "placeholders.")) {
                b.placeholder(k.substring((prefix + "placeholders.").length()), props.getProperty(k).trim());
            } else if (k.startsWith(prefix)) {
                b.setting(k.substring(prefix.length()), props.getProperty(k).trim());
            }
        }
    }

    /**
     * {@code flyway.toml}: the {@code [flyway.placeholders]} table and the {@code [flyway]} keys that shape
     * placeholders. Only the simple {@code key = "value"} lines Flyway's own examples use are read.
     */
    static void toml(String text, Builder b) {
        String table = "";
        for (String raw : text.split("\r\n|\r|\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                int end = line.indexOf(']');
                table = end > 0 ? line.substring(1, end).replace("[", "").trim() : "";
                continue;
            }
            int eq = line.indexOf('=');
            String val = eq <= 0 ? null : tomlValue(line.substring(eq + 1).trim());
            if (val == null) {
                continue;
            }
            String key = unquote(line.substring(0, eq).trim());
            String full = table.isEmpty() ? key : table + "." + key;
            if (full.startsWith("flyway.placeholders.")) {
                b.placeholder(full.substring("flyway.placeholders.".length()), val);
            } else if (full.startsWith("flyway.")) {
                b.setting(full.substring("flyway.".length()), val);
            }
        }
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** A TOML string, boolean or number on one line (a comment after it dropped), or null for anything else. */
    private static String tomlValue(String s) {
        if (s.startsWith("\"") || s.startsWith("'")) {
            char q = s.charAt(0);
            int end = s.indexOf(q, 1);
            return end > 0 ? s.substring(1, end) : null;
        }
        int hash = s.indexOf('#');
        String bare = (hash >= 0 ? s.substring(0, hash) : s).trim();
        return bare.matches("true|false|[-+]?[0-9][0-9_.]*") ? bare : null;
    }

    /** Spring Boot's {@code application.yml}: {@code spring.flyway.placeholders} and its placeholder keys. */
    static void springYaml(String text, Builder b) {
        JsonNode root;
        try {
            // the first document only: profiles in later documents are not chosen here
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException | RuntimeException e) {
            return;
        }
        JsonNode fw = root == null ? null : root.path("spring").path("flyway");
        if (fw == null || !fw.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fw.path("placeholders").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode()) {
                b.placeholder(e.getKey(), e.getValue().asText());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fw.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode()) {
                b.setting(e.getKey(), e.getValue().asText());
            }
        }
    }

    /**
     * Replaces the placeholders of {@code text}. {@code fileName} is the value of {@code ${flyway:filename}};
     * {@code defaultSchema} stands for {@code ${flyway:defaultSchema}} when it is not configured (null: its name).
     */
    public static Result apply(String text, Config c, String fileName, String defaultSchema) {
        if (!c.replace() || text.indexOf(c.prefix()) < 0) {
            return new Result(text, List.of());
        }
        String pre = c.prefix();
        String suf = c.suffix();
        StringBuilder out = new StringBuilder(text.length());
        Map<String, Unresolved> unresolved = new LinkedHashMap<>();
        int line = 1;
        int lineStart = 0;
        int scanned = 0;
        int p = 0;
        int copied = 0;
        while (true) {
            int at = text.indexOf(pre, p);
            if (at < 0) {
                break;
            }
            int nameStart = at + pre.length();
            int end = text.indexOf(suf, nameStart);
            int nl = text.indexOf('\n', nameStart);
            if (end < 0 || end == nameStart || (nl >= 0 && nl < end) || end - nameStart > 200
                    || !NAME.matcher(text.substring(nameStart, end)).matches()) {
                p = nameStart;
                continue;
            }
            String name = text.substring(nameStart, end);
            for (int k = scanned; k < at; k++) {
                if (text.charAt(k) == '\n') {
                    line++;
                    lineStart = k + 1;
                }
            }
            scanned = at;
            int after = end + suf.length();
            String value = value(name, c.values(), fileName, defaultSchema);
            int from = at;
            if (name.equals("flyway:defaultSchema") && !c.values().containsKey(name)) {
                // "${flyway:defaultSchema}.t" and "\"${flyway:defaultSchema}\".t" name t on the default schema
                boolean quoted = from > 0 && text.charAt(from - 1) == '"' && after < text.length() && text.charAt(after) == '"';
                int dot = quoted ? after + 1 : after;
                if (dot < text.length() && text.charAt(dot) == '.') {
                    from = quoted && from - 1 >= copied ? from - 1 : from;
                    after = dot + 1;
                    value = "";
                }
            }
            if (value == null) {
                unresolved.putIfAbsent(name, new Unresolved(name, line, at - lineStart + 1));
                value = name;
            }
            out.append(text, copied, from).append(value);
            copied = after;
            p = after;
        }
        if (copied == 0) {
            return new Result(text, List.of());
        }
        out.append(text, copied, text.length());
        return new Result(out.toString(), List.copyOf(unresolved.values()));
    }

    /** The value of one placeholder, or null when it has none. */
    private static String value(String name, Map<String, String> values, String fileName, String defaultSchema) {
        String v = values.get(name);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        switch (name) {
            case "flyway:defaultSchema": return defaultSchema != null ? defaultSchema : "defaultSchema";
            case "flyway:user": return "flyway_user";
            case "flyway:database": return "flyway_database";
            case "flyway:timestamp": return "2000-01-01 00:00:00";
            case "flyway:filename": return fileName;
            case "flyway:workingDirectory": return ".";
            case "flyway:table": return "flyway_schema_history";
            case "flyway:environment": return "default";
            default: return null;
        }
    }
}
