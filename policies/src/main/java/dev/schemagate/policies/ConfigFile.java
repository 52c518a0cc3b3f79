package dev.schemagate.policies;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.SettingsKeys;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code schemagate.yaml} (the same options as the command line, in snake_case or kebab-case) and
 * {@code --stats} files (table name to rows, bytes and writes per second) into {@link Settings}. Every problem
 * becomes an {@link InputError} with the file, line and column of the offending key or value; good keys still
 * apply, so one typo does not hide the rest of the file.
 */
public final class ConfigFile {
    /** The file looked for in the working directory when {@code --config} is not given. */
    public static final String DEFAULT_NAME = "schemagate.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Keys of schemagate.yaml that name policy packs and the profile; read by {@link #policyRefs}, not settings. */
    public static final List<String> POLICY_KEYS = List.of("policies", "env");

    /** The policy packs and profile a schemagate.yaml names. */
    public static final class PolicyRefs {
        /** Paths resolved against the config file's folder, and as written (for messages). */
        public final List<Path> paths = new ArrayList<>();
        public final List<String> shown = new ArrayList<>();
        public String env;
    }

    /** Reads {@code policies:} (a path or a list of paths, relative to the file) and {@code env:}. */
    public static PolicyRefs policyRefs(Path file, String shownAs, List<InputError> errors) {
        PolicyRefs refs = new PolicyRefs();
        List<InputError> ignored = new ArrayList<>();
        Map<String, Located> entries = read(file, shownAs, ignored);
        Path dir = file.toAbsolutePath().getParent();
        Located pol = entries.get("policies");
        if (pol != null) {
            List<?> items = pol.value instanceof List ? (List<?>) pol.value : pol.value instanceof String ? List.of(pol.value) : null;
            if (items == null) {
                errors.add(new InputError(shownAs, pol.line, pol.column, "'policies' is " + (pol.value == null ? "empty"
                        : "'" + pol.value + "'") + "; expected a policy file or folder, or a list of them"));
            } else {
                for (Object o : items) {
                    if (o == null || o instanceof Map || o instanceof List) {
                        errors.add(new InputError(shownAs, pol.line, pol.column, "an item of 'policies' is not a path"));
                        continue;
                    }
                    Path path;
                    try {
                        path = dir.resolve(String.valueOf(o)).normalize();
                    } catch (java.nio.file.InvalidPathException e) {
                        errors.add(new InputError(shownAs, pol.line, pol.column, "an item of 'policies' is not a path a "
                                + "file system can hold (" + e.getReason() + "): fix it in " + shownAs));
                        continue;
                    }
                    refs.paths.add(path);
                    refs.shown.add(String.valueOf(o));
                }
            }
        }
        Located env = entries.get("env");
        if (env != null) {
            if (env.value instanceof String) {
                refs.env = (String) env.value;
            } else {
                errors.add(new InputError(shownAs, env.line, env.column, "'env' is " + (env.value == null ? "empty"
                        : "'" + env.value + "'") + "; expected a profile name such as prod"));
            }
        }
        return refs;
    }

    private ConfigFile() {
    }

    /** Applies the settings in {@code file} to {@code s}; returns the problems found (empty when all is well). */
    public static List<InputError> load(Path file, String shownAs, Settings s) {
        List<InputError> errors = new ArrayList<>();
        Map<String, Located> entries = read(file, shownAs, errors);
        for (Map.Entry<String, Located> e : entries.entrySet()) {
            if (POLICY_KEYS.contains(SettingsKeys.normalise(e.getKey()))) {
                continue;
            }
            try {
                SettingsKeys.applyOne(s, e.getKey(), e.getValue().value);
            } catch (IllegalArgumentException ex) {
                errors.add(new InputError(shownAs, e.getValue().line, e.getValue().column, ex.getMessage()
                        + hint(e.getKey())));
            }
        }
        return errors;
    }

    /** Reads a stats file: {@code table: {rows: 1200000, bytes: 2GB, writes_per_second: 40}}. */
    public static List<InputError> loadStats(Path file, String shownAs, Settings s) {
        List<InputError> errors = new ArrayList<>();
        Map<String, Located> entries = read(file, shownAs, errors);
        if (entries.isEmpty()) {
            return errors;
        }
        for (Map.Entry<String, Located> e : entries.entrySet()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(e.getKey(), e.getValue().value);
            try {
                SettingsKeys.applyOne(s, "stats", one);
            } catch (IllegalArgumentException ex) {
                errors.add(new InputError(shownAs, e.getValue().line, e.getValue().column, ex.getMessage()));
            }
        }
        return errors;
    }

    private static final class Located {
        final Object value;
        final int line;
        final int column;

        Located(Object value, int line, int column) {
            this.value = value;
            this.line = line;
            this.column = column;
        }
    }

    /** The file's text, or null with an error added when it is missing, not UTF-8 or unreadable. */
    static String readText(Path file, String shownAs, String what, List<InputError> errors) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            errors.add(new InputError(shownAs, 0, 0, what + " not found; check the path"));
        } catch (MalformedInputException e) {
            errors.add(new InputError(shownAs, 0, 0, "not UTF-8 text; save the " + what + " as UTF-8"));
        } catch (IOException e) {
            errors.add(new InputError(shownAs, 0, 0, "cannot read: " + e.getMessage()));
        }
        return null;
    }

    /** Top-level keys with their values and positions, in file order. */
    private static Map<String, Located> read(Path file, String shownAs, List<InputError> errors) {
        Map<String, Located> out = new LinkedHashMap<>();
        String text = readText(file, shownAs, "file", errors);
        if (text == null || text.isBlank()) {
            return out;
        }
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return out;
            }
            if (t != JsonToken.START_OBJECT) {
                JsonLocation l = p.currentTokenLocation();
                errors.add(new InputError(shownAs, l.getLineNr(), l.getColumnNr(),
                        "expected a mapping of settings (key: value), found " + describe(t)));
                return out;
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                JsonLocation l = p.currentTokenLocation();
                String key = p.currentName();
                p.nextToken();
                Object value = YAML.readValue(p, Object.class);
                if (out.containsKey(key)) {
                    errors.add(new InputError(shownAs, l.getLineNr(), l.getColumnNr(), "'" + key
                            + "' is set twice; keep one"));
                }
                out.put(key, new Located(value, l.getLineNr(), l.getColumnNr()));
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            errors.add(new InputError(shownAs, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
                    "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("")));
        } catch (IOException e) {
            errors.add(new InputError(shownAs, 0, 0, "cannot read: " + e.getMessage()));
        }
        return out;
    }

    private static String describe(JsonToken t) {
        switch (t) {
            case START_ARRAY: return "a list";
            case VALUE_STRING: return "a string";
            default: return "a single value";
        }
    }

    /** "did you mean" for a mistyped key. */
    static String hint(String key) {
        String k = SettingsKeys.normalise(key);
        if (SettingsKeys.KEYS.contains(k)) {
            return "";
        }
        String best = null;
        int bestD = Integer.MAX_VALUE;
        List<String> all = new ArrayList<>(SettingsKeys.KEYS);
        all.addAll(POLICY_KEYS);
        for (String known : all) {
            int d = distance(k, known);
            if (d < bestD) {
                bestD = d;
                best = known;
            }
        }
        return best != null && bestD <= Math.max(2, k.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }
}
