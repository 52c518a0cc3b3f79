package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 50 MB migration of the hostile-input edge cases, generated at test time (never committed): a data-heavy file
 * (DDL between multi-row INSERT batches, as in a seed dump) with risky statements at its start, middle and end and
 * an unterminated string as its last statement, beside an ordinary file in the same folder. It is checked by the real
 * command line in a JVM of its own with a bounded heap ({@value #HEAP}), so a reader that holds the whole file's
 * parse trees, or copies of its text per statement, fails here with an out-of-memory instead of passing. The time
 * and peak memory are printed (bench/run.sh measures them on an idle machine; they are not asserted).
 */
class HugeMigrationTest {
    private static final String HEAP = "-Xmx256m";
    private static final long SIZE = 50L * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void fiftyMegabyteMigrationIsCheckedInABoundedHeapWithTheRestOfTheFolder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("db"));
        Path huge = dir.resolve("V1__seed_data.sql");
        List<String> expected = new ArrayList<>();
        long bytes = 0;
        int line = 1;
        int statements = 0;
        int k = 0;
        try (BufferedWriter w = Files.newBufferedWriter(huge, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder();
            boolean middle = false;
            while (bytes < SIZE) {
                sb.setLength(0);
                k++;
                if (k % 50 == 1) {
                    sb.append("CREATE TABLE IF NOT EXISTS h").append(k).append(" (id bigint PRIMARY KEY, name text NOT NULL, note text);\n");
                    statements++;
                } else {
                    sb.append("INSERT INTO h").append(k - (k - 1) % 50).append(" (id, name, note) VALUES\n");
                    for (int r = 0; r < 100; r++) {
                        sb.append(r == 0 ? "" : ",\n").append("  (").append(k * 1000L + r).append(", 'name ").append(r)
                                .append("', 'note ").append((k * 7919L + r * 104729L) % 1_000_000_007L).append(" for the seed data')");
                    }
                    sb.append(";\n");
                    statements++;
                }
                if (k == 3) { // near the start
                    expected.add("V1__seed_data.sql:" + (line + lines(sb)) + ":1: HIGH pg.set-not-null");
                    sb.append("ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;\n");
                    statements++;
                }
                if (!middle && bytes > SIZE / 2) { // in the middle
                    middle = true;
                    expected.add("V1__seed_data.sql:" + (line + lines(sb)) + ":1: CRITICAL pg.drop-table");
                    sb.append("DROP TABLE legacy_orders;\n");
                    statements++;
                }
                w.append(sb);
                bytes += sb.length();
                line += lines(sb);
            }
            // at the end: a risky statement, then an unterminated string that runs to the end of the file
            expected.add("V1__seed_data.sql:" + line + ":1: HIGH pg.drop-column");
            expected.add("V1__seed_data.sql:" + (line + 1) + ":39: CRITICAL core.unparsed-statement");
            w.append("ALTER TABLE accounts DROP COLUMN note;\nINSERT INTO h51 (id, name) VALUES (1, 'no end);\n");
            statements += 2;
        }
        Files.writeString(dir.resolve("V2__other.sql"), "SELECT 1;\nDROP TABLE users;\n");
        expected.add("V2__other.sql:2:1: CRITICAL pg.drop-table");
        assertTrue(Files.size(huge) >= SIZE, "generated " + Files.size(huge) + " bytes");

        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), HeapProbe.class.getName(),
                "check", "--fail-on", "HIGH", "--threads", "2", dir.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "no result after 10 minutes");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String out = Files.readString(tmp.resolve("out.txt"));
        String probe = out.lines().filter(l -> l.startsWith("heap-probe:")).findFirst().orElse("heap-probe: none");
        System.out.println("50 MB migration (" + Files.size(huge) + " bytes, " + (statements + 2) + " statements in 2 files): "
                + ms + " ms, " + probe.substring("heap-probe: ".length()) + " (" + HEAP + ")");
        assertEquals(1, p.exitValue(), out.length() > 20_000 ? out.substring(0, 20_000) : out);
        for (String e : expected) {
            assertTrue(out.contains(e), "missing " + e + " in\n" + out);
        }
        assertTrue(out.contains("Checked 2 files, " + (statements + 2) + " statements"), out);
        assertTrue(probe.matches("heap-probe: peak heap \\d+ MB.*"), out);
    }

    private static int lines(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
