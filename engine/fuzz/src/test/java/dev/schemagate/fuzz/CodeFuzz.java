package dev.schemagate.fuzz;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Inputs for the code-migration readers (Alembic, Django, Knex, TypeORM): a real project folder of the tool (the
 * examples and the readers' test projects) with one file rewritten by structure-aware mutations (truncation, lines
 * spliced from other seeds of the same language, unbalanced brackets and quotes, deep nesting of brackets and of
 * operator and statement chains, huge string literals)
 * on top of {@link Mutator}'s byte-level ones, then written in an odd encoding now and then (byte-order marks, two of
 * them, UTF-16, Latin-1, flipped bytes). Everything is drawn from one {@link Random}.
 */
final class CodeFuzz {
    /**
     * One tool: its seed projects, which of their files are migrations, and what a file's text must still contain to
     * be one (null: its place decides). Plain searches only: a mutated file can be a megabyte long.
     */
    record Tool(String id, boolean python, List<String> projects, Predicate<String> isMigration, Predicate<String> marker) {
    }

    private static final Pattern TYPEORM_CLASS = Pattern.compile("class\\s+[A-Za-z_$][\\w$]*\\s+implements\\s+MigrationInterface");

    static final Map<String, Tool> TOOLS = new TreeMap<>(Map.of(
            "alembic", new Tool("alembic", true,
                    List.of("examples/postgres-alembic", "dialects/python/src/test/resources/alembic-prefect-shape"),
                    p -> p.contains("/versions/") && p.endsWith(".py"), null),
            "django", new Tool("django", true,
                    List.of("examples/postgres-django", "dialects/python/src/test/resources/django-saleor-shape"),
                    p -> p.matches("(.*/)?migrations/\\d{4}_[^/]*\\.py"), null),
            "knex", new Tool("knex", false,
                    List.of("examples/postgres-knex", "dialects/jsmig/src/test/resources/uptime-shape"),
                    p -> p.matches("(.*/)?(knex_)?migrations/[^/]*\\.(js|ts)"),
                    text -> text.contains("exports.up") && text.contains(".schema")),
            "typeorm", new Tool("typeorm", false,
                    List.of("dialects/jsmig/src/test/resources/flowise-shape"),
                    p -> p.endsWith(".ts") && p.contains("/migrations/"),
                    text -> TYPEORM_CLASS.matcher(text).find())));

    private static final String[] PY_TOKENS = {
        "\"\"\"", "'''", "f\"", "f'{", "r'", "b'", "\\", "#", ":", "\n    ", "\n\t", "\n        ", "pass\n", "def upgrade():\n",
        "def downgrade() -> None:\n", "op.execute(", "op.add_column(", "op.drop_table(", "op.create_index(", "sa.Column(",
        "with op.batch_alter_table(", "with op.get_context().autocommit_block():\n        ", "migrations.RunSQL(",
        "migrations.RunPython(", "migrations.AddField(", "models.CharField(max_length=", "dependencies = [", "operations = [",
        "atomic = False\n", "revision = ", "down_revision = ", "None", "lambda x: ", "*args", "**kw", "...", "@", "async ",
        "await ", "yield ", "import ", "from . import ", "if True:\n    ", "else:\n", "try:\n", "except:\n", "'\\x00'",
        "\"\\N{", "\"\\u12", "1_000", "0x", "1e999", "=", "==", ",", "(", ")", "[", "]", "{", "}", ";"};
    private static final String[] JS_TOKENS = {
        "`", "${", "}`", "'", "\"", "/*", "*/", "//", "/re/g", "=>", "async ", "await ", "function ", "exports.up = ",
        "exports.down = ", "module.exports = {", "export async function up(knex) {", "knex.schema.", "createTable(",
        "alterTable(", "table.", "t.string(", ".notNullable()", ".defaultTo(", "knex.raw(", "return ", "queryRunner.query(",
        "await queryRunner.", "implements MigrationInterface", "public async up(queryRunner: QueryRunner): Promise<void> {",
        "new TableColumn({", "name: ", "type: ", "<", ">", "as any", "!", "?.", "??", "...", "class ", "extends ",
        "import { ", "} from 'typeorm'", "require(", "\\u{", "\\x", "0n", "1e999", ",", ";", "(", ")", "[", "]", "{", "}",
        "#!", "<!--", "-->", "@Decorator()", "enum E {", "<T>", ":", "?"};

