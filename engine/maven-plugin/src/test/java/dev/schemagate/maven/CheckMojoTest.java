package dev.schemagate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How pom settings become a command line, and exit codes become the build's outcome (the invoker ITs run it for real). */
class CheckMojoTest {
    @TempDir
    Path tmp;

    @Test
    void pomSettingsBecomeCheckOptions() {
        CheckMojo m = new CheckMojo();
        assertEquals(List.of("check", "src/main/resources/db/migration"), m.arguments(), "Flyway's folder by default");
        m.paths = List.of("db/a", "db/b");
        m.dialect = "postgres";
        m.pgVersion = "16";
        m.failOn = "MEDIUM";
        m.format = "sarif";
        m.output = new File("target/schemagate.sarif");
        m.configFile = new File("ci/schemagate.yaml");
        m.changedSince = "origin/main";
        m.includes = List.of("pg.prefer-*");
        m.excludes = List.of("pg.require-lock-timeout", " ");
        m.arguments = List.of("--lock-timeout=2s");
        assertEquals(List.of("check", "db/a", "db/b", "--dialect", "postgres", "--pg-version", "16", "--config",
                "ci/schemagate.yaml", "--fail-on", "MEDIUM", "--format", "sarif", "--output", "target/schemagate.sarif",
                "--changed-since", "origin/main", "--include", "pg.prefer-*", "--exclude", "pg.require-lock-timeout",
                "--lock-timeout=2s"), m.arguments());
    }

    @Test
    void exitCodesMapToMavenOutcomes() throws Exception {
        CheckMojo.verdict(0, "PASSED\n", "", null, new SystemStreamLog());
        MojoFailureException failed = assertThrows(MojoFailureException.class,
                () -> CheckMojo.verdict(1, "FAILED\n", "", null, new SystemStreamLog()));
        assertTrue(failed.getMessage().startsWith("SchemaGate: policy failed"), failed.getMessage());
        MojoExecutionException input = assertThrows(MojoExecutionException.class, () -> CheckMojo.verdict(2,
                "error: db/x: no such file or directory\nChecked 0 files\n", "", null, new SystemStreamLog()));
        assertEquals("SchemaGate: usage or input error: db/x: no such file or directory", input.getMessage());
        MojoExecutionException usage = assertThrows(MojoExecutionException.class, () -> CheckMojo.verdict(2, "",
                "schemagate: --fail-on: value must be one of NONE, LOW\n", new File("r.json"), new SystemStreamLog()));
        assertTrue(usage.getMessage().contains("(report: r.json): schemagate: --fail-on"), usage.getMessage());
        assertThrows(MojoExecutionException.class, () -> CheckMojo.verdict(3, "", "boom", null, new SystemStreamLog()));
    }

    @Test
    void runsTheCheckInTheProjectDirectory() throws Exception {
        Path mig = Files.createDirectories(tmp.resolve("src/main/resources/db/migration"));
        Files.writeString(mig.resolve("V1__t.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        Files.writeString(mig.resolve("V2__drop.sql"), "DROP TABLE t;\n");
        CheckMojo m = new CheckMojo();
        m.basedir = tmp.toFile();
        m.format = "json";
        m.output = new File("target/report.json");
        MojoFailureException e = assertThrows(MojoFailureException.class, m::execute);
        assertTrue(e.getMessage().contains("(report: target/report.json)"), e.getMessage());
        String report = Files.readString(tmp.resolve("target/report.json"));
        assertTrue(report.contains("\"file\" : \"src/main/resources/db/migration/V2__drop.sql\"")
                || report.contains("\"file\":\"src/main/resources/db/migration/V2__drop.sql\""), report);
        m.skip = true;
        m.execute(); // skipped: no exception
        m.skip = false;
        m.excludes = List.of("pg.drop-table");
        m.failOn = "CRITICAL";
        m.output = null;
        m.format = "text";
        m.execute(); // passes once the only blocking rule is off
    }
}
