package dev.schemagate.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyRulesTest {
    private static final String SCHEMA = "CREATE SCHEMA payments;\n"
            + "CREATE TABLE payments.ledger (id bigint PRIMARY KEY, amount_cents bigint, note text);\n"
            + "CREATE TABLE orders (id bigint PRIMARY KEY, status text, note text);\n";

    @TempDir
    Path dir;

    private PolicySet ok(String yaml, String env) throws Exception {
        List<InputError> errors = new ArrayList<>();
        PolicySet set = Policies.load(dir, "team.yaml", yaml, env, errors);
        assertEquals(List.of(), errors.stream().map(InputError::toString).toList());
        return set;
    }

    @Test
    void yamlRuleMatchesKindTableAndColumnAndRendersItsMessage() throws Exception {
        PolicySet set = ok("rules:\n"
                + "  - id: acme.no-money-columns-dropped\n"
                + "    summary: Money columns are never dropped\n"
                + "    message: \"{kind} {table}.{column} ({change}) in {file}\"\n"
                + "    risk: CRITICAL\n"
                + "    change_type: destructive\n"
                + "    mitigations: [Keep the column and stop writing it]\n"
                + "    match:\n"
                + "      kind: [drop_column]\n"
                + "      table: payments.*\n"
                + "      column: \"*_cents\"\n", null);
        Policies.Run r = Policies.check(set, "V2__x.sql", "ALTER TABLE payments.ledger DROP COLUMN note;\n"
                + "ALTER TABLE payments.ledger DROP COLUMN amount_cents;\nALTER TABLE orders DROP COLUMN note;\n", SCHEMA,
                new Settings());
        List<Finding> mine = r.report.getFindings().stream().filter(f -> f.getRule().equals("acme.no-money-columns-dropped")).toList();
        assertEquals(1, mine.size(), r.rules().toString());
        Finding f = mine.get(0);
        assertEquals(2, f.getLine());
        assertEquals(Risk.CRITICAL, f.getRisk());
        assertTrue(f.getMessage().startsWith("drop column payments.ledger.amount_cents ("), f.getMessage());
        assertTrue(f.getMessage().endsWith("in V2__x.sql"), f.getMessage());
        assertEquals("Destructive", f.getChangeType().label());
        assertNotNull(r.report.rule("acme.no-money-columns-dropped"));
    }

    @Test
    void rowsConditionUsesStatsAndUnknownSizesDoNotMatchUnlessAsked() throws Exception {
        String yaml = "rules:\n"
                + "  - id: acme.big-table-index\n"
                + "    summary: Indexes on big tables go through the online-schema-change tool\n"
                + "    risk: HIGH\n"
                + "    match: {kind: create_index, rows: {at_least: 1000000%s}}\n";
        String sql = "CREATE INDEX CONCURRENTLY orders_status ON orders (status);\n";
        Settings big = new Settings();
        big.getStats().put("orders", new Settings.TableStats(2_000_000L, null, null));
        assertTrue(Policies.check(ok(String.format(yaml, ""), null), "V1.sql", sql, SCHEMA, big).rules()
                .contains("acme.big-table-index@1"));
        Settings small = new Settings();
        small.getStats().put("orders", new Settings.TableStats(10L, null, null));
        assertFalse(Policies.check(ok(String.format(yaml, ""), null), "V1.sql", sql, SCHEMA, small).rules()
                .contains("acme.big-table-index@1"));
        assertFalse(Policies.check(ok(String.format(yaml, ""), null), "V1.sql", sql, SCHEMA, new Settings()).rules()
                .contains("acme.big-table-index@1"));
        assertTrue(Policies.check(ok(String.format(yaml, ", if_unknown: match"), null), "V1.sql", sql, SCHEMA,
                new Settings()).rules().contains("acme.big-table-index@1"));
    }

    @Test
    void columnTypeFamilyAndTransactionContext() throws Exception {
        PolicySet set = ok("rules:\n"
                + "  - id: acme.no-float-money\n"
                + "    summary: Approximate numbers do not hold money\n"
                + "    risk: MEDIUM\n"
                + "    match: {kind: [add_column, alter_column_type], column_type: [APPROXIMATE_NUMERIC, DOUBLE, REAL, FLOAT]}\n"
                + "  - id: acme.ddl-in-transaction\n"
                + "    summary: Column changes run outside explicit transactions here\n"
                + "    risk: LOW\n"
                + "    match: {kind: add_column, in_transaction: true}\n", null);
        Policies.Run r = Policies.check(set, "V3.sql", "ALTER TABLE orders ADD COLUMN total double precision;\n"
                + "BEGIN;\nALTER TABLE orders ADD COLUMN label text;\nCOMMIT;\n", SCHEMA, new Settings());
        assertTrue(r.rules().contains("acme.no-float-money@1"), r.rules().toString());
        assertFalse(r.rules().contains("acme.no-float-money@3"), r.rules().toString());
        assertTrue(r.rules().contains("acme.ddl-in-transaction@3"), r.rules().toString());
        assertFalse(r.rules().contains("acme.ddl-in-transaction@1"), r.rules().toString());
    }

    @Test
    void protectedTablesNeedAWaiverThatAnIgnoreCommentCannotGive() throws Exception {
        PolicySet set = ok("protected:\n  - tables: [payments.*]\n    risk: CRITICAL\n    reason: PCI scope\n", null);
        Policies.Run r = Policies.check(set, "V4.sql", "-- schemagate:ignore policy.protected-table -- trust me\n"
                + "ALTER TABLE payments.ledger DROP COLUMN note;\nALTER TABLE orders DROP COLUMN note;\n", SCHEMA, new Settings());
        Finding f = r.report.getFindings().stream().filter(x -> x.getRule().equals(PolicySet.PROTECTED)).findFirst().orElseThrow();
        assertEquals(2, f.getLine());
        assertEquals(Risk.CRITICAL, f.getRisk());
        assertFalse(f.isSuppressed(), "ignore comments do not clear a protected-table finding");
        assertTrue(f.getMessage().contains("payments.* is protected by policy team (PCI scope); it needs a waiver"), f.getMessage());
        assertEquals(1, r.rules().stream().filter(x -> x.startsWith(PolicySet.PROTECTED)).count(), r.rules().toString());
    }

    @Test
    void policyWaiverWaivesUntilItExpiresAndUnusedOrExpiredWaiversAreReported() throws Exception {
        String yaml = "protected: [payments.*]\n"
                + "waivers:\n"
                + "  - rule: policy.protected-table\n"
                + "    table: payments.ledger\n"
                + "    file: \"V5*.sql\"\n"
                + "    approver: cfo@acme.test\n"
                + "    reason: note column moved to ledger_notes, FIN-12\n"
                + "    expires: 2026-06-30\n"
                + "  - rule: pg.drop-column\n"
                + "    table: nothing_here\n"
                + "    approver: dba@acme.test\n"
                + "    reason: stale\n"
                + "    expires: 2026-12-31\n";
        String sql = "ALTER TABLE payments.ledger DROP COLUMN note;\n";
        Policies.Run before = Policies.check(ok(yaml, null), "V5__drop.sql", sql, SCHEMA, new Settings().setToday(LocalDate.of(2026, 6, 30)));
        Finding waived = before.report.getFindings().stream().filter(x -> x.getRule().equals(PolicySet.PROTECTED)).findFirst().orElseThrow();
        assertTrue(waived.isSuppressed());
        assertEquals("waiver", waived.getSuppression().getKind());
        assertEquals("cfo@acme.test", waived.getSuppression().getApprover());
        assertEquals("2026-06-30", waived.getSuppression().getExpires());
        assertEquals("team.yaml:3", waived.getSuppression().getLocation());
        assertTrue(before.rules().contains("core.waiver-unused@9"), before.rules().toString());

        Policies.Run after = Policies.check(ok(yaml, null), "V5__drop.sql", sql, SCHEMA, new Settings().setToday(LocalDate.of(2026, 7, 1)));
        assertTrue(after.rules().contains(PolicySet.PROTECTED + "@1"), after.rules().toString());
        Finding expired = after.report.getFindings().stream().filter(x -> x.getRule().equals("core.waiver-expired")).findFirst().orElseThrow();
        assertEquals("team.yaml", expired.getFile());
        assertEquals(3, expired.getLine());
    }

    @Test
    void requiredPracticesLockTimeoutAndDestructiveWaiver() throws Exception {
        PolicySet set = ok("thresholds: {max_lock_timeout: 2s}\nrequire: {lock_timeout: true, destructive_waiver: true}\n", null);
        Policies.Run none = Policies.check(set, "V6.sql", "ALTER TABLE orders ADD COLUMN a int;\nALTER TABLE orders DROP COLUMN note;\n",
                SCHEMA, new Settings());
        assertTrue(none.rules().contains(PolicySet.REQUIRE_LOCK_TIMEOUT + "@1"), none.rules().toString());
        assertTrue(none.rules().contains(PolicySet.DESTRUCTIVE_WAIVER + "@2"), none.rules().toString());
        Policies.Run tooLong = Policies.check(ok("thresholds: {max_lock_timeout: 2s}\nrequire: {lock_timeout: true}\n", null),
                "V6.sql", "SET lock_timeout = '10s';\nALTER TABLE orders ADD COLUMN a int;\n", SCHEMA, new Settings());
        assertTrue(tooLong.rules().contains(PolicySet.REQUIRE_LOCK_TIMEOUT + "@2"), tooLong.rules().toString());
        Policies.Run fine = Policies.check(ok("thresholds: {max_lock_timeout: 2s}\nrequire: {lock_timeout: true}\n", null),
                "V6.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN a int;\n", SCHEMA, new Settings());
        assertFalse(fine.rules().stream().anyMatch(x -> x.startsWith(PolicySet.REQUIRE_LOCK_TIMEOUT)), fine.rules().toString());
        assertEquals(2000L, fine.settings.getThresholds().get("max_lock_timeout"));
    }
}
