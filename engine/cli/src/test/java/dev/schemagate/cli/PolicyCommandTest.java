package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PACK = Cli.ROOT.resolve("policies/examples/platform").toString();
    private static final String DEMO = Cli.ROOT.resolve("policies/examples/demo/db/migration").toString();
    private static final String WAIVERS = Cli.ROOT.resolve("policies/examples/demo/waivers.yaml").toString();

    @TempDir
    Path tmp;

    private static List<String> findings(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            out.add(f.get("rule").asText() + "@" + Path.of(f.get("file").asText()).getFileName() + ":" + f.get("line").asInt()
                    + (f.get("suppressed").asBoolean() ? " " + f.get("suppression").get("kind").asText() : ""));
        }
        return out;
    }

    @Test
    void examplePackOnTheDemoServiceInProd() throws Exception {
        Cli r = Cli.run("check", DEMO, "--policy", PACK, "--policy", WAIVERS, "--env", "prod", "--today", "2026-06-15",
                "--format", "json");
        assertEquals(1, r.code, r.toString());
        JsonNode report = JSON.readTree(r.out);
        assertEquals("MEDIUM", report.get("failOn").asText(), "the prod profile fails on MEDIUM");
        List<String> found = findings(report);
        assertTrue(found.contains("policy.protected-table@V3__drop_ledger_memo.sql:3 waiver"), found.toString());
        assertTrue(found.contains("policy.protected-table@V4__drop_refund_drafts.sql:2"), "the file waiver expired: " + found);
        assertTrue(found.contains("core.waiver-expired@waivers.yaml:4"), found.toString());
        assertTrue(found.contains("policy.destructive-needs-waiver@V4__drop_refund_drafts.sql:2"), "prod requires waivers: " + found);
        assertTrue(found.contains("policy.require-lock-timeout@V5__ledger_fee.sql:1"), found.toString());
        assertTrue(found.contains("acme.money-as-integer-cents@V5__ledger_fee.sql:1"), found.toString());
        assertFalse(found.stream().anyMatch(f -> f.startsWith("pg.require-lock-timeout")), "the pack disables it: " + found);
        for (JsonNode f : report.get("findings")) {
            if (f.get("suppressed").asBoolean()) {
                JsonNode s = f.get("suppression");
                assertEquals("cfo@acme.example", s.get("approver").asText());
                assertEquals("2026-09-30", s.get("expires").asText());
                assertTrue(s.get("location").asText().endsWith("V3__drop_ledger_memo.sql:2"), s.toString());
            }
        }
        Cli again = Cli.run("check", DEMO, "--policy", PACK, "--policy", WAIVERS, "--env", "prod", "--today", "2026-06-15",
                "--format", "json");
        assertEquals(r.out, again.out, "same input, same bytes");
    }

    @Test
    void devProfileAndBeforeTheWaiverExpires() throws Exception {
        Cli r = Cli.run("check", DEMO, "--policy", PACK, "--policy", WAIVERS, "--env", "dev", "--today", "2026-05-31",
                "--format", "json");
        JsonNode report = JSON.readTree(r.out);
        assertEquals("CRITICAL", report.get("failOn").asText());
        List<String> found = findings(report);
        assertTrue(found.contains("policy.protected-table@V4__drop_refund_drafts.sql:2 waiver"), found.toString());
        assertFalse(found.stream().anyMatch(f -> f.startsWith("core.waiver-expired") || f.startsWith("policy.destructive")), found.toString());
    }

    @Test
    void sarifAndTextShowWaiversAndStayValidAgainstTheirSchemas() throws Exception {
        Cli sarif = Cli.run("check", DEMO, "--policy", PACK, "--policy", WAIVERS, "--today", "2026-06-15", "--format", "sarif");
        JsonNode sarifSchema;
        try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
            sarifSchema = JSON.readTree(in);
        }
        assertEquals(java.util.Set.of(), com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7)
                .getSchema(sarifSchema).validate(JSON.readTree(sarif.out)));
        Cli json = Cli.run("check", DEMO, "--policy", PACK, "--policy", WAIVERS, "--today", "2026-06-15", "--format", "json");
        assertEquals(java.util.Set.of(), com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(Files.readString(Cli.ROOT.resolve("docs/report.schema.json")))).validate(JSON.readTree(json.out)));
        JsonNode run = JSON.readTree(sarif.out).get("runs").get(0);
        boolean waived = false;
        for (JsonNode res : run.get("results")) {
            if (res.has("suppressions") && res.get("ruleId").asText().equals("policy.protected-table")) {
                JsonNode s = res.get("suppressions").get(0);
                assertEquals("external", s.get("kind").asText());
                assertEquals("cfo@acme.example", s.get("properties").get("approver").asText());
                waived = true;
            }
        }
        assertTrue(waived, sarif.out);
        List<String> ruleIds = new ArrayList<>();
        run.get("tool").get("driver").get("rules").forEach(x -> ruleIds.add(x.get("id").asText()));
        assertTrue(ruleIds.contains("acme.money-as-integer-cents") && ruleIds.contains("policy.protected-table"), ruleIds.toString());
        Cli text = Cli.run("check", DEMO, "--policy", PACK, "--today", "2026-06-15");
        assertTrue(text.out.contains("V3__drop_ledger_memo.sql:3:1: waived policy.protected-table (memo moved to ledger_notes "
                + "in FIN-231; approved by cfo@acme.example, expires 2026-09-30"), text.out);
    }

    @Test
    void precedenceIsPacksThenSchemagateYamlThenTheCommandLine() throws Exception {
        Path mig = Files.createDirectories(tmp.resolve("mig"));
        Files.writeString(mig.resolve("V1__t.sql"), "CREATE TABLE t (id bigint);\n");
        Files.writeString(tmp.resolve("a.yaml"), "fail_on: CRITICAL\n");
        Files.writeString(tmp.resolve("b.yaml"), "fail_on: HIGH\nprofiles:\n  prod: {fail_on: MEDIUM}\n");
        Files.writeString(tmp.resolve("schemagate.yaml"), "policies: [a.yaml, b.yaml]\nenv: prod\n");
        String cfg = tmp.resolve("schemagate.yaml").toString();
        assertEquals("MEDIUM", failOn("check", mig.toString(), "--config", cfg, "--format", "json"));
        Files.writeString(tmp.resolve("schemagate.yaml"), "policies: [a.yaml, b.yaml]\nenv: prod\nfail_on: LOW\n");
        assertEquals("LOW", failOn("check", mig.toString(), "--config", cfg, "--format", "json"));
        assertEquals("NONE", failOn("check", mig.toString(), "--config", cfg, "--format", "json", "--fail-on", "NONE"));
        Files.writeString(tmp.resolve("schemagate.yaml"), "policies: [b.yaml, a.yaml]\n");
        assertEquals("CRITICAL", failOn("check", mig.toString(), "--config", cfg, "--format", "json"));
        assertEquals("CRITICAL", failOn("check", mig.toString(), "--config", cfg, "--format", "json", "--policy",
                tmp.resolve("a.yaml").toString()));
        assertEquals("HIGH", failOn("check", mig.toString(), "--config", cfg, "--format", "json", "--policy",
                tmp.resolve("b.yaml").toString()));
    }

    private static String failOn(String... args) throws Exception {
        Cli r = Cli.run(args);
        assertEquals(0, r.code, r.toString());
        return JSON.readTree(r.out).get("failOn").asText();
    }

    @Test
    void aPolicyThatDoesNotLoadStopsTheRunWithExit2BeforeAnythingIsChecked() throws Exception {
        Files.writeString(tmp.resolve("bad.yaml"), "name: bad\nrisk:\n  pg.drop-colum: HIGH\n");
        Cli r = Cli.run("check", Cli.EXAMPLE, "--policy", tmp.resolve("bad.yaml").toString(), "--format", "json");
        assertEquals(2, r.code, r.toString());
        assertEquals("", r.out, "nothing was checked");
        assertTrue(r.err.contains("bad.yaml:3:3: unknown rule id 'pg.drop-colum'; did you mean 'pg.drop-column'?"), r.err);
        assertTrue(r.err.contains("nothing was checked"), r.err);
        assertFalse(r.err.contains("Exception"), r.err);
        Path drl = Files.createDirectories(tmp.resolve("drl"));
        Files.writeString(drl.resolve("x.drl"), "package x;\n");
        Cli d = Cli.run("check", Cli.EXAMPLE, "--policy", drl.toString());
        assertEquals(2, d.code, d.toString());
        assertTrue(d.err.contains("x.drl: raw DRL is code and is not loaded by default; pass --allow-drl"), d.err);
        Cli e = Cli.run("check", Cli.EXAMPLE, "--policy", PACK, "--env", "prdo");
        assertEquals(2, e.code);
        assertTrue(e.err.contains("did you mean 'prod'?"), e.err);
        Cli t = Cli.run("check", Cli.EXAMPLE, "--today", "31/12/2026");
        assertEquals(2, t.code);
        assertTrue(t.err.contains("--today: value '31/12/2026'; expected a date written YYYY-MM-DD"), t.err);
    }

    @Test
    void policyValidateReportsEachProblemWithItsPositionAndExit1() throws Exception {
        Files.writeString(tmp.resolve("p.yaml"), "fail_onn: HIGH\nrules:\n  - id: acme.x\n    summary: X\n    risk: HIHG\n"
                + "    match: {table_regex: \"(\"}\nwaivers:\n  - {rule: pg.drop-column, approver: a, reason: r, expires: 2026-02-30}\n");
        Cli r = Cli.run("policy", "validate", tmp.resolve("p.yaml").toString());
        assertEquals(1, r.code, r.toString());
        String p = tmp.resolve("p.yaml").toString();
        assertTrue(r.out.contains(p + ":1:1: unknown policy key 'fail_onn'; did you mean 'fail_on'?"), r.out);
        assertTrue(r.out.contains(p + ":5:11: risk is 'HIHG'; expected NONE, LOW, MEDIUM, HIGH or CRITICAL; did you mean 'HIGH'?"), r.out);
        assertTrue(r.out.contains(p + ":6:26: table_regex '(' is not a valid regular expression"), r.out);
        assertTrue(r.out.contains(p + ":8:61: expires is '2026-02-30'; expected a date written YYYY-MM-DD"), r.out);
        assertTrue(r.out.contains("4 problems found"), r.out);
        Cli ok = Cli.run("policy", "validate", PACK);
        assertEquals(0, ok.code, ok.toString());
        assertTrue(ok.out.contains("acme-platform.yaml: valid (profiles: dev, staging, prod)"), ok.out);
        Cli drl = Cli.run("policy", "validate", PACK, "--show-drl");
        assertTrue(drl.out.contains("rule \"acme.money-as-integer-cents#1\"\nwhen\n    $c : Change(kind in (ChangeKind.ADD_COLUMN, "
                + "ChangeKind.ALTER_COLUMN_TYPE),\n        m.column(1, this),\n        m.type(1, this))"), drl.out);
        assertFalse(drl.out.contains("*amount*"), "patterns stay out of the DRL: " + drl.out);
    }

    @Test
    void policyTestRunsTheCasesAndFailsLikeAUnitTest() throws Exception {
        Cli ok = Cli.run("policy", "test", PACK);
        assertEquals(0, ok.code, ok.toString());
        assertTrue(ok.out.contains("ok    acme.money-as-integer-cents test_fail_double_amount"), ok.out);
        assertTrue(ok.out.contains("15 passed, 0 failed, 4 skipped (4 cases files)"), ok.out);

        Path dir = Files.createDirectories(tmp.resolve("team"));
        Files.writeString(dir.resolve("team.yaml"), "rules:\n  - id: team.no-truncate\n    summary: No TRUNCATE\n    risk: HIGH\n"
                + "    match: {kind: truncate_table}\n");
        Files.writeString(dir.resolve("team.no-truncate.cases.yml"), "rule: team.no-truncate\ndialect: postgres\n"
                + "given_schema: \"CREATE TABLE t (id int);\"\n"
                + "test_fail_truncate:\n  fail: \"TRUNCATE t;\"\n  expect: [{line: 1, risk: CRITICAL}]\n"
                + "test_pass_delete:\n  pass: \"DELETE FROM t;\"\n");
        Cli bad = Cli.run("policy", "test", dir.toString());
        assertEquals(1, bad.code, bad.toString());
        assertTrue(bad.out.contains("FAIL  team.no-truncate test_fail_truncate"), bad.out);
        assertTrue(bad.out.contains("no finding matches { line=1 risk=CRITICAL }; got: team.no-truncate@1:1 HIGH"), bad.out);
        assertTrue(bad.out.contains("ok    team.no-truncate test_pass_delete"), bad.out);
        assertTrue(bad.out.contains("1 passed, 1 failed"), bad.out);
        assertFalse(ok.out.contains("note  "), "every example rule has cases: " + ok.out);
        Files.writeString(dir.resolve("more.yaml"), "require: {lock_timeout: true}\n");
        Cli untested = Cli.run("policy", "test", dir.toString());
        assertTrue(untested.out.contains("note  policy.require-lock-timeout has no policy.require-lock-timeout.cases.yml"), untested.out);
    }

    @Test
    void rulesAndExplainDescribePolicyRulesLikeBuiltInOnes() {
        Cli rules = Cli.run("rules", "--policy", PACK);
        assertEquals(0, rules.code, rules.toString());
        assertTrue(rules.out.contains("acme.money-as-integer-cents"), rules.out);
        assertTrue(rules.out.contains("policy.require-lock-timeout"), rules.out);
        Cli explain = Cli.run("explain", "acme.money-as-integer-cents", "--policy", PACK);
        assertEquals(0, explain.code, explain.toString());
        assertTrue(explain.out.contains("binary floating point: 0.10 is stored as"), "prose from the .md: " + explain.out);
        assertTrue(explain.out.contains("ALTER TABLE orders ADD COLUMN total_amount double precision;"), "cases: " + explain.out);
    }
}
