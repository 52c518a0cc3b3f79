package dev.schemagate.core.docs;

import dev.schemagate.core.cases.CaseFile;
import dev.schemagate.core.cases.RuleCase;
import dev.schemagate.model.finding.RuleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates the rule reference ({@code docs/rules/}) from the same three files the rules are built from: the
 * DRL metadata ({@link RuleInfo}), the prose ({@code <name>.md}) and the cases marked {@code doc: bad} and
 * {@code doc: good}. Nothing is written by hand, so a test can regenerate it and fail when the checked-in
 * copy is stale.
 */
public final class RuleDocs {
    private final ClassLoader loader;

    public RuleDocs(ClassLoader loader) {
        this.loader = loader;
    }

    /** The resource path of a rule file: {@code <source package>/<first tag>/<name>.<ext>}. */
    public static String resource(RuleInfo r, String ext) {
        String tail = r.getId().substring(r.getId().indexOf('.') + 1);
        String folder = r.getTags().isEmpty() ? "" : r.getTags().get(0) + "/";
        return r.getSource().replace('.', '/') + "/" + folder + tail + "." + ext;
    }

    /** The prose doc of a rule, or null when it has none on the class path. */
    public String prose(RuleInfo r) {
        return text(resource(r, "md"));
    }

    /** The rule's cases file, or null. */
    public CaseFile cases(RuleInfo r) {
        String yaml = text(resource(r, "cases.yml"));
        if (yaml == null) {
            return null;
        }
        try {
            return CaseFile.parse(yaml, resource(r, "cases.yml"));
        } catch (CaseFile.Invalid e) {
            return null;
        }
    }

    private String text(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** File name to content for the whole reference: an index and one page per rule. */
    public Map<String, String> generate(List<RuleInfo> rules) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("README.md", index(rules));
        for (RuleInfo r : rules) {
            out.put(r.getId() + ".md", page(r));
        }
        return out;
    }

