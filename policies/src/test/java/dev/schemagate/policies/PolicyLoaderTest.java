package dev.schemagate.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.model.Risk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed policies: each mistake is one clear error at its line and column. */
class PolicyLoaderTest {
    @TempDir
    Path dir;

    private List<String> errors(String yaml) throws Exception {
        return errors(yaml, null);
    }

    private List<String> errors(String yaml, String env) throws Exception {
        List<InputError> errors = new ArrayList<>();
        Policies.load(dir, "p.yaml", yaml, env, errors);
        return errors.stream().map(InputError::toString).toList();
    }

    private void assertOnly(String expected, String yaml) throws Exception {
        assertEquals(List.of(expected), errors(yaml));
    }

    @Test
    void wrongTypes() throws Exception {
        assertOnly("p.yaml:1:10: fail_on is 'SEVERE'; expected NONE, LOW, MEDIUM, HIGH or CRITICAL", "fail_on: SEVERE\n");
        assertOnly("p.yaml:1:9: 'enable' is a mapping; expected a value or a list of values", "enable: {a: b}\n");
        assertOnly("p.yaml:2:11: 'rules' is 'maybe'; expected a list of rules (- id: ...)", "name: x\nrules:    maybe\n");
        assertOnly("p.yaml:1:12: 'require' is a list; expected a mapping such as {lock_timeout: true}", "require:   [lock_timeout]\n");
        assertOnly("p.yaml:1:25: 'lock_timeout' is 'yes please'; expected true or false", "require: {lock_timeout: yes please}\n");
        assertOnly("p.yaml:1:26: 'thresholds.batch_size' is 'big'; expected a number", "thresholds: {batch_size: big}\n");
        assertOnly("p.yaml:1:1: a policy is a mapping of keys such as name:, risk:, rules:; found a list", "- a\n- b\n");
    }

