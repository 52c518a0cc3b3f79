package dev.schemagate.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Risk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    private List<InputError> load(String yaml, Settings s) throws Exception {
        Path f = dir.resolve("schemagate.yaml");
        Files.writeString(f, yaml);
        return ConfigFile.load(f, "schemagate.yaml", s);
    }

    @Test
    void appliesKnownKeysInEitherSpelling() throws Exception {
        Settings s = new Settings();
        List<InputError> errors = load("dialect: postgres\npg-version: \"14\"\nfail_on: medium\nlock_timeout: 2s\n"
                + "exclude: [pg.require-lock-timeout]\n", s);
        assertEquals(List.of(), errors);
        assertEquals(Dialect.POSTGRES, s.getDialect());
        assertEquals("14", s.version(Dialect.POSTGRES));
        assertEquals(Risk.MEDIUM, s.getFailOn());
        assertEquals(2000L, s.getExternalLockTimeoutMs());
        assertTrue(s.getExclude().contains("pg.require-lock-timeout"));
    }

    @Test
    void unknownKeyIsReportedAtItsPositionWithAHintAndTheRestStillApplies() throws Exception {
        Settings s = new Settings();
        List<InputError> errors = load("dialect: postgres\n  \nfial_on: LOW\npg_version: '13'\n", s);
        assertEquals(1, errors.size());
        InputError e = errors.get(0);
        assertEquals(3, e.getLine());
        assertEquals(1, e.getColumn());
        assertTrue(e.getMessage().contains("did you mean 'fail_on'"), e.getMessage());
        assertEquals("13", s.version(Dialect.POSTGRES));
    }

    @Test
    void badValueNamesTheKeyAndWhatIsExpected() throws Exception {
        List<InputError> errors = load("fail_on: SEVERE\n", new Settings());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).toString().startsWith("schemagate.yaml:1:1: "), errors.get(0).toString());
        assertTrue(errors.get(0).getMessage().contains("fail_on"), errors.get(0).getMessage());
    }

    @Test
    void brokenYamlGivesLineAndColumn() throws Exception {
        List<InputError> errors = load("dialect: postgres\nfail_on: [HIGH\n", new Settings());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getLine() >= 2, errors.get(0).toString());
        assertTrue(errors.get(0).getMessage().startsWith("not valid YAML"), errors.get(0).getMessage());
    }

    @Test
    void notAMappingAndMissingFileAreClear() throws Exception {
        assertTrue(load("- a\n- b\n", new Settings()).get(0).getMessage().contains("expected a mapping"));
        List<InputError> missing = ConfigFile.load(dir.resolve("nope.yaml"), "nope.yaml", new Settings());
        assertEquals("nope.yaml: file not found; check the path", missing.get(0).toString());
    }

    @Test
    void duplicateKeyIsReported() throws Exception {
        List<InputError> errors = load("fail_on: HIGH\nfail_on: LOW\n", new Settings());
        assertEquals(1, errors.size());
        assertEquals(2, errors.get(0).getLine());
    }

    @Test
    void statsFileGivesRowsAndBytes() throws Exception {
        Path f = dir.resolve("stats.yaml");
        Files.writeString(f, "users: {rows: 1200000, bytes: 2GB}\npublic.events:\n  rows: 5_000_000\n  writes_per_second: 40\n");
        Settings s = new Settings();
        assertEquals(List.of(), ConfigFile.loadStats(f, "stats.yaml", s));
        assertEquals(1_200_000L, s.getStats().get("users").rows);
        assertEquals(2L * 1024 * 1024 * 1024, s.getStats().get("users").bytes);
        assertEquals(40.0, s.getStats().get("public.events").writesPerSecond);
        Files.writeString(f, "users: {rows: many}\n");
        List<InputError> errors = ConfigFile.loadStats(f, "stats.yaml", new Settings());
        assertEquals(1, errors.size());
        assertEquals(1, errors.get(0).getLine());
    }

    @Test
    void policiesAndEnvAreReadSeparatelyAndThresholdsAndTodayAreSettings() throws Exception {
        Settings s = new Settings();
        List<InputError> errors = load("policies: [team, ../shared/base.yaml]\nenv: prod\n"
                + "thresholds: {max_lock_timeout: 2s, batch_size: 500}\ntoday: 2026-06-01\n", s);
        assertEquals(List.of(), errors);
        assertEquals(2000L, s.getThresholds().get("max_lock_timeout"));
        assertEquals(500L, s.getThresholds().get("batch_size"));
        assertEquals(java.time.LocalDate.of(2026, 6, 1), s.getToday());
        List<InputError> refErrors = new java.util.ArrayList<>();
        ConfigFile.PolicyRefs refs = ConfigFile.policyRefs(dir.resolve("schemagate.yaml"), "schemagate.yaml", refErrors);
        assertEquals(List.of(), refErrors);
        assertEquals(List.of(dir.resolve("team"), dir.getParent().resolve("shared/base.yaml")), refs.paths);
        assertEquals("prod", refs.env);
        errors = load("thresholds: {max_lock: 2s}\n", new Settings());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).toString().startsWith("schemagate.yaml:1:1: unknown threshold 'max_lock'"), errors.toString());
    }

    @Test
    void aPoliciesItemNoFileSystemCanHoldIsAnErrorAtItsKeyAndTheOtherItemsStillCount() throws Exception {
        // "\0" in a double-quoted YAML string is a NUL character: Path.resolve threw and the check ended in an
        // internal error (exit 3) instead of naming the line
        Files.writeString(dir.resolve("schemagate.yaml"), "env: prod\npolicies: [team, \"pol\\0icy.yaml\"]\n");
        List<InputError> errors = new java.util.ArrayList<>();
        ConfigFile.PolicyRefs refs = ConfigFile.policyRefs(dir.resolve("schemagate.yaml"), "schemagate.yaml", errors);
        assertEquals(List.of(dir.resolve("team")), refs.paths);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).toString().startsWith("schemagate.yaml:2:"), errors.toString());
        assertTrue(errors.get(0).getMessage().contains("not a path a file system can hold"), errors.toString());
    }
}
