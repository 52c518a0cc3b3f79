package dev.schemagate.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.RuleInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A YAML policy is data: nothing its author writes becomes DRL or Java code. Raw DRL needs --allow-drl. */
class PolicySafetyTest {
    private static final String SCHEMA = "CREATE TABLE orders (id bigint PRIMARY KEY, note text);\n";
    private static final String[] ATTACKS = {
        "\"); System.exit(42); //",
        "\" || java.lang.Runtime.getRuntime().exec(\"touch /tmp/pwned\") || \"",
        "${java.lang.System.exit(1)}",
        "@{java.lang.System.exit(1)}",
        "x\nend\nrule \"evil\" when then System.exit(3); end\nrule \"y",
        "\\\"); eval(true); //",
    };

    @TempDir
    Path dir;

    private static String yamlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Test
    void patternsAndMessagesNeverReachTheDrlTextAndMatchLiterally() throws Exception {
        StringBuilder yaml = new StringBuilder("rules:\n");
        int i = 0;
        for (String a : ATTACKS) {
            yaml.append("  - id: acme.attack-").append(i++).append("\n    summary: attack\n    risk: LOW\n")
                    .append("    message: ").append(yamlString("literal " + a.replace("{", "(").replace("}", ")"))).append("\n")
                    .append("    match:\n      table: ").append(yamlString(a)).append("\n")
                    .append("      column: ").append(yamlString(a)).append("\n")
                    .append("      file: ").append(yamlString(a)).append("\n");
        }
        yaml.append("  - id: acme.attack-message\n    summary: attack\n    risk: LOW\n    message: ")
                .append(yamlString("{table}: " + ATTACKS[0] + " " + ATTACKS[1])).append("\n    match: {kind: drop_column}\n");
        List<InputError> errors = new ArrayList<>();
        PolicySet set = Policies.load(dir, "attack.yaml", yaml.toString(), null, errors);
        assertEquals(List.of(), errors);
        List<PolicyPack.RuleSpec> specs = set.packs().get(0).rules;
        String drl = DrlCompiler.compile(specs);
        for (String a : ATTACKS) {
            assertFalse(drl.contains(a), "user text reached the DRL: " + a);
        }
        assertFalse(drl.contains("exit") || drl.contains("Runtime") || drl.contains("evil"), drl);
        Policies.Run r = Policies.check(set, "V1.sql", "ALTER TABLE orders DROP COLUMN note;\n", SCHEMA, new Settings());
        List<Finding> mine = r.report.getFindings().stream().filter(f -> f.getRule().startsWith("acme.")).toList();
        assertEquals(1, mine.size(), r.rules().toString());
        assertEquals("orders: " + ATTACKS[0] + " " + ATTACKS[1], mine.get(0).getMessage());
    }

