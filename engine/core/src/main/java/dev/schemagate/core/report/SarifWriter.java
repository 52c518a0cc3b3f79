package dev.schemagate.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.schemagate.core.InputError;
import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.Mitigation;
import dev.schemagate.model.finding.RuleInfo;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning UIs: {@code rules[]} from the rule metadata, one result per finding with its
 * region, a stable partial fingerprint, suppressions for suppressed findings, and input errors as tool
 * execution notifications. Findings that fail the gate are {@code error}; other MEDIUM and above
 * {@code warning}; the rest {@code note}.
 */
public final class SarifWriter implements ReportWriter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    @Override
    public String write(Report r) {
        return Json.render(g -> {
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA);
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", "SchemaGate");
            g.writeStringField("version", r.getToolVersion());
            g.writeStringField("semanticVersion", r.getToolVersion());
            g.writeArrayFieldStart("rules");
            Map<String, Integer> index = new HashMap<>();
            for (RuleInfo rule : r.getRules()) {
                index.put(rule.getId(), index.size());
                rule(g, rule);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("invocations");
            g.writeStartObject();
            g.writeBooleanField("executionSuccessful", r.getErrors().isEmpty());
            g.writeNumberField("exitCode", r.exitCode());
            g.writeArrayFieldStart("toolExecutionNotifications");
            for (InputError e : r.getErrors()) {
                g.writeStartObject();
                g.writeStringField("level", "error");
                g.writeObjectFieldStart("message");
                g.writeStringField("text", e.getMessage());
                g.writeEndObject();
                if (e.getFile() != null) {
                    g.writeArrayFieldStart("locations");
                    location(g, e.getFile(), e.getLine(), e.getColumn(), 0, null);
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeArrayFieldStart("results");
            List<String> prints = Fingerprints.of(r.getFindings());
            for (int i = 0; i < r.getFindings().size(); i++) {
                result(g, r.getFindings().get(i), prints.get(i), index, r);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void rule(JsonGenerator g, RuleInfo rule) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", rule.getId());
        g.writeStringField("name", name(rule.getId()));
        g.writeObjectFieldStart("shortDescription");
        g.writeStringField("text", rule.getSummary() == null ? rule.getId() : rule.getSummary());
        g.writeEndObject();
        if (!rule.getMitigations().isEmpty()) {
            g.writeObjectFieldStart("help");
            g.writeStringField("text", String.join("\n", rule.getMitigations()));
            g.writeEndObject();
        }
        g.writeObjectFieldStart("defaultConfiguration");
        g.writeStringField("level", level(rule.getRisk(), false));
        g.writeBooleanField("enabled", rule.isEnabledByDefault());
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeStringField("risk", rule.getRisk() == null ? "CRITICAL" : rule.getRisk().name());
        g.writeStringField("dataLossRisk", rule.getDataLoss().name());
        Json.str(g, "changeType", rule.getChangeType() == null ? null : rule.getChangeType().label());
        Json.str(g, "lock", rule.getLock());
        Json.str(g, "dialect", rule.getDialect());
        g.writeArrayFieldStart("tags");
        for (String t : rule.getTags()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("peers");
        for (String p : rule.getPeers()) {
            g.writeString(p);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void result(JsonGenerator g, Finding f, String fingerprint, Map<String, Integer> index, Report r)
            throws IOException {
        boolean blocking = !f.isSuppressed() && f.getRisk().atLeast(r.getFailOn());
        g.writeStartObject();
        g.writeStringField("ruleId", f.getRule());
        Integer idx = index.get(f.getRule());
        if (idx != null) {
            g.writeNumberField("ruleIndex", idx);
        }
        g.writeStringField("level", blocking ? "error" : level(f.getRisk(), true));
        g.writeObjectFieldStart("message");
        StringBuilder text = new StringBuilder(f.getRisk().name()).append(": ").append(f.getMessage());
        if (!f.getMitigations().isEmpty()) {
            text.append(" Fix: ").append(f.getMitigations().get(0).getText());
        }
        g.writeStringField("text", text.toString());
        g.writeEndObject();
        g.writeArrayFieldStart("locations");
        location(g, f.getFile(), f.getLine(), f.getColumn(), f.getEndLine(), Json.clip(f.getStatement(), 500));
        g.writeEndArray();
        g.writeObjectFieldStart("partialFingerprints");
        g.writeStringField("schemagate/v1", fingerprint);
        g.writeEndObject();
        if (f.isSuppressed()) {
            g.writeArrayFieldStart("suppressions");
            g.writeStartObject();
            g.writeStringField("kind", "inline".equals(f.getSuppression().getKind()) ? "inSource" : "external");
            g.writeStringField("status", "accepted");
            Json.str(g, "justification", f.getSuppression().getReason());
            if ("waiver".equals(f.getSuppression().getKind())) {
                g.writeObjectFieldStart("properties");
                Json.str(g, "approver", f.getSuppression().getApprover());
                Json.str(g, "expires", f.getSuppression().getExpires());
                Json.str(g, "location", f.getSuppression().getLocation());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeObjectFieldStart("properties");
        g.writeStringField("risk", f.getRisk().name());
        g.writeStringField("dataLossRisk", (f.getDataLossRisk() == null ? Risk.NONE : f.getDataLossRisk()).name());
        Json.str(g, "changeType", f.getChangeType() == null ? null : f.getChangeType().label());
        Json.str(g, "lock", f.getLock());
        if (f.getRewrite() != null) {
            g.writeBooleanField("rewrite", f.getRewrite());
        }
        if (f.getScan() != null) {
            g.writeBooleanField("scan", f.getScan());
        }
        g.writeBooleanField("uncertain", f.isUncertain());
        g.writeArrayFieldStart("mitigations");
        for (Mitigation m : f.getMitigations()) {
            g.writeStartObject();
            g.writeStringField("text", m.getText());
            Json.str(g, "sql", m.getSql());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("peers");
        for (String p : f.getPeers()) {
            g.writeString(p);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void location(JsonGenerator g, String file, int line, int column, int endLine, String snippet)
            throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("physicalLocation");
        g.writeObjectFieldStart("artifactLocation");
        g.writeStringField("uri", uri(file));
        g.writeEndObject();
        if (line > 0) {
            g.writeObjectFieldStart("region");
            g.writeNumberField("startLine", line);
            g.writeNumberField("startColumn", Math.max(1, column));
            if (endLine >= line) {
                g.writeNumberField("endLine", endLine);
            }
            if (snippet != null) {
                g.writeObjectFieldStart("snippet");
                g.writeStringField("text", snippet);
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A relative URI reference for a path: forward slashes, reserved characters escaped. */
    static String uri(String path) {
        String p = path.replace('\\', '/');
        try {
            return new URI(null, null, p, null).toASCIIString();
        } catch (URISyntaxException e) {
            return p.replace(" ", "%20");
        }
    }

    /** {@code require-concurrent-index} becomes {@code RequireConcurrentIndex}. */
    static String name(String id) {
        String tail = id.contains(".") ? id.substring(id.indexOf('.') + 1) : id;
        StringBuilder sb = new StringBuilder();
        boolean up = true;
        for (char c : tail.toCharArray()) {
            if (c == '-' || c == '_' || c == '.') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    private static String level(Risk risk, boolean result) {
        if (risk == null) {
            return "error";
        }
        return risk.atLeast(Risk.HIGH) ? (result ? "warning" : "error") : risk.atLeast(Risk.MEDIUM) ? "warning" : "note";
    }
}
