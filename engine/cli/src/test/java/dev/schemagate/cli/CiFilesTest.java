package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ready-made pipeline files in docs/ci: the git hook really runs in a temporary repository; the GitHub
 * workflow and the GitLab job are checked against their vendored schemas (src/test/resources/ci-schema).
 */
class CiFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path CI = Cli.ROOT.resolve("docs/ci");

    @TempDir
    Path tmp;

    @Test
    void githubWorkflowMatchesGitHubsWorkflowSchema() throws IOException {
        WorkflowSchema schema = new WorkflowSchema(resource("ci-schema/github-workflow-v1.0.json"));
        JsonNode workflow = YAML.readTree(CI.resolve("github/schemagate.yml").toFile());
        assertEquals(List.of(), schema.validate(workflow));
        String run = workflow.at("/jobs/migrations/steps/4/run").asText();
        assertTrue(run.contains("--changed-since \"$BASE_REF\" --format github"), run);
        assertTrue(run.contains("--format markdown-summary"), run);
        assertEquals(0, workflow.at("/jobs/migrations/steps/0/with/fetch-depth").asInt(), "full history for the merge base");
        JsonNode steps = workflow.at("/jobs/migrations/steps");
        String gate = steps.get(steps.size() - 1).get("run").asText();
        assertEquals("exit ${{ steps.check.outputs.exit || 3 }}", gate, "a missing exit code fails the gate");
        // the checker does reject what GitHub rejects
        ObjectNode broken = workflow.deepCopy();
        ObjectNode job = (ObjectNode) broken.at("/jobs/migrations");
        job.set("runs_on", job.remove("runs-on"));
        List<String> errors = schema.validate(broken);
        assertTrue(errors.stream().anyMatch(e -> e.contains("runs_on: unknown key")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("missing required key 'runs-on'")), errors.toString());
        ObjectNode step = (ObjectNode) workflow.deepCopy().at("/jobs/migrations/steps/4");
        step.put("uses", "actions/checkout@v4");
        ObjectNode withBadStep = workflow.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) withBadStep.at("/jobs/migrations/steps")).set(4, step);
        assertFalse(schema.validate(withBadStep).isEmpty(), "a step cannot both run and use an action");
    }

    @Test
    void gitlabJobMatchesGitLabsCiSchema() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(resource("ci-schema/gitlab-ci.schema.json"));
        JsonNode job = YAML.readTree(CI.resolve("gitlab/schemagate.gitlab-ci.yml").toFile());
        assertEquals(Set.of(), schema.validate(job));
        JsonNode reports = job.at("/schemagate/artifacts/reports");
        assertEquals("gl-code-quality-report.json", reports.get("codequality").asText());
        assertTrue(job.at("/schemagate/script").toString().contains("--format gitlab --output gl-code-quality-report.json"));
        ObjectNode broken = job.deepCopy();
        ((ObjectNode) broken.get("schemagate")).set("scripts", broken.get("schemagate").get("script"));
        ((ObjectNode) broken.get("schemagate")).remove("script");
        Set<ValidationMessage> errors = schema.validate(broken);
        assertFalse(errors.isEmpty(), "an unknown job key is rejected");
    }

    @Test
    void preCommitFrameworkHookIsWellFormed() throws IOException {
        JsonNode hooks = YAML.readTree(Cli.ROOT.resolve(".pre-commit-hooks.yaml").toFile());
        assertTrue(hooks.isArray() && hooks.size() == 1, hooks.toString());
        JsonNode h = hooks.get(0);
        for (String k : new String[] {"id", "name", "entry", "language"}) {
            assertTrue(h.hasNonNull(k), "pre-commit requires " + k);
        }
        assertEquals("script", h.get("language").asText());
        String[] entry = h.get("entry").asText().split(" ");
        Path launcher = Cli.ROOT.resolve(entry[0]);
        assertTrue(Files.isExecutable(launcher), "language: script runs a file of the hook repository: " + launcher);
        assertEquals(List.of("check", "--changed-since", "HEAD"), List.of(entry).subList(1, entry.length));
        assertFalse(h.get("pass_filenames").asBoolean(), "the whole history is read, not just the staged files");
        Pattern files = Pattern.compile(h.get("files").asText());
        assertTrue(files.matcher("db/migration/V2__x.sql").find());
        assertFalse(files.matcher("src/Main.java").find());
        JsonNode example = YAML.readTree(CI.resolve("pre-commit/.pre-commit-config.yaml").toFile());
        assertEquals(h.get("id").asText(), example.at("/repos/0/hooks/0/id").asText());
    }

    @Test
    void gitHookRefusesARiskyCommitAndLetsASafeOneThrough() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path mig = Files.createDirectories(repo.resolve("db/migration"));
        Path hook = repo.resolve(".git/hooks/pre-commit");
        PullRequestOutputTest.git(repo, "init", "-q", "-b", "main");
        Files.createDirectories(hook.getParent());
        Files.copy(CI.resolve("pre-commit/pre-commit"), hook);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("SCHEMAGATE", launcher().toString());

        // first commit (no HEAD yet): the settings (the migration tool sets lock_timeout) and a table
        Files.writeString(repo.resolve("schemagate.yaml"), "lock_timeout: 2s\n");
        Files.writeString(mig.resolve("V1__accounts.sql"),
                "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL);\n");
        Run first = commit(repo, env, "accounts");
        assertEquals(0, first.code, first.out);

        // a safe change passes
        Files.writeString(mig.resolve("V2__nickname.sql"), "ALTER TABLE accounts ADD COLUMN nickname text;\n");
        Run safe = commit(repo, env, "nickname");
        assertEquals(0, safe.code, safe.out);
        assertTrue(safe.out.contains("Checked 1 file"), "only the new migration is judged: " + safe.out);

        // a risky one is refused, and nothing is committed
        String head = PullRequestOutputTest.gitOut(repo, "rev-parse", "HEAD");
        Files.writeString(mig.resolve("V3__require_nickname.sql"),
                "ALTER TABLE accounts ALTER COLUMN nickname SET NOT NULL;\n");
        Run risky = commit(repo, env, "require nickname");
        assertNotEquals(0, risky.code, risky.out);
        assertTrue(risky.out.contains("db/migration/V3__require_nickname.sql:1:1: HIGH pg.set-not-null"), risky.out);
        assertTrue(risky.out.contains("schemagate: commit refused"), risky.out);
        assertEquals(head, PullRequestOutputTest.gitOut(repo, "rev-parse", "HEAD"), "no commit was made");

        // the pre-commit framework's entry (check --changed-since HEAD, then the configured args) agrees
        JsonNode h = YAML.readTree(Cli.ROOT.resolve(".pre-commit-hooks.yaml").toFile()).get(0);
        List<String> cmd = new ArrayList<>(List.of(launcher().toString()));
        String entry = h.get("entry").asText();
        cmd.addAll(List.of(entry.substring(entry.indexOf(' ') + 1).split(" ")));
        cmd.add("db/migration");
        Run framework = run(repo, Map.of(), cmd);
        assertEquals(1, framework.code, framework.out);

        // the bypass users are told about works
        Run bypass = run(repo, env, List.of("git", "-c", "user.name=T", "-c", "user.email=t@t.invalid", "commit", "-q",
                "--no-verify", "-m", "forced"));
        assertEquals(0, bypass.code, bypass.out);
    }

    private Run commit(Path repo, Map<String, String> env, String message) throws Exception {
        Run add = run(repo, env, List.of("git", "add", "-A"));
        assertEquals(0, add.code, add.out);
        return run(repo, env, List.of("git", "-c", "user.name=SchemaGate Test", "-c", "user.email=test@schemagate.invalid",
                "-c", "core.hooksPath=.git/hooks", "-c", "commit.gpgsign=false", "commit", "-q", "-m", message));
    }

    /** A {@code schemagate} command running this build's classes (the shaded jar is made after the tests). */
    private Path launcher() throws IOException {
        Path script = tmp.resolve("bin/schemagate");
        if (!Files.exists(script)) {
            Files.createDirectories(script.getParent());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '"
                    + System.getProperty("java.class.path") + "' dev.schemagate.cli.Main \"$@\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return script;
    }

    private record Run(int code, String out) {
    }

    private static Run run(Path dir, Map<String, String> env, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    private JsonNode resource(String name) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            return JSON.readTree(in);
        }
    }
}
