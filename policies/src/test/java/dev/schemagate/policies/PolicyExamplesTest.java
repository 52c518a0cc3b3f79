package dev.schemagate.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.schemagate.core.Engine;
import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.SettingsKeys;
import dev.schemagate.core.cases.CaseFile;
import dev.schemagate.core.cases.CaseRunner;
import dev.schemagate.dialects.postgres.PostgresDialect;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import dev.schemagate.model.Version;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.ColumnType;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.Effect;
import dev.schemagate.model.change.TypeChange;
import dev.schemagate.model.spi.SqlDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The published JSON Schema, the loader and the examples agree; the example pack's cases hold. */
class PolicyExamplesTest {
    private static final Path ROOT = Path.of(System.getProperty("schemagate.root", "..")).toAbsolutePath().normalize();
    private static final Path EXAMPLES = ROOT.resolve("policies/examples");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schemaNode() throws Exception {
        return JSON.readTree(ROOT.resolve("docs/policy.schema.json").toFile());
    }

    private static JsonSchema schema() throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode());
    }

    private static List<Path> examplePolicies() throws Exception {
        try (Stream<Path> s = Files.walk(EXAMPLES)) {
            return s.filter(Files::isRegularFile).filter(PolicySet::isPolicy).sorted().toList();
        }
    }

    @Test
    void everyExamplePolicyValidatesAgainstThePublishedSchemaAndLoadsCleanly() throws Exception {
        JsonSchema schema = schema();
        List<Path> files = examplePolicies();
        assertTrue(files.size() >= 2, files.toString());
        for (Path f : files) {
            Set<ValidationMessage> problems = schema.validate(YAML.readTree(f.toFile()));
            assertEquals(Set.of(), problems, f.toString());
            List<InputError> errors = new ArrayList<>();
            PolicySet.load(List.of(f), List.of(f.getFileName().toString()), null, false, Policies.builtinIds(), errors);
            assertEquals(List.of(), errors, f.toString());
        }
    }

    @Test
    void theSchemaRejectsWhatTheLoaderRejects() throws Exception {
        JsonSchema schema = schema();
        for (String bad : new String[] {"fail-on: HIGH\n", "rules:\n  - id: acme.a\n    summary: s\n    risk: LOW\n    match: {tabel: x}\n",
                "waivers:\n  - {rule: pg.drop-column, approver: a, reason: r}\n", "thresholds: {max_lock_timeout: soon}\n",
                "profiles:\n  Prod: {fail_on: HIGH}\n"}) {
            assertFalse(schema.validate(YAML.readTree(bad)).isEmpty(), bad);
            List<InputError> errors = new ArrayList<>();
            PolicyLoader.parse(bad, "bad.yaml", null, errors);
            assertFalse(errors.isEmpty(), bad);
        }
    }

    @Test
    void theSchemaAndTheLoaderKnowTheSameKeys() throws Exception {
        JsonNode s = schemaNode();
        JsonNode defs = s.get("$defs");
        assertEquals(set(PolicyLoader.TOP_KEYS), keys(s.get("properties")));
        assertEquals(set(PolicyLoader.LAYER_KEYS), keys(defs.get("profile").get("properties")));
        assertEquals(set(PolicyLoader.PROTECTED_KEYS), keys(defs.get("protectedList").get("items").get("oneOf").get(1).get("properties")));
        assertEquals(set(PolicyLoader.REQUIRE_KEYS), keys(defs.get("require").get("properties")));
        assertEquals(set(PolicyLoader.RULE_KEYS), keys(defs.get("rule").get("properties")));
        assertEquals(set(PolicyLoader.MATCH_KEYS), keys(defs.get("match").get("properties")));
        assertEquals(set(PolicyLoader.ROWS_KEYS), keys(defs.get("match").get("properties").get("rows").get("properties")));
        assertEquals(set(PolicyLoader.LOCK_TIMEOUT_KEYS), keys(defs.get("match").get("properties").get("lock_timeout").get("properties")));
        assertEquals(set(PolicyLoader.WAIVER_KEYS), keys(defs.get("waiver").get("properties")));
        assertEquals(set(SettingsKeys.THRESHOLDS), keys(defs.get("thresholds").get("properties")));
    }

    @Test
    void theExamplePacksCasesPass() throws Exception {
        List<InputError> errors = new ArrayList<>();
        PolicySet set = PolicySet.load(List.of(EXAMPLES.resolve("platform")), List.of("platform"), null, false,
                Policies.builtinIds(), errors);
        assertEquals(List.of(), errors);
        Settings s = new Settings();
        set.applyTo(s);
        PolicyRulePack pack = set.compile(s, errors);
        assertEquals(List.of(), errors);
        List<SqlDialect> dialects = List.of(new PostgresDialect(), new StandInMysql());
        Engine engine = new Engine(dialects, Policies.builtin().packs());
        engine.addPack(pack);
        CaseRunner runner = new CaseRunner(engine);
        List<Path> cases = set.caseFiles();
        assertEquals(4, cases.size(), cases.toString());
        int ran = 0;
        for (Path p : cases) {
            CaseFile cf = CaseFile.load(p);
            for (CaseRunner.Result r : runner.run(cf)) {
                assertTrue(r.passed, p.getFileName() + " " + r);
                ran++;
            }
        }
        assertEquals(19, ran);
    }

    private static Set<String> set(List<String> l) {
        return new TreeSet<>(l);
    }

    private static Set<String> keys(JsonNode n) {
        Set<String> out = new TreeSet<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }

    /**
     * Reads MySQL cases with the PostgreSQL reader (their SQL is plain ALTER TABLE / CREATE INDEX, which both
     * read alike) and marks the changes as MySQL, so the MySQL-only example rule is exercised before the MySQL
     * reader exists. Test code only.
     */
    static final class StandInMysql implements SqlDialect {
        private final PostgresDialect pg = new PostgresDialect();

        @Override
        public List<Dialect> dialects() {
            return List.of(Dialect.MYSQL);
        }

        @Override
        public String defaultSchema() {
            return pg.defaultSchema();
        }

        @Override
        public List<Statement> split(Migration migration, String text, Problems problems) {
            return pg.split(migration, text, problems);
        }

        @Override
        public List<Change> map(Statement statement) {
            List<Change> cs = pg.map(statement);
            cs.forEach(c -> c.setDialect(Dialect.MYSQL));
            return cs;
        }

        @Override
        public Effect effect(Change change, Catalog before, Version version) {
            return pg.effect(change, before, Version.parse("17"));
        }

        @Override
        public TypeChange typeChange(ColumnType from, ColumnType to, String using, Version version) {
            return pg.typeChange(from, to, using, Version.parse("17"));
        }

        @Override
        public ColumnType parseType(String written) {
            return pg.parseType(written);
        }
    }
}
