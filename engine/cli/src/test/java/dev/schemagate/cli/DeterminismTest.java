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
