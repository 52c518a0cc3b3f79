package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same input gives the same bytes: across two runs, across --threads 1 and 4, and across file-system order
 * (the same files created in opposite and shuffled orders, so directory listings differ). Paths of the temporary
 * folders are the only thing that differs, and they are replaced before comparing.
 */
class DeterminismTest {
    private static final List<String> FORMATS = List.of("text", "json", "sarif", "junit", "github", "gitlab");

    @TempDir
    Path tmp;

    /** Example migrations, a sub-folder, a golang-migrate pair and a file big enough to be mapped on 4 threads. */
    private Map<String, String> files() throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(Path.of(Cli.EXAMPLE))) {
            for (Path p : s.sorted().toList()) {
                if (p.getFileName().toString().endsWith(".sql")) {
                    m.put("flyway/" + p.getFileName(), Files.readString(p));
                }
            }
        }
        StringBuilder big = new StringBuilder("SET lock_timeout = '2s';\n");
        for (int i = 0; i < 600; i++) {
            big.append("ALTER TABLE t").append(i % 7).append(" ADD COLUMN c").append(i).append(" text NOT NULL;\n");
            big.append("CREATE INDEX i").append(i).append(" ON t").append(i % 7).append(" (c").append(i).append(");\n");
            if (i % 50 == 0) {
                big.append("FROB ").append(i).append(";\n");
            }
        }
        m.put("flyway/V9__big.sql", big.toString());
        m.put("flyway/nested/V10__drop.sql", "DROP TABLE t1;\n-- schemagate:ignore pg.drop-column reason: test\n"
                + "ALTER TABLE t2 DROP COLUMN c2;\n");
        m.put("flyway/V11__broken.sql", "SELECT 'unterminated;\n");
        m.put("golang/000001_init.up.sql", "CREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN b int NOT NULL;\n");
        m.put("golang/000001_init.down.sql", "DROP TABLE a;\n");
        m.put("golang/000002_idx.up.sql", "CREATE INDEX a_b ON a (b);\n");
        return m;
    }

    /** Creates the files at the same place each time (paths feed fingerprints), in the given order. */
    private Path lay(Map<String, String> files, List<String> order) throws Exception {
        Path root = tmp.resolve("work");
        if (Files.exists(root)) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(root);
        for (String f : order) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, files.get(f));
        }
        return root;
    }

    private static String run(Path root, String format, int threads) {
        Cli r = Cli.run("check", "--format", format, "--threads", String.valueOf(threads),
                root.resolve("flyway").toString(), root.resolve("golang").toString());
        assertTrue(r.code == 1, r.toString());
        return r.out.replace(root.toString(), "ROOT");
    }

    @Test
    void sameBytesAcrossRunsThreadsAndFileSystemOrder() throws Exception {
        Map<String, String> files = files();
        List<String> forward = new ArrayList<>(files.keySet());
        List<String> backward = new ArrayList<>(forward);
        Collections.reverse(backward);
        List<String> shuffled = new ArrayList<>(forward);
        Collections.shuffle(shuffled, new Random(7));
        Map<String, String> expected = new LinkedHashMap<>();
        Path a = lay(files, forward);
        for (String fmt : FORMATS) {
            String first = run(a, fmt, 1);
            assertEquals(first, run(a, fmt, 1), fmt + ": second run differs");
            assertEquals(first, run(a, fmt, 4), fmt + ": --threads 4 differs from --threads 1");
            assertTrue(first.contains("V9__big.sql"), first);
            expected.put(fmt, first);
        }
        Path b = lay(files, backward);
        for (String fmt : FORMATS) {
            assertEquals(expected.get(fmt), run(b, fmt, 4), fmt + ": files created in reverse order differ");
        }
        Path c = lay(files, shuffled);
        for (String fmt : FORMATS) {
            assertEquals(expected.get(fmt), run(c, fmt, 2), fmt + ": files created in shuffled order differ");
        }
    }

    /**
     * Plans: the split-full-name example (a multi-phase plan with scripts) plus a rename, a required column and a
     * file big enough to be mapped on 4 threads, in sub-folders; {@code --format json} and every file of
     * {@code --out} are byte-identical across runs, thread counts (schemagate.yaml {@code threads:}) and the order
     * the files were created in.
     */
    @Test
    void planSameBytesAcrossRunsThreadsAndFileSystemOrder() throws Exception {
        Path ex = Cli.ROOT.resolve("docs/plans/split-full-name");
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(ex.resolve("migrations"))) {
            for (Path p : s.sorted().toList()) {
                files.put("migrations/" + p.getFileName(), Files.readString(p));
            }
        }
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            big.append("ALTER TABLE users ADD COLUMN c").append(i).append(" integer;\n");
            big.append("CREATE INDEX CONCURRENTLY users_c").append(i).append("_idx ON users (c").append(i).append(");\n");
        }
        files.put("migrations/more/V3__many_columns.sql", big.toString());
        files.put("migrations/more/V4__rename.sql", "ALTER TABLE users RENAME COLUMN username TO user_handle;\n");
        files.put("migrations/V5__required.sql", "ALTER TABLE users ADD COLUMN verified boolean NOT NULL DEFAULT false;\n");
        files.put("stats.yaml", Files.readString(ex.resolve("stats.yaml")));
        List<String> forward = new ArrayList<>(files.keySet());
        List<String> backward = new ArrayList<>(forward);
        Collections.reverse(backward);
        List<String> shuffled = new ArrayList<>(forward);
        Collections.shuffle(shuffled, new Random(11));

        Path a = lay(files, forward);
        String json = plan(a, 1, "--format", "json");
        assertTrue(json.contains("\"strategy\""), json);
        Map<String, String> out = planOut(a, 1);
        assertTrue(out.containsKey("plan.json") && out.containsKey("plan.md") && out.containsKey("scripts/02_forward.sql"),
                out.keySet().toString());
        assertEquals(json, plan(a, 1, "--format", "json"), "json: second run differs");
        assertEquals(out, planOut(a, 1), "--out: second run differs");
        assertEquals(json, plan(a, 4, "--format", "json"), "json: 4 threads differ from 1");
        assertEquals(out, planOut(a, 4), "--out: 4 threads differ from 1");
        Path b = lay(files, backward);
        assertEquals(json, plan(b, 4, "--format", "json"), "json: files created in reverse order differ");
        assertEquals(out, planOut(b, 2), "--out: files created in reverse order differ");
        Path c = lay(files, shuffled);
        assertEquals(json, plan(c, 2, "--format", "json"), "json: files created in shuffled order differ");
        assertEquals(out, planOut(c, 4), "--out: files created in shuffled order differ");
    }

    /** {@code schemagate plan} of {@code root/migrations} with {@code threads} from a settings file; its output. */
    private String plan(Path root, int threads, String... more) throws Exception {
        Path cfg = tmp.resolve("threads-" + threads + ".yaml");
        Files.writeString(cfg, "threads: " + threads + "\n");
        List<String> args = new ArrayList<>(List.of("plan", root.resolve("migrations").toString(), "--stats",
                root.resolve("stats.yaml").toString(), "--config", cfg.toString()));
        args.addAll(List.of(more));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.code, r.toString());
        return r.out.replace(root.toString(), "ROOT");
    }

    /** Every file {@code plan --out} writes, by relative path, with the temporary folder's path replaced. */
    private Map<String, String> planOut(Path root, int threads) throws Exception {
        Path dir = tmp.resolve("plan-out");
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        plan(root, threads, "--out", dir.toString());
        Map<String, String> out = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                out.put(dir.relativize(p).toString(), Files.readString(p).replace(root.toString(), "ROOT")
                        .replace(dir.toString(), "OUT"));
            }
        }
        return out;
    }

    @Test
    void corpusProjectGivesTheSameJsonOnOneAndFourThreads() {
        Path flipt = CorpusTest.CORPUS.resolve("flipt");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(flipt), "corpus not present at " + flipt);
        Cli one = Cli.run("check", "--format", "json", "--threads", "1", flipt.toString());
        Cli four = Cli.run("check", "--format", "json", "--threads", "4", flipt.toString());
        assertEquals(one.out, four.out);
        assertEquals(one.code, four.code);
        assertTrue(one.out.contains("\"findings\""), one.out);
    }
}