    private CodeFuzz() {
    }

    static List<Path> projects(Tool t) {
        List<Path> out = new ArrayList<>();
        for (String p : t.projects()) {
            Path dir = Seeds.ROOT.resolve(p);
            if (Files.isDirectory(dir)) {
                out.add(dir);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no seed project for " + t.id() + " under " + Seeds.ROOT);
        }
        return out;
    }

    /** A migration file of a seed project: its path in the project and its text. */
    record Seed(String path, String text) {
    }

    private static final Map<String, List<Seed>> MIGRATIONS = new TreeMap<>();

    /** The migration files of a tool's seed projects. */
    static synchronized List<Seed> migrations(Tool t) {
        return MIGRATIONS.computeIfAbsent(t.id(), id -> {
            List<Seed> out = new ArrayList<>();
            for (Path dir : projects(t)) {
                try {
                    for (Path f : files(dir)) {
                        String rel = dir.relativize(f).toString().replace('\\', '/');
                        if (t.isMigration().test(rel)) {
                            out.add(new Seed(rel, Files.readString(f)));
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("no migration file in the seed projects of " + id);
            }
            return List.copyOf(out);
        });
    }

    /** Regular files under {@code dir}, sorted. */
    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static void copy(Path from, List<Path> files, Path to) throws IOException {
        for (Path f : files) {
            Path p = to.resolve(from.relativize(f).toString());
            Files.createDirectories(p.getParent());
            Files.copy(f, p);
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static final Map<Boolean, List<String>> POOLS = new TreeMap<>();

    /** Every source file of the seed projects of one language (the lines spliced in come from these). */
    static synchronized List<String> pool(boolean python) {
        return POOLS.computeIfAbsent(python, py -> {
            List<String> out = new ArrayList<>();
            for (Tool t : TOOLS.values()) {
                if (t.python() != py) {
                    continue;
                }
                for (Path dir : projects(t)) {
                    try {
                        for (Path f : files(dir)) {
                            String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                            if (n.endsWith(".py") || n.endsWith(".js") || n.endsWith(".ts")) {
                                out.add(Files.readString(f));
                            }
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    /** A hostile variant of one file of a project of this language. */
    static String mutate(Random r, String text, boolean python) {
        StringBuilder sb = new StringBuilder(text);
        String[] tokens = python ? PY_TOKENS : JS_TOKENS;
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            int at = sb.length() == 0 ? 0 : r.nextInt(sb.length() + 1);
            switch (r.nextInt(10)) {
                case 0, 1 -> sb.insert(at, tokens[r.nextInt(tokens.length)]);
                case 2 -> { // lines of another seed of the same language, at a line start
                    List<String> pool = pool(python);
                    String[] lines = pool.get(r.nextInt(pool.size())).split("\n", -1);
                    int from = r.nextInt(lines.length);
                    int to = Math.min(lines.length, from + 1 + r.nextInt(20));
                    int ls = sb.lastIndexOf("\n", Math.max(0, at - 1)) + 1;
                    sb.insert(Math.min(ls, sb.length()), String.join("\n", List.of(lines).subList(from, to)) + "\n");
                }
                case 3 -> { // unbalance: drop one bracket or quote, or add a lone one
                    String cut = python ? "()[]{}'\"" : "()[]{}'\"`";
                    int k = indexOfAny(sb, cut, at);
                    if (k >= 0 && r.nextBoolean()) {
                        sb.deleteCharAt(k);
                    } else {
                        sb.insert(at, cut.charAt(r.nextInt(cut.length())));
                    }
                }
                case 4 -> { // deep nesting: brackets, chains without brackets, (Python) indented blocks
                    int depth = 1 + r.nextInt(r.nextBoolean() ? 60 : r.nextInt(8) == 0 && !python ? 20_000 : 4000);
                    sb.insert(at, r.nextBoolean() ? nest(r, depth, python) : chain(r, depth, python));
                }
                case 5 -> { // a huge string literal, inside an existing one when there is one
                    // Python is read at about 300 KB/s (tree-sitter and the tree copy): a megabyte in every eighth
                    // literal made the Python targets run 3 inputs a second; huge sizes have their own tests
                    int size = r.nextInt(python ? 64 : 8) == 0 ? 400_000 + r.nextInt(600_000) : 1_000 + r.nextInt(60_000);
                    String body = r.nextBoolean() ? "x".repeat(size) : "ALTER TABLE t ADD COLUMN c int;\n".repeat(size / 32 + 1);
                    int q = indexOfAny(sb, python ? "'\"" : "'\"`", at);
                    if (q >= 0) {
                        sb.insert(q + 1, body);
                    } else {
                        sb.insert(at, "\"" + body + "\"");
                    }
                }
                case 6 -> sb.setLength(at); // truncation
                default -> {
                    String m = Mutator.mutate(r, sb.toString(), Math.max(4000, sb.length()));
                    sb.setLength(0);
                    sb.append(m);
                }
            }
        }
        return sb.toString();
    }

    private static int indexOfAny(CharSequence s, String chars, int from) {
        for (int i = Math.max(0, from); i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String nest(Random r, int depth, boolean python) {
        if (python && r.nextBoolean()) {
            StringBuilder sb = new StringBuilder("\n");
            int d = Math.min(depth, 400);
            for (int i = 0; i < d; i++) {
                sb.append("    ".repeat(i)).append(r.nextBoolean() ? "if x:\n" : "with op.batch_alter_table('t') as b:\n");
            }
            return sb.append("    ".repeat(d)).append("op.drop_table('t')\n").toString();
        }
        String[][] pairs = python
                ? new String[][] {{"(", ")"}, {"[", "]"}, {"{", "}"}, {"op.f(", ")"}, {"sa.Column(", ")"}}
                : new String[][] {{"(", ")"}, {"[", "]"}, {"{", "}"}, {"{a:", "}"}, {"`${", "}`"}, {"() => {", "}"},
                    {"knex.raw(", ")"}};
        String[] p = pairs[r.nextInt(pairs.length)];
        return p[0].repeat(depth) + (r.nextBoolean() ? p[1].repeat(depth) : "");
    }

    /**
     * Nesting without brackets: prefix operators, right-nested and left-nested chains, statements whose body is a
     * statement. swc recursed on each of these until the JVM died (SIGSEGV), and the Python tree copy until it overflowed.
     */
    private static final String[] JS_CHAINS = {"!", "- ", "++", "a = ", "a ? b : ", "a => ", "async a => ", "new ",
        "typeof ", "await ", "a + ", "a.b", ".c", "if (a) ", "else if (a) {} ", "a: ", "while (a)\n", "for (;;) ",
        "do ", "x as ", "a +\n"};
    private static final String[] PY_CHAINS = {"not ", "-", "~", "lambda: ", "a if b else ", "await ", "a + ", ".b",
        "a and ", "a < ", "*", "yield "};

    private static String chain(Random r, int depth, boolean python) {
        String[] kinds = python ? PY_CHAINS : JS_CHAINS;
        return kinds[r.nextInt(kinds.length)].repeat(depth) + (r.nextBoolean() ? "x" : "");
    }

    /** How a mutated text is written: its bytes and a label for the failure report. */
    record Encoded(byte[] bytes, String label) {
    }

    static Encoded encode(Random r, String text) {
        switch (r.nextInt(12)) {
            case 0:
                return new Encoded(cat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text, StandardCharsets.UTF_8), "UTF-8 with BOM");
            case 1:
                return new Encoded(("\uFEFF\uFEFF" + text).getBytes(StandardCharsets.UTF_8), "UTF-8 with two BOMs");
            case 2:
                return new Encoded(cat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text, StandardCharsets.UTF_16LE), "UTF-16LE with BOM");
            case 3:
                return new Encoded(cat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text, StandardCharsets.UTF_16BE), "UTF-16BE with BOM");
            case 4:
                return new Encoded(text.getBytes(StandardCharsets.ISO_8859_1), "Latin-1");
            case 5: {
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                for (int i = 1 + r.nextInt(4); i > 0 && b.length > 0; i--) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                return new Encoded(b, "UTF-8 with flipped bytes");
            }
            default:
                return new Encoded(text.getBytes(StandardCharsets.UTF_8), "UTF-8");
        }
    }

    private static byte[] cat(byte[] bom, String text, Charset cs) {
        byte[] body = text.getBytes(cs);
        byte[] out = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, out, 0, bom.length);
        System.arraycopy(body, 0, out, bom.length, body.length);
        return out;
    }
}