    public String index(List<RuleInfo> rules) {
        Map<String, List<RuleInfo>> byDialect = new TreeMap<>();
        for (RuleInfo r : rules) {
            byDialect.computeIfAbsent(r.getDialect() == null ? "any" : r.getDialect(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# Rule reference\n\n");
        sb.append("Generated from the rules' metadata, prose and cases by `./schemagate docs docs/rules`; do not edit.\n");
        sb.append("A test fails when this folder is out of date.\n\n");
        sb.append(rules.size()).append(" rules.\n");
        for (Map.Entry<String, List<RuleInfo>> e : byDialect.entrySet()) {
            sb.append("\n## ").append(dialectName(e.getKey())).append("\n\n");
            sb.append("| Rule | Risk | Change | Lock | Summary | Peers |\n|---|---|---|---|---|---|\n");
            for (RuleInfo r : e.getValue()) {
                sb.append("| [").append(r.getId()).append("](").append(r.getId()).append(".md)")
                        .append(r.isEnabledByDefault() ? "" : " (opt-in)").append(" | ").append(r.getRisk())
                        .append(" | ").append(r.getChangeType() == null ? "" : r.getChangeType().label())
                        .append(" | ").append(r.getLock() == null ? "" : r.getLock())
                        .append(" | ").append(cell(r.getSummary())).append(" | ")
                        .append(cell(String.join(", ", r.getPeers()))).append(" |\n");
            }
        }
        return sb.toString();
    }

    /** One rule's page. */
    public String page(RuleInfo r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(r.getId()).append("\n\n");
        sb.append(r.getSummary()).append(".\n\n");
        sb.append("| | |\n|---|---|\n");
        sb.append("| Dialect | ").append(dialectName(r.getDialect() == null ? "any" : r.getDialect())).append(" |\n");
        sb.append("| Risk | ").append(r.getRisk()).append(" |\n");
        if (r.getDataLoss() != null && r.getDataLoss().ordinal() > 0) {
            sb.append("| Data-loss risk | ").append(r.getDataLoss()).append(" |\n");
        }
        if (r.getChangeType() != null) {
            sb.append("| Change type | ").append(r.getChangeType().label()).append(" |\n");
        }
        if (r.getLock() != null) {
            sb.append("| Lock | ").append(r.getLock()).append(" |\n");
        }
        sb.append("| Message | ").append(cell(r.getMessage())).append(" |\n");
        sb.append("| Tags | ").append(String.join(", ", r.getTags())).append(" |\n");
        sb.append("| Enabled by default | ").append(r.isEnabledByDefault() ? "yes" : "no").append(" |\n");
        sb.append("| Suppressible | ").append(r.isSuppressible() ? "yes" : "no").append(" |\n");
        if (!r.getPeers().isEmpty()) {
            sb.append("| Same check in other tools | ").append(cell(String.join(", ", r.getPeers()))).append(" |\n");
        }
        sb.append("| Since | ").append(r.getSince()).append(" |\n\n");
        String prose = prose(r);
        if (prose != null) {
            sb.append(prose.strip()).append("\n\n");
        }
        if (!r.getMitigations().isEmpty()) {
            sb.append("## What SchemaGate suggests\n\n");
            for (String m : r.getMitigations()) {
                sb.append("- ").append(m).append('\n');
            }
            sb.append('\n');
        }
        CaseFile cf = cases(r);
        if (cf != null) {
            examples(sb, cf);
        }
        sb.append("## Suppressing\n\n");
        if (r.isSuppressible()) {
            boolean js = "mongodb".equals(r.getDialect());
            sb.append(js ? "```js\n// schemagate:ignore " : "```sql\n-- schemagate:ignore ").append(r.getId())
                    .append(" -- why this is safe here\n```\n");
        } else {
            sb.append("This rule cannot be suppressed.\n");
        }
        return sb.toString();
    }

    private static void examples(StringBuilder sb, CaseFile cf) {
        List<RuleCase> bad = new ArrayList<>();
        List<RuleCase> good = new ArrayList<>();
        for (RuleCase c : cf.cases) {
            if ("bad".equals(c.doc)) {
                bad.add(c);
            } else if ("good".equals(c.doc)) {
                good.add(c);
            }
        }
        if (bad.isEmpty() && good.isEmpty()) {
            return;
        }
        sb.append("## Examples\n\n");
        String schema = cf.givenSchema;
        if (schema != null && !schema.isBlank()) {
            sb.append("Given this schema:\n\n```sql\n").append(schema.strip()).append("\n```\n\n");
        }
        if (cf.version != null) {
            sb.append("With ").append(dialectName(cf.dialect == null ? "postgres" : cf.dialect)).append(' ')
                    .append(cf.version).append(".\n\n");
        }
        for (RuleCase c : bad) {
            ownSchema(sb, c, schema);
            sb.append("Reported:\n\n```").append(fence(cf, c)).append('\n').append(c.sql().strip()).append("\n```\n\n");
        }
        for (RuleCase c : good) {
            ownSchema(sb, c, schema);
            sb.append("Not reported:\n\n```").append(fence(cf, c)).append('\n').append(c.sql().strip()).append("\n```\n\n");
        }
    }

    /**
     * The code-fence language of a case: sql; python, js or ts for a code migration tool's cases; for MongoDB js, json, xml
     * or yaml by the case's file name.
     */
    private static String fence(CaseFile cf, RuleCase c) {
        if (cf.tool != null && (cf.tool.equals("alembic") || cf.tool.equals("django"))) {
            return "python";
        }
        if (cf.tool != null) {
            String n = cf.fileName == null ? "" : cf.fileName;
            return n.endsWith(".ts") ? "ts" : "js";
        }
        if (!"mongodb".equals(cf.dialect)) {
            return "sql";
        }
        String name = c.files.keySet().stream().filter(java.util.Objects::nonNull).findFirst().orElse(cf.fileName);
        String n = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".json") ? "json" : n.endsWith(".xml") ? "xml" : n.endsWith(".yaml") || n.endsWith(".yml") ? "yaml" : "js";
    }

    private static void ownSchema(StringBuilder sb, RuleCase c, String shared) {
        if (c.givenSchema != null && !c.givenSchema.isBlank() && !c.givenSchema.equals(shared)) {
            sb.append("Given:\n\n```sql\n").append(c.givenSchema.strip()).append("\n```\n\n");
        }
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    static String dialectName(String id) {
        switch (id) {
            case "postgres": return "PostgreSQL";
            case "mysql": return "MySQL";
            case "mariadb": return "MariaDB";
            case "sqlite": return "SQLite";
            case "mongodb": return "MongoDB";
            default: return "All dialects";
        }
    }
}
