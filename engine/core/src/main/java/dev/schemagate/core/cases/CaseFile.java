package dev.schemagate.core.cases;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule's cases file ({@code <rule>.cases.yml}): the rule id, defaults shared by the cases (dialect, server
 * version, a prior schema, settings), and cases named {@code test_*}, each a {@code fail:} or {@code pass:}
 * migration (or {@code fail_files:}/{@code pass_files:} for several migrations in order) with optional
 * {@code expect:} details and a {@code doc: bad|good} marker that puts it in the rule's generated page.
 */
public final class CaseFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FILE_KEYS = Set.of("rule", "dialect", "version", "given_schema", "config", "file",
            "tool");
    private static final Set<String> CASE_KEYS = Set.of("fail", "pass", "fail_files", "pass_files", "given_schema",
            "doc", "config", "expect", "also_enable", "version", "file", "description");
    private static final Set<String> EXPECT_KEYS = Set.of("line", "column", "risk", "message", "lock", "rewrite", "scan",
            "change_type", "suppressed", "sql");

    public final String source;
    public final String rule;
    public final String dialect;
    public final String version;
    public final String givenSchema;
    public final String fileName;
    /** A code migration tool ({@code knex}, {@code typeorm}, ...) whose reader reads the cases, or null for SQL. */
    public final String tool;
    public final Map<String, Object> config;
    public final List<RuleCase> cases;

    private CaseFile(String source, String rule, String dialect, String version, String givenSchema, String fileName,
                     String tool, Map<String, Object> config, List<RuleCase> cases) {
        this.source = source;
        this.rule = rule;
        this.dialect = dialect;
        this.version = version;
        this.givenSchema = givenSchema;
        this.fileName = fileName;
        this.tool = tool;
        this.config = config;
        this.cases = cases;
    }

    /** A cases file that cannot be used, with its position. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    public static CaseFile load(Path p) throws Invalid {
        try {
            return parse(Files.readString(p, StandardCharsets.UTF_8), p.toString());
        } catch (IOException e) {
            throw new Invalid(p + ": cannot read: " + e.getMessage());
        }
    }

    public static CaseFile parse(String yaml, String source) throws Invalid {
        JsonNode root;
        try (JsonParser jp = YAML.getFactory().createParser(yaml)) {
            root = YAML.readTree(jp);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new Invalid(source + (l == null ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr()) + ": not valid YAML: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Invalid(source + ": " + e.getMessage());
        }
        if (!(root instanceof ObjectNode)) {
            throw new Invalid(source + ": a cases file is a mapping with 'rule:' and test_* cases");
        }
        String rule = text(root, "rule");
        if (rule == null) {
            throw new Invalid(source + ": missing 'rule:'");
        }
        List<RuleCase> cases = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        int idx = 0;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            idx++;
            if (FILE_KEYS.contains(k)) {
                continue;
            }
            if (!k.startsWith("test_")) {
                throw new Invalid(source + ": unknown key '" + k + "' (cases are named test_*; file keys are " + FILE_KEYS + ")");
            }
            cases.add(parseCase(source, k, e.getValue(), idx));
        }
        if (cases.isEmpty()) {
            throw new Invalid(source + ": no test_* cases");
        }
        return new CaseFile(source, rule, text(root, "dialect"), text(root, "version"), text(root, "given_schema"),
                text(root, "file"), text(root, "tool"), map(root.get("config")), cases);
    }

    private static RuleCase parseCase(String source, String name, JsonNode n, int idx) throws Invalid {
        if (!n.isObject()) {
            throw new Invalid(source + ": " + name + " must be a mapping with fail: or pass:");
        }
        Iterator<String> keys = n.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!CASE_KEYS.contains(k)) {
                throw new Invalid(source + ": " + name + ": unknown key '" + k + "' (allowed: " + CASE_KEYS + ")");
            }
        }
        Map<String, String> files = new LinkedHashMap<>();
        boolean fail;
        String fileName = text(n, "file");
        if (n.has("fail") || n.has("pass")) {
            fail = n.has("fail");
            if (n.has("fail") && n.has("pass")) {
                throw new Invalid(source + ": " + name + " has both fail: and pass:");
            }
            files.put(fileName, text(n, fail ? "fail" : "pass"));
        } else if (n.has("fail_files") || n.has("pass_files")) {
            fail = n.has("fail_files");
            JsonNode ff = n.get(fail ? "fail_files" : "pass_files");
            Iterator<Map.Entry<String, JsonNode>> fi = ff.fields();
            while (fi.hasNext()) {
                Map.Entry<String, JsonNode> f = fi.next();
                files.put(f.getKey(), f.getValue().asText());
            }
        } else {
            throw new Invalid(source + ": " + name + " needs fail:, pass:, fail_files: or pass_files:");
        }
        if (name.startsWith("test_fail") && !fail || name.startsWith("test_pass") && fail) {
            throw new Invalid(source + ": " + name + ": the name says " + (fail ? "pass" : "fail") + " but the case is a "
                    + (fail ? "fail" : "pass") + " case");
        }
        List<RuleCase.Expectation> expect = new ArrayList<>();
        JsonNode ex = n.get("expect");
        if (ex != null) {
            if (!fail) {
                throw new Invalid(source + ": " + name + ": expect: belongs to fail cases");
            }
            for (JsonNode e : ex.isArray() ? ex : List.of(ex)) {
                Iterator<String> ek = e.fieldNames();
                while (ek.hasNext()) {
                    String k = ek.next();
                    if (!EXPECT_KEYS.contains(k)) {
                        throw new Invalid(source + ": " + name + ": unknown expect key '" + k + "' (allowed: " + EXPECT_KEYS + ")");
                    }
                }
                RuleCase.Expectation x = new RuleCase.Expectation();
                x.line = e.has("line") ? e.get("line").asInt() : null;
                x.column = e.has("column") ? e.get("column").asInt() : null;
                x.risk = text(e, "risk");
                x.messageContains = text(e, "message");
                x.lock = text(e, "lock");
                x.rewrite = e.has("rewrite") ? e.get("rewrite").asBoolean() : null;
                x.scan = e.has("scan") ? e.get("scan").asBoolean() : null;
                x.changeType = text(e, "change_type");
                x.suppressed = e.has("suppressed") ? e.get("suppressed").asBoolean() : null;
                x.sqlContains = text(e, "sql");
                expect.add(x);
            }
        }
        List<String> also = new ArrayList<>();
        if (n.has("also_enable")) {
            for (JsonNode a : n.get("also_enable")) {
                also.add(a.asText());
            }
        }
        String doc = text(n, "doc");
        if (doc != null && !doc.equals("bad") && !doc.equals("good")) {
            throw new Invalid(source + ": " + name + ": doc: must be bad or good");
        }
        Map<String, Object> config = map(n.get("config"));
        if (n.has("version")) {
            config.put("version", text(n, "version"));
        }
        return new RuleCase(name, fail, files, text(n, "given_schema"), doc, config, expect, also, idx);
    }

    private static String text(JsonNode n, String k) {
        JsonNode v = n.get(k);
        return v == null || v.isNull() ? null : v.asText();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode n) {
        if (n == null || n.isNull()) {
            return new LinkedHashMap<>();
        }
        return new LinkedHashMap<>(YAML.convertValue(n, Map.class));
    }
}
