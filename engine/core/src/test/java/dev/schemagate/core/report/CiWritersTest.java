package dev.schemagate.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.FindingBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Escaping and mapping rules of the CI writers, on hand-made findings. */
class CiWritersTest {
    @Test
    void githubEscapesLikeTheActionsToolkit() {
        // @actions/core escapeData: % \r \n; escapeProperty: also : and ,
        assertEquals("50%25 done%0D%0Anext: a, b", GithubWriter.data("50% done\r\nnext: a, b"));
        assertEquals("db%3Amain%2Cv2/V1%25.sql%0A", GithubWriter.prop("db:main,v2/V1%.sql\n"));
        assertEquals("%2525", GithubWriter.prop("%25"), "an existing escape is not taken as one");
        assertEquals("", GithubWriter.prop(null));
    }

    @Test
    void gitlabSeverityFollowsTheRiskScale() {
        assertEquals(List.of("info", "minor", "major", "critical", "blocker"),
                List.of(Risk.values()).stream().map(GitlabWriter::severity).toList());
    }

    @Test
    void fingerprintsIgnorePositionAndWhitespaceButNotRuleFileOrOccurrence() {
        Finding a = finding("pg.set-not-null", "db/V2.sql", 3, "ALTER TABLE t  ALTER COLUMN c\n SET NOT NULL");
        Finding moved = finding("pg.set-not-null", "db/V2.sql", 9, "ALTER TABLE t ALTER COLUMN c SET NOT NULL");
        Finding otherRule = finding("pg.require-lock-timeout", "db/V2.sql", 3, "ALTER TABLE t ALTER COLUMN c SET NOT NULL");
        Finding otherFile = finding("pg.set-not-null", "db/V3.sql", 3, "ALTER TABLE t ALTER COLUMN c SET NOT NULL");
        Finding windows = finding("pg.set-not-null", "db\\V2.sql", 3, "ALTER TABLE t ALTER COLUMN c SET NOT NULL");
        assertEquals(Fingerprints.of(List.of(a)), Fingerprints.of(List.of(moved)));
        assertEquals(Fingerprints.of(List.of(a)), Fingerprints.of(List.of(windows)));
        assertNotEquals(Fingerprints.of(List.of(a)), Fingerprints.of(List.of(otherRule)));
        assertNotEquals(Fingerprints.of(List.of(a)), Fingerprints.of(List.of(otherFile)));
        List<String> twice = Fingerprints.of(List.of(a, moved));
        assertNotEquals(twice.get(0), twice.get(1), "the same statement twice in a file: two issues");
        assertEquals(32, twice.get(0).length());
    }

    @Test
    void markdownCellsStayInTheirCell() {
        assertEquals("a \\| b \\`x\\` \\<b\\> \\*y\\*", MarkdownSummaryWriter.cell("a | b `x` <b> *y*"));
        assertEquals("one line", MarkdownSummaryWriter.cell("one\n  line"));
        String cut = MarkdownSummaryWriter.cell("x".repeat(500));
        assertTrue(cut.length() <= 160 && cut.endsWith("…"), cut);
    }

    @Test
    void markdownTableShowsTheWorstFindingsFirstAndCountsTheRest() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            findings.add(finding("pg.low-" + i, "db/V1.sql", i, "SELECT " + i).toBuilder().risk(Risk.LOW).build());
        }
        findings.add(finding("pg.bad", "db/V1.sql", 20, "DROP TABLE t").toBuilder().risk(Risk.CRITICAL).build());
        Report r = new Report("0", Map.of("postgres", "17"),
                List.of(new FileSummary("db/V1.sql", "1", "postgres", "flyway", 13, 13, 0, 0, null, null)), findings,
                List.of(), List.of(), Risk.HIGH);
        String md = new MarkdownSummaryWriter(List.of("db")).write(r);
        List<String> rows = md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Risk")).toList();
        assertEquals(MarkdownSummaryWriter.TOP, rows.size(), md);
        assertTrue(rows.get(0).startsWith("| CRITICAL ⛔ | `pg.bad` | `db/V1.sql:20` |"), rows.get(0));
        assertTrue(rows.get(1).startsWith("| LOW | `pg.low-1` |"), "report order within a risk: " + rows.get(1));
        assertTrue(md.contains("\n3 more in the full report.\n"), md);
        assertTrue(md.contains("**Gate:** fail-on HIGH: 1 blocking finding, 12 below the threshold."), md);
        assertTrue(md.endsWith("`schemagate plan db`\n"), md);
    }

    private static Finding finding(String rule, String file, int line, String sql) {
        return new FindingBuilder().rule(rule).risk(Risk.HIGH).position(file, line, 1).statement(sql).message("m")
                .build();
    }
}
