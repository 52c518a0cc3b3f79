package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.spi.SqlDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * For every dialect a reader on the class path serves (found with ServiceLoader, so a new reader is covered without
 * a change here): a statement the reader cannot read, an unterminated string and an unreadable file each fail a
 * gate at {@code --fail-on HIGH}, and the finding carries the configured "uncertain" risk.
 */
class NeverPassesByAccidentTest {
    @TempDir
    Path tmp;

    static List<Dialect> served() {
        TreeSet<Dialect> out = new TreeSet<>();
        for (SqlDialect d : ServiceLoader.load(SqlDialect.class)) {
            out.addAll(d.dialects());
        }
        return new ArrayList<>(out);
    }

    @TestFactory
    Stream<DynamicTest> everyDialectFailsTheGateOnWhatItCannotRead() {
        List<Dialect> dialects = served();
        assertTrue(dialects.contains(Dialect.POSTGRES) && dialects.contains(Dialect.SQLITE), dialects.toString());
        return dialects.stream().map(d -> DynamicTest.dynamicTest(d.id(), () -> check(d)));
    }

    private void check(Dialect d) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(d.id()));
        Path gibberish = dir.resolve("V1__gibberish.sql");
        Files.writeString(gibberish, "SELECT 1;\nFROBNICATE THE WIDGETS WITH GUSTO;\n");
        Cli r = Cli.run("check", "--dialect", d.id(), "--fail-on", "HIGH", gibberish.toString());
        assertEquals(1, r.code, r.toString());
        // SQL readers fail the second statement; the JavaScript reader (MongoDB) reads the file as one module and
        // reports its first syntax error, at "1" after "SELECT "
        String at = d == Dialect.MONGODB ? "V1__gibberish.sql:1:8: " : "V1__gibberish.sql:2:1: ";
        assertTrue(r.out.contains(at + "CRITICAL core.unparsed-statement"), r.out);

        Path unterminated = dir.resolve("V2__unterminated.sql");
        Files.writeString(unterminated, d == Dialect.MONGODB ? "db.a.drop();\ndb.t.insertOne({ x: 'no end });\n"
                : "SELECT 1;\nINSERT INTO t VALUES ('no end);\n");
        r = Cli.run("check", "--dialect", d.id(), "--fail-on", "HIGH", unterminated.toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.out.contains("V2__unterminated.sql:2:"), r.out);
        assertTrue(r.out.contains("CRITICAL core.unparsed-statement"), r.out);

        // the configured uncertain risk is the one reported (and so decides the gate)
        Path cfg = dir.resolve("schemagate.yaml");
        Files.writeString(cfg, "uncertain_risk: MEDIUM\n");
        r = Cli.run("check", "--dialect", d.id(), "--config", cfg.toString(), "--fail-on", "HIGH", gibberish.toString());
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains(at + "MEDIUM core.unparsed-statement"), r.out);
        r = Cli.run("check", "--dialect", d.id(), "--config", cfg.toString(), "--fail-on", "MEDIUM", gibberish.toString());
        assertEquals(1, r.code, r.toString());

        // a file that cannot be read never passes: an input error, exit 2
        Path binary = dir.resolve("V3__binary.sql");
        Files.write(binary, new byte[] {'S', 0, 'E', 0, 1, 2, 3});
        r = Cli.run("check", "--dialect", d.id(), "--fail-on", "CRITICAL", binary.toString());
        assertEquals(2, r.code, r.toString());
        assertTrue(r.out.contains("V3__binary.sql: binary file"), r.out);
        assertFalse(r.out.contains("PASSED"), r.out);
    }
}
