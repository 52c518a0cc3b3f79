package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pull-request outputs (GitHub annotations, GitLab Code Quality, Markdown summary) and --changed-since. */
class PullRequestOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void githubAnnotationsEscapePropertiesAndSpanLinesWithoutColumns() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("db:main,v2"));
        Files.writeString(dir.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\n");
        Files.writeString(dir.resolve("V2__100%_sure.sql"), "ALTER TABLE orders\n    ALTER COLUMN total\n    SET NOT NULL;\n");
        Cli r = run(tmp, "check", "db:main,v2", "--format", "github");
        assertEquals(1, r.code, r.toString());
        String line = r.out.lines().filter(l -> l.contains("title=HIGH pg.set-not-null::")).findFirst().orElseThrow();
        // ':' and ',' in a property would end it early; '%' must not start an escape
        assertTrue(line.startsWith("::error file=db%3Amain%2Cv2/V2__100%25_sure.sql,line=1,endLine=3,title=HIGH pg.set-not-null::"),
                line);
        assertFalse(line.contains(",col="), "a multi-line annotation carries no column: " + line);
        // the message keeps ':' and ',' but its line breaks are escaped, so one finding is one line
        String message = line.substring(line.indexOf("::", 2) + 2);
        assertTrue(message.contains("%0AFix: "), message);
        assertFalse(message.contains("\n"), message);
        Files.writeString(dir.resolve("V3__index.sql"), "CREATE INDEX orders_total ON orders (total);\n");
        Cli single = run(tmp, "check", "db:main,v2", "--format", "github");
        assertTrue(single.out.lines().anyMatch(l -> l.startsWith(
                "::error file=db%3Amain%2Cv2/V3__index.sql,line=1,col=1,title=HIGH pg.require-concurrent-index::")), single.out);
    }

    @Test
    void gitlabFingerprintsAreUniqueAndSurviveMovedLines() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("db"));
        String v2 = "ALTER TABLE orders ALTER COLUMN total SET NOT NULL;\nCREATE INDEX orders_total ON orders (total);\n"
                + "CREATE INDEX orders_total2 ON orders (total);\n";
        Files.writeString(dir.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\n");
        Files.writeString(dir.resolve("V2__change.sql"), v2);
        JsonNode before = JSON.readTree(run(tmp, "check", "db", "--format", "gitlab").out);
        Files.writeString(dir.resolve("V2__change.sql"), "-- a comment that moves every line\n\n" + v2.replace(" ON orders", "\n    ON  orders"));
        JsonNode after = JSON.readTree(run(tmp, "check", "db", "--format", "gitlab").out);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        before.forEach(i -> a.add(i.get("fingerprint").asText()));
        after.forEach(i -> b.add(i.get("fingerprint").asText()));
        assertTrue(a.size() >= 3, before.toString());
        assertEquals(a.size(), new HashSet<>(a).size(), "one fingerprint per issue");
        assertEquals(a, b, "moving lines and changing whitespace keeps every fingerprint");
        assertTrue(after.get(0).get("location").get("lines").get("begin").asInt() >= 3, "the lines did move");
        Set<String> severities = new HashSet<>();
        for (JsonNode i : before) {
            String risk = i.get("description").asText().replaceAll(":.*", "");
            String expected = switch (risk) {
                case "CRITICAL" -> "blocker";
                case "HIGH" -> "critical";
                case "MEDIUM" -> "major";
                case "LOW" -> "minor";
                default -> "info";
            };
            assertEquals(expected, i.get("severity").asText(), i.toString());
            severities.add(expected);
        }
        assertTrue(severities.size() >= 2, severities.toString());
        // an input error about a file is an issue too, so the merge request shows it
        Cli bad = run(tmp, "check", "db", "db/V9__missing.sql", "--format", "gitlab");
        assertEquals(2, bad.code, bad.toString());
        boolean listed = false;
        for (JsonNode i : JSON.readTree(bad.out)) {
            listed |= i.get("check_name").asText().equals("schemagate.input-error")
                    && i.get("severity").asText().equals("blocker")
                    && i.get("location").get("path").asText().equals("db/V9__missing.sql");
        }
        assertTrue(listed, bad.toString());
    }

    @Test
    void markdownSummaryIsAShortPullRequestComment() {
        Cli r = Cli.run("check", Cli.EXAMPLE, "--format", "markdown-summary");
        assertEquals(1, r.code, r.toString());
        String md = r.out;
        assertTrue(md.startsWith("### SchemaGate: ❌ failed · worst risk **CRITICAL**\n"), md);
        assertTrue(md.contains("**What changed:** 8 migration files, "), md);
        assertTrue(md.matches("(?s).*\\(\\d+ destructive, \\d+ transformative, \\d+ additive changes\\) for postgres 17\\..*"), md);
        assertTrue(md.contains("**Gate:** fail-on HIGH: "), md);
        assertTrue(md.contains("| Risk | Rule | Where | What |\n|---|---|---|---|\n| CRITICAL ⛔ | `pg.change-column-type` | `"), md);
        assertTrue(md.contains("1 suppressed"), md);
        assertTrue(md.endsWith("Rollout plan (order, locks, safe rewrites): `schemagate plan " + Cli.EXAMPLE + "`\n"), md);
        // worst first, and no row breaks the table
        List<String> rows = md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Risk")).toList();
        assertTrue(rows.size() >= 3 && rows.size() <= 10, md);
        for (String row : rows) {
            assertEquals(6, row.split("(?<!\\\\)\\|", -1).length, "four cells: " + row);
        }
        assertEquals(md, Cli.run("check", Cli.EXAMPLE, "--format", "markdown-summary").out, "same input, same bytes");
        Cli ok = Cli.run("check", Cli.EXAMPLE + "/db/migration/V1__create_accounts_and_orders.sql", "--format",
                "markdown-summary", "--fail-on", "CRITICAL");
        assertTrue(ok.out.startsWith("### SchemaGate: ✅ passed"), ok.out);
    }

    @Test
    void changedSinceJudgesOnlyChangedMigrationsAndReplaysTheRest() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path mig = Files.createDirectories(repo.resolve("db/migration"));
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(mig.resolve("V1__t.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, note varchar(10));\n");
        Files.writeString(mig.resolve("V2__idx.sql"), "CREATE INDEX t_note ON t (note);\n");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "base");
        git(repo, "checkout", "-q", "-b", "feature");
        Files.writeString(mig.resolve("V3__widen.sql"), "ALTER TABLE t ALTER COLUMN note TYPE varchar(20);\n");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "widen");
        Files.writeString(mig.resolve("V4__untracked.sql"), "ALTER TABLE t ADD COLUMN flag boolean;\n");

        JsonNode report = JSON.readTree(run(repo, "check", "db/migration", "--changed-since", "main", "--format", "json").out);
        Set<String> files = new HashSet<>();
        report.get("files").forEach(f -> files.add(f.get("path").asText()));
        assertEquals(Set.of("db/migration/V3__widen.sql", "db/migration/V4__untracked.sql"), files);
        Set<String> rules = new HashSet<>();
        for (JsonNode f : report.get("findings")) {
            assertFalse(f.get("file").asText().contains("V1__") || f.get("file").asText().contains("V2__"), f.toString());
            rules.add(f.get("rule").asText() + "@" + f.get("file").asText());
        }
        // V1 was replayed, so widening varchar(10) to varchar(20) is known to need no rewrite
        assertFalse(rules.contains("pg.change-column-type@db/migration/V3__widen.sql"), rules.toString());
        Cli alone = run(repo, "check", "db/migration/V3__widen.sql", "--format", "json");
        assertTrue(alone.out.contains("\"pg.change-column-type\""), "without the history the type is unknown");
        // the same from a subfolder: git's listings are relative to the top level, the report to the subfolder
        JsonNode fromSub = JSON.readTree(run(mig, "check", ".", "--changed-since", "main", "--format", "json").out);
        Set<String> subFiles = new HashSet<>();
        fromSub.get("files").forEach(f -> subFiles.add(f.get("path").asText()));
        assertEquals(Set.of("V3__widen.sql", "V4__untracked.sql"), subFiles);
        // nothing changed since HEAD except the untracked file
        JsonNode sinceHead = JSON.readTree(run(repo, "check", "db/migration", "--changed-since", "HEAD", "--format", "json").out);
        assertEquals(1, sinceHead.get("files").size(), sinceHead.toString());
    }

    @Test
    void changedSinceOutsideGitOrWithABadRefIsAUsageError() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(plain.resolve("V1__t.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        Cli notRepo = run(plain, "check", ".", "--changed-since", "main");
        assertEquals(2, notRepo.code, notRepo.toString());
        assertTrue(notRepo.err.contains("--changed-since: ") && notRepo.err.contains("is not inside a git repository"),
                notRepo.err);
        assertEquals("", notRepo.out, "nothing half written");
        git(plain, "init", "-q", "-b", "main");
        git(plain, "add", ".");
        git(plain, "commit", "-q", "-m", "base");
        Cli badRef = run(plain, "check", ".", "--changed-since", "no-such-branch");
        assertEquals(2, badRef.code, badRef.toString());
        assertTrue(badRef.err.contains("unknown git ref 'no-such-branch'"), badRef.err);
        Cli option = run(plain, "check", ".", "--changed-since=--output=x");
        assertEquals(2, option.code, option.toString());
        assertFalse(option.err.contains("Exception"), option.err);
    }

    private static Cli run(Path dir, String... args) {
        return Cli.runIn(dir, args);
    }

    static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=SchemaGate Test", "-c",
                "user.email=test@schemagate.invalid", "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + "\n" + out);
    }

    static String gitOut(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
        return out;
    }
}