    @Test
    void placeholdersInMessagesAreOnlyTheDocumentedNames() throws Exception {
        List<InputError> errors = new ArrayList<>();
        Policies.load(dir, "m.yaml", "rules:\n  - id: acme.m\n    summary: s\n    risk: LOW\n    message: \"${java.lang.System.exit(1)} {table}\"\n"
                + "    match: {kind: drop_table}\n", null, errors);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).toString().startsWith("m.yaml:5:14: unknown placeholder {java.lang.System.exit(1)}"), errors.toString());
    }

    @Test
    void ruleIdsThatCouldBreakOutOfTheRuleNameAreRejected() throws Exception {
        for (String id : new String[] {"acme.x\"", "acme.x\\", "acme.x#1", "acme.x\nrule", "ACME.X", "acme", "acme.x y"}) {
            List<InputError> errors = new ArrayList<>();
            Policies.load(dir, "id.yaml", "rules:\n  - id: " + yamlString(id) + "\n    summary: s\n    risk: LOW\n"
                    + "    match: {kind: drop_table}\n", null, errors);
            assertEquals(1, errors.size(), id + ": " + errors);
            assertTrue(errors.get(0).getMessage().contains("must be prefix.kebab-name"), errors.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> DrlCompiler.checkSafe("acme.x\"; end"));
    }

    @Test
    void yamlTagsDoNotInstantiateClasses() throws Exception {
        List<InputError> errors = new ArrayList<>();
        Policies.load(dir, "tags.yaml", "name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                + "[[!!java.net.URL [\"http://127.0.0.1:1/x.jar\"]]]]\nfail_on: !!java.lang.Runtime HIGH\n", null, errors);
        assertEquals(List.of("tags.yaml:1:7: 'name' is a list; expected text"),
                errors.stream().map(InputError::toString).toList());
    }

    @Test
    void aliasBombsAreNotExpanded() throws Exception {
        StringBuilder yaml = new StringBuilder("enable: &a [pg.drop-column, pg.drop-column, pg.drop-column]\n");
        String prev = "a";
        for (int i = 0; i < 8; i++) {
            String name = "x" + i;
            yaml.append("description: &").append(name).append(" [");
            for (int k = 0; k < 9; k++) {
                yaml.append(k > 0 ? ", " : "").append('*').append(prev);
            }
            yaml.append("]\n");
            prev = name;
        }
        List<InputError> errors = new ArrayList<>();
        Policies.load(dir, "bomb.yaml", yaml.toString(), null, errors);
        // expanded, description would hold 3 * 9^8 strings; read as data it is a duplicate key (and not text)
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains("'description' is set twice")), errors.toString());
    }

    @Test
    void rawDrlLoadsOnlyWithTheFlagAndGetsTheSameMetadata() throws Exception {
        Path pol = Files.createDirectories(dir.resolve("pol"));
        Files.writeString(pol.resolve("audit.drl"), "package acme.rules;\n"
                + "import dev.schemagate.model.change.DropColumn;\n"
                + "global dev.schemagate.rules.common.FindingSink findings;\n\n"
                + "rule \"acme.keep-notes\"\n"
                + "    @summary(\"Note columns are kept for the auditors\")\n"
                + "    @message(\"{table}.{columnName} is read by the audit export\")\n"
                + "    @risk(\"HIGH\")\n"
                + "    @changeType(\"Destructive\")\n"
                + "    @mitigation(\"Stop writing the column instead\")\n"
                + "    @tags(\"audit\")\n"
                + "when\n"
                + "    $c : DropColumn( columnName == \"note\" )\n"
                + "then\n"
                + "    findings.report(drools, $c);\n"
                + "end\n");
        List<InputError> errors = new ArrayList<>();
        PolicySet.load(List.of(pol), List.of("pol"), null, false, Policies.builtinIds(), errors);
        assertEquals(List.of("pol/audit.drl: raw DRL is code and is not loaded by default; pass --allow-drl if you trust it"),
                errors.stream().map(InputError::toString).toList());

        errors.clear();
        PolicySet set = PolicySet.load(List.of(pol), List.of("pol"), null, true, Policies.builtinIds(), errors);
        assertEquals(List.of(), errors);
        Policies.Run r = Policies.check(set, "V1.sql", "ALTER TABLE orders DROP COLUMN note;\n", SCHEMA, new Settings());
        Finding f = r.report.getFindings().stream().filter(x -> x.getRule().equals("acme.keep-notes")).findFirst().orElseThrow();
        assertEquals("orders.note is read by the audit export", f.getMessage());
        RuleInfo info = r.report.rule("acme.keep-notes");
        assertEquals("any", info.getDialect());
        assertEquals(List.of("audit"), info.getTags());

        // ids of raw DRL rules are known only once compiled; references are checked then
        Files.writeString(pol.resolve("team.yaml"), "risk: {acme.keep-notes: CRITICAL}\ndisable: [acme.keep-note]\n");
        errors.clear();
        PolicySet refs = PolicySet.load(List.of(pol), List.of("pol"), null, true, Policies.builtinIds(), errors);
        assertEquals(List.of(), errors);
        assertEquals(null, refs.compile(new Settings(), errors));
        assertEquals(List.of("pol/team.yaml:2:11: unknown rule id 'acme.keep-note'; did you mean 'acme.keep-notes'? "
                + "(schemagate rules lists them)"), errors.stream().map(InputError::toString).toList());
    }

    @Test
    void rawDrlThatDoesNotCompileIsALoadErrorWithItsLine() throws Exception {
        Path pol = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(pol.resolve("bad.drl"), "package acme.rules;\nrule \"acme.bad\"\n    @summary(\"x\")\n    @risk(\"LOW\")\n"
                + "when\n    $c : NoSuchType( )\nthen\nend\n");
        List<InputError> errors = new ArrayList<>();
        PolicySet set = PolicySet.load(List.of(pol), List.of("broken"), null, true, Policies.builtinIds(), errors);
        assertEquals(List.of(), errors);
        assertEquals(null, set.compile(new Settings(), errors));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).getMessage().startsWith("policy rules do not compile: broken/bad.drl:"), errors.toString());
    }
}
