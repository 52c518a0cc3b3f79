package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Each machine format is checked against its published schema or its consumers' syntax. */
class FormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonReportMatchesTheDocumentedSchema() throws Exception {
        JsonNode schema = JSON.readTree(Files.readString(Cli.ROOT.resolve("docs/report.schema.json")));
        JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        for (String[] args : new String[][] {{"check", Cli.EXAMPLE, "--format", "json"},
                {"check", Cli.EXAMPLE, "/nonexistent/path", "--format", "json"}}) {
            Cli r = Cli.run(args);
            Set<ValidationMessage> errors = s.validate(JSON.readTree(r.out));
            assertEquals(Set.of(), errors, r.out);
        }
        // every finding carries the fields the output contract promises
        JsonNode report = JSON.readTree(Cli.run("check", Cli.EXAMPLE, "--format", "json").out);
        for (JsonNode f : report.get("findings")) {
            for (String k : new String[] {"rule", "risk", "changeType", "file", "line", "column", "statement", "message",
                    "mitigations", "peers"}) {
                assertTrue(f.has(k), k + " missing in " + f);
            }
        }
    }

    @Test
    void sarifIsValid210WithRulesFromMetadata() throws Exception {
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
            schema = JSON.readTree(in);
        }
        JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        Cli r = Cli.run("check", Cli.EXAMPLE, "--format", "sarif");
        JsonNode sarif = JSON.readTree(r.out);
        assertEquals(Set.of(), s.validate(sarif));
        JsonNode run = sarif.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertTrue(rules.size() >= 10, "all rules are listed");
        boolean sawSuppressed = false;
        for (JsonNode res : run.get("results")) {
            int idx = res.get("ruleIndex").asInt();
            assertEquals(res.get("ruleId").asText(), rules.get(idx).get("id").asText());
            assertTrue(res.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt() >= 1);
            sawSuppressed |= res.has("suppressions");
        }
        assertTrue(sawSuppressed, "the suppressed DROP COLUMN is reported with a suppression");
        Cli bad = Cli.run("check", Cli.EXAMPLE, "/nonexistent/path", "--format", "sarif");
        JsonNode sb = JSON.readTree(bad.out);
        assertEquals(Set.of(), s.validate(sb));
        assertEquals(false, sb.get("runs").get(0).get("invocations").get(0).get("executionSuccessful").asBoolean());
    }

    @Test
    void junitXmlParsesAndCountsBlockingFindingsAsFailures() throws Exception {
        Cli r = Cli.run("check", Cli.EXAMPLE, "--format", "junit");
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.out.getBytes(StandardCharsets.UTF_8)));
        NodeList failures = d.getElementsByTagName("failure");
        int blocking = JSON.readTree(Cli.run("check", Cli.EXAMPLE, "--format", "json").out).get("summary")
                .get("blocking").asInt();
        assertEquals(blocking, failures.getLength());
        assertEquals(String.valueOf(blocking), d.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void githubAnnotationsAreWorkflowCommands() {
        Cli r = Cli.run("check", Cli.EXAMPLE, "--format", "github");
        Pattern cmd = Pattern.compile("^::(error|warning|notice) file=[^,:]+,line=\\d+,(col=\\d+|endLine=\\d+),title=[^:]+::.+$");
        String[] lines = r.out.split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            assertTrue(cmd.matcher(lines[i]).matches(), lines[i]);
        }
        assertTrue(lines[lines.length - 1].startsWith("schemagate: failed"), r.out);
    }

    @Test
    void gitlabCodeQualityHasRequiredFields() throws Exception {
        JsonNode arr = JSON.readTree(Cli.run("check", Cli.EXAMPLE, "--format", "gitlab").out);
        assertTrue(arr.isArray() && arr.size() > 0);
        for (JsonNode i : arr) {
            for (String k : new String[] {"description", "check_name", "fingerprint", "severity"}) {
                assertTrue(i.hasNonNull(k), k + " in " + i);
            }
            assertTrue(Set.of("info", "minor", "major", "critical", "blocker").contains(i.get("severity").asText()));
            assertTrue(i.get("location").get("path").asText().endsWith(".sql"));
            assertTrue(i.get("location").get("lines").get("begin").asInt() >= 1);
        }
    }
}
