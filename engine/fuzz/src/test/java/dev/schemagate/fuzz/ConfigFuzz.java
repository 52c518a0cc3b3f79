package dev.schemagate.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tool configuration target's inputs: a project that has a configuration file (alembic.ini, a knexfile, a TypeORM
 * data source, migrate-mongo-config, sqitch.plan and sqitch.conf, Prisma's migration_lock.toml, Liquibase changelogs)
 * with one value in it replaced by a value that no file system, glob syntax or tool accepts: a NUL, nested braces, an
 * unclosed bracket, an absolute path or a device, a name longer than a file system holds, a path through many parent
 * folders, control characters, lone surrogates. The project-level targets mutate a config file in one input of eight
 * at most and seldom hit its values; this target hits nothing else (finding 28 was such a value).
 */
final class ConfigFuzz {
    private ConfigFuzz() {
    }

    /** File names (relative, with forward slashes) that are a tool's configuration. */
    static final Pattern CONFIG = Pattern.compile("(.*/)?(alembic\\.ini|knexfile\\.(js|cjs|mjs|ts)|ormconfig\\.(js|cjs|ts|json)"
            + "|(app-?)?data-?source\\.(js|ts)|migrate-mongo-config\\.(js|cjs|mjs|ts)|sqitch\\.(plan|conf)"
            + "|migration_lock\\.toml|[^/]*changelog[^/]*\\.(xml|ya?ml|json))|.*/changelog/.*\\.(xml|ya?ml|json)");

    /**
     * A value: a quoted string (JavaScript, JSON, XML attributes, TOML), an unquoted value after {@code =} or
     * {@code :} (ini, conf, YAML), or a Sqitch plan line's change name.
     */
    private static final Pattern VALUE = Pattern.compile("(?m)'([^'\\n]*)'|\"([^\"\\n]*)\"|`([^`\\n]*)`"
            + "|^[ \\t]*[\\w.-]+[ \\t]*[=:][ \\t]*([^'\"`\\s][^\\n]*?)[ \\t]*$|^([A-Za-z_][^\\s:@]*)");

    private static final String[] HOSTILE = {"", " ", "\u0000", "a\u0000b", "{a,{b}}", "[", "[!", "[]", "{", "}", "**",
        "**/", "*", "?", "\\", "C:\\x", "/", "/etc", "/dev/zero", "/dev/stdin", "/proc/self/fd/0", "..", "../..",
        "../".repeat(64), "~", "~root/x", "%(here)s", "%(here)", "%(here)s/%(here)s", "$HOME", "${HOME}", "%s", "%",
        "x".repeat(300), "a/".repeat(2100), "\n", "\r", "\t", "\r\n", "\uFEFF", "\uD800", "\uDC00x", "é", "\uD835\uDD18",
        "con", "nul", ".", "-", "--", "'", "\"", "`", "file:///etc", "classpath:x", "\u202Eevil", "\u0007", "x\u007F"};