    @Test
    void unknownKeysWithHints() throws Exception {
        assertEquals(List.of("p.yaml:1:1: unknown policy key 'fail-on'; did you mean 'fail_on'? (known: name, description, "
                + "fail_on, uncertain_risk, enable, disable, risk, thresholds, protected, require, rules, waivers, profiles)"),
                errors("fail-on: HIGH\n"));
        List<String> e = errors("rules:\n  - id: acme.a\n    summary: A\n    risk: LOW\n    match: {kind: drop_table, tabel: x}\n");
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("p.yaml:5:31: unknown match condition key 'tabel'; did you mean 'table'?"), e.get(0));
        e = errors("profiles:\n  prod:\n    fail_onn: MEDIUM\n");
        assertTrue(e.get(0).startsWith("p.yaml:3:5: unknown profile key 'fail_onn'; did you mean 'fail_on'?"), e.toString());
    }

    @Test
    void badPatterns() throws Exception {
        List<String> e = errors("rules:\n  - id: acme.a\n    summary: A\n    risk: LOW\n    match:\n      table_regex: \"pay(ments\"\n");
        assertEquals(List.of("p.yaml:6:20: table_regex 'pay(ments' is not a valid regular expression: Unclosed group near index 9"), e);
        e = errors("rules:\n  - id: acme.a\n    summary: A\n    risk: LOW\n    match: {column_regex: \"[a-\"}\n");
        assertTrue(e.get(0).startsWith("p.yaml:5:27: column_regex '[a-' is not a valid regular expression"), e.toString());
        e = errors("rules:\n  - id: acme.a\n    summary: A\n    risk: LOW\n    match: {column_type: [NUMERICAL]}\n");
        assertTrue(e.get(0).startsWith("p.yaml:5:27: column_type 'NUMERICAL' is not a Calcite type family")
                && e.get(0).endsWith("did you mean 'NUMERIC'?"), e.toString());
    }

    @Test
    void badDates() throws Exception {
        String w = "waivers:\n  - rule: pg.drop-column\n    approver: dba\n    reason: legacy\n    expires: %s\n";
        assertOnly("p.yaml:5:14: expires is '2026-13-45'; expected a date written YYYY-MM-DD, such as 2026-12-31",
                String.format(w, "2026-13-45"));
        assertOnly("p.yaml:5:14: expires is '31/12/2026'; expected a date written YYYY-MM-DD, such as 2026-12-31",
                String.format(w, "31/12/2026"));
        assertOnly("p.yaml:2:5: a waiver needs expires: (YYYY-MM-DD); waivers are approved for a limited time",
                "waivers:\n  - rule: pg.drop-column\n    approver: dba\n    reason: legacy\n");
    }

    @Test
    void unknownRuleIdsWithHints() throws Exception {
        assertOnly("p.yaml:2:3: unknown rule id 'pg.drop-colum'; did you mean 'pg.drop-column'? (schemagate rules lists them)",
                "risk:\n  pg.drop-colum: HIGH\n");
        assertOnly("p.yaml:1:11: unknown rule id 'acme.nope' (schemagate rules lists them)", "disable: [acme.nope]\n");
        assertOnly("p.yaml:1:11: unknown rule id 'zz.*' (schemagate rules lists them)", "disable: [zz.*]\n");
        assertEquals(List.of(), errors("disable: [pg.require-*]\n"));
    }

    @Test
    void duplicateIdsAndKeys() throws Exception {
        String rule = "  - id: acme.a\n    summary: A\n    risk: LOW\n    match: {kind: drop_table}\n";
        assertOnly("p.yaml:6:5: rule id 'acme.a' is defined twice (rule ids must be unique across all policies)",
                "rules:\n" + rule + rule);
        assertOnly("p.yaml:2:1: 'fail_on' is set twice in this mapping; keep one", "fail_on: HIGH\nfail_on: LOW\n");
        assertOnly("p.yaml:2:9: rule id 'pg.drop-column' uses the reserved prefix 'pg'; use your team's own, such as acme.",
                "rules:\n  - id: pg.drop-column\n    summary: A\n    risk: LOW\n    match: {kind: drop_table}\n");
    }

    @Test
    void duplicateIdAcrossTwoPacksPointsAtTheSecond() throws Exception {
        String rule = "rules:\n  - id: acme.a\n    summary: A\n    risk: LOW\n    match: {kind: drop_table}\n";
        Files.writeString(dir.resolve("a.yaml"), rule);
        Files.writeString(dir.resolve("b.yaml"), "name: b\n" + rule);
        List<InputError> errors = new ArrayList<>();
        PolicySet.load(List.of(dir), List.of("pol"), null, false, Policies.builtinIds(), errors);
        assertEquals(List.of("pol/b.yaml:3:5: rule id 'acme.a' is defined twice (rule ids must be unique across all policies)"),
                errors.stream().map(InputError::toString).toList());
    }

    @Test
    void invalidYamlAndMissingFilesAreErrorsNotExceptions() throws Exception {
        List<String> e = errors("rules: [\n  - id: x\n");
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("p.yaml:") && e.get(0).contains("not valid YAML"), e.toString());
        List<InputError> errors = new ArrayList<>();
        PolicySet.load(List.of(dir.resolve("missing.yaml")), List.of("missing.yaml"), null, false, Policies.builtinIds(), errors);
        assertEquals("missing.yaml: policy file or folder not found; check the path", errors.get(0).toString());
    }

    @Test
    void unknownEnvironmentNamesTheProfilesThatExist() throws Exception {
        assertEquals(List.of("--env prdo: no policy defines a profile named 'prdo' (profiles: dev, prod); did you mean 'prod'?"),
                errors("profiles:\n  dev: {fail_on: CRITICAL}\n  prod: {fail_on: MEDIUM}\n", "prdo"));
    }

    @Test
    void packsCombineInOrderAndTheProfileComesAfterItsPack() throws Exception {
        Files.writeString(dir.resolve("1-base.yaml"), "fail_on: HIGH\ndisable: [pg.drop-column]\nrisk: {pg.drop-table: HIGH}\n"
                + "profiles:\n  prod: {fail_on: MEDIUM, risk: {pg.drop-table: CRITICAL}}\n");
        Files.writeString(dir.resolve("2-team.yaml"), "enable: [pg.drop-column]\nthresholds: {batch_size: 500}\n");
        Files.writeString(dir.resolve("10-late.yaml"), "thresholds: {batch_size: 1000, multi_phase_rows: 1_000_000}\n");
        List<InputError> errors = new ArrayList<>();
        PolicySet set = PolicySet.load(List.of(dir), List.of("pol"), "prod", false, Policies.builtinIds(), errors);
        assertEquals(List.of(), errors);
        assertEquals(List.of("pol/1-base.yaml", "pol/2-team.yaml", "pol/10-late.yaml"),
                set.packs().stream().map(PolicyPack::getSource).toList());
        Settings s = new Settings();
        set.applyTo(s);
        assertEquals(Risk.MEDIUM, s.getFailOn());
        assertEquals(Risk.CRITICAL, s.getRiskOverrides().get("pg.drop-table"));
        assertTrue(s.getInclude().contains("pg.drop-column") && !s.getExclude().contains("pg.drop-column"));
        assertEquals(1000L, s.getThresholds().get("batch_size"));
        assertEquals(1_000_000L, s.getThresholds().get("multi_phase_rows"));
    }
}