    /** A project to copy, and files to add to the copy (TypeORM data sources the seed projects do not have). */
    record Seed(String name, Path dir, boolean code, Map<String, String> extra) {
        /** Copies the project into {@code to}; returns its configuration files, relative, with forward slashes. */
        List<String> copyTo(Path to) throws IOException {
            List<Path> files = CodeFuzz.files(dir);
            CodeFuzz.copy(dir, files, to);
            List<String> out = new ArrayList<>();
            for (Path f : files) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (CONFIG.matcher(rel).matches()) {
                    out.add(rel);
                }
            }
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(extra).entrySet()) {
                Path p = to.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
                out.add(e.getKey());
            }
            return out;
        }
    }

    private static List<Seed> seeds;

    static synchronized List<Seed> seeds() throws IOException {
        if (seeds != null) {
            return seeds;
        }
        List<Seed> out = new ArrayList<>();
        for (CodeFuzz.Tool t : CodeFuzz.TOOLS.values()) {
            for (Path p : CodeFuzz.projects(t)) {
                if (hasConfig(p)) {
                    out.add(new Seed(t.id() + " " + p.getFileName(), p, true, Map.of()));
                }
            }
        }
        Path flowise = Seeds.ROOT.resolve("dialects/jsmig/src/test/resources/flowise-shape");
        if (Files.isDirectory(flowise)) {
            out.add(new Seed("typeorm flowise-shape + ormconfig.json", flowise, true, Map.of("ormconfig.json",
                    "{\n  \"type\": \"postgres\",\n  \"migrations\": [\"src/database/migrations/postgres/*.ts\"]\n}\n")));
            out.add(new Seed("typeorm flowise-shape + data-source.ts", flowise, true, Map.of("src/data-source.ts",
                    "import { DataSource } from 'typeorm';\n\nexport const AppDataSource = new DataSource({\n"
                            + "  type: 'mysql',\n  migrations: ['src/database/migrations/mysql/*.ts', 'dist/migrations/*.js'],\n"
                            + "});\n")));
        }
        Path uptime = Seeds.ROOT.resolve("dialects/jsmig/src/test/resources/uptime-shape");
        if (Files.isDirectory(uptime)) {
            out.add(new Seed("knex uptime-shape + knexfile.ts", uptime, true, Map.of("knexfile.ts",
                    "import type { Knex } from 'knex';\n\nconst config: Knex.Config = {\n  client: 'sqlite3',\n"
                            + "  migrations: { directory: ['./db/knex_migrations', `./db/extra`] },\n};\nexport default config;\n")));
        }
        for (Path p : Seeds.layouts()) {
            if (hasConfig(p)) {
                out.add(new Seed(p.getParent().getFileName() + "/" + p.getFileName(), p, false, Map.of()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no project with a configuration file under " + Seeds.ROOT);
        }
        seeds = List.copyOf(out);
        return seeds;
    }

    private static boolean hasConfig(Path project) throws IOException {
        for (Path f : CodeFuzz.files(project)) {
            if (CONFIG.matcher(project.relativize(f).toString().replace('\\', '/')).matches()) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with one of its values (or, without any, its first line) replaced by a hostile one. */
    static String replaceValue(Random r, String text, String name) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = VALUE.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    spans.add(new int[] {m.start(g), m.end(g)});
                    break;
                }
            }
        }
        int[] s = spans.isEmpty() ? new int[] {0, Math.max(0, text.indexOf('\n'))} : spans.get(r.nextInt(spans.size()));
        String old = text.substring(s[0], s[1]);
        String bad = HOSTILE[r.nextInt(HOSTILE.length)];
        if (r.nextInt(4) == 0) {
            bad = bad + HOSTILE[r.nextInt(HOSTILE.length)];
        }
        String value = switch (r.nextInt(4)) {
            case 0 -> old.substring(0, r.nextInt(old.length() + 1)) + bad + old.substring(r.nextInt(old.length() + 1));
            case 1 -> bad + old;
            default -> bad;
        };
        boolean script = name.matches(".*\\.(js|cjs|mjs|ts|json)") && s[0] > 0 && "'\"`".indexOf(text.charAt(s[0] - 1)) >= 0;
        if (script && r.nextBoolean()) {
            value = escape(r, value, name.endsWith(".json"));
        }
        return text.substring(0, s[0]) + value + text.substring(s[1]);
    }

    /** Control characters and lone surrogates as the escapes a JavaScript or JSON string would hold them in. */
    private static String escape(Random r, String v, boolean json) {
        StringBuilder sb = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (c < 0x20 || Character.isSurrogate(c) || c == 0x7f) {
                int k = json ? 0 : r.nextInt(3);
                sb.append(k == 0 ? String.format("\\u%04x", (int) c)
                        : k == 1 && c < 0x100 ? String.format("\\x%02x", (int) c)
                        : c == 0 ? "\\0" : String.format("\\u{%x}", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
