package dev.schemagate.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.schemagate.core.InputError;
import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.Mitigation;
import dev.schemagate.model.finding.Suppression;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable report; its shape is {@code docs/report.schema.json} (format version 1). Fields are
 * written in a fixed order; absent values are left out rather than written as null.
 */
public final class JsonWriter implements ReportWriter {
    public static final String FORMAT_VERSION = "1";
    static final int STATEMENT_MAX = 2000;

    @Override
    public String write(Report r) {
        return Json.render(g -> {
            g.writeStartObject();
            g.writeStringField("formatVersion", FORMAT_VERSION);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", "schemagate");
            g.writeStringField("version", r.getToolVersion());
            g.writeEndObject();
            g.writeObjectFieldStart("target");
            for (Map.Entry<String, String> e : r.getTarget().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeStringField("failOn", r.getFailOn().name());
            g.writeStringField("result", !r.getErrors().isEmpty() ? "error" : r.isFailed() ? "failed" : "passed");
            g.writeNumberField("exitCode", r.exitCode());
            summary(g, r);
            g.writeArrayFieldStart("findings");
            List<String> prints = Fingerprints.of(r.getFindings());
            for (int i = 0; i < r.getFindings().size(); i++) {
                finding(g, r.getFindings().get(i), prints.get(i), r);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("files");
            for (FileSummary f : r.getFiles()) {
                g.writeStartObject();
                g.writeStringField("path", f.getPath());
                Json.str(g, "migration", f.getMigration());
                Json.str(g, "dialect", f.getDialect());
                Json.str(g, "tool", f.getTool());
                g.writeNumberField("statements", f.getStatements());
                g.writeNumberField("modelled", f.getModelled());
                g.writeNumberField("fallback", f.getFallback());
                g.writeNumberField("unparsed", f.getUnparsed());
                Json.str(g, "skipped", f.getSkipped());
                Json.str(g, "warning", f.getWarning());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("errors");
            for (InputError e : r.getErrors()) {
                g.writeStartObject();
                Json.str(g, "file", e.getFile());
                Json.num(g, "line", e.getLine());
                Json.num(g, "column", e.getLine() > 0 ? Math.max(1, e.getColumn()) : 0);
                g.writeStringField("message", e.getMessage());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void summary(JsonGenerator g, Report r) throws IOException {
        int files = 0;
        int stmts = 0;
        int modelled = 0;
        int unparsed = 0;
        int skipped = 0;
        for (FileSummary f : r.getFiles()) {
            if (f.getSkipped() != null) {
                skipped++;
            } else {
                files++;
                stmts += f.getStatements();
                modelled += f.getModelled();
                unparsed += f.getUnparsed();
            }
        }
        g.writeObjectFieldStart("summary");
        g.writeNumberField("files", files);
        g.writeNumberField("skippedFiles", skipped);
        g.writeNumberField("statements", stmts);
        g.writeNumberField("modelled", modelled);
        g.writeNumberField("unparsed", unparsed);
        g.writeObjectFieldStart("findings");
        Map<Risk, Integer> c = r.counts();
        for (Risk k : new Risk[] {Risk.CRITICAL, Risk.HIGH, Risk.MEDIUM, Risk.LOW, Risk.NONE}) {
            g.writeNumberField(k.name(), c.get(k));
        }
        g.writeEndObject();
        g.writeNumberField("suppressed", r.suppressedCount());
        g.writeNumberField("blocking", r.getBlocking().size());
        g.writeEndObject();
    }

    private static void finding(JsonGenerator g, Finding f, String fingerprint, Report r) throws IOException {
        g.writeStartObject();
        g.writeStringField("rule", f.getRule());
        g.writeStringField("risk", f.getRisk().name());
        g.writeStringField("dataLossRisk", (f.getDataLossRisk() == null ? Risk.NONE : f.getDataLossRisk()).name());
        Json.str(g, "changeType", f.getChangeType() == null ? null : f.getChangeType().label());
        g.writeBooleanField("blocking", !f.isSuppressed() && f.getRisk().atLeast(r.getFailOn()));
        Json.str(g, "dialect", f.getDialect());
        Json.str(g, "file", f.getFile());
        Json.str(g, "migration", f.getMigration());
        g.writeNumberField("line", Math.max(1, f.getLine()));
        g.writeNumberField("column", Math.max(1, f.getColumn()));
        Json.num(g, "endLine", f.getEndLine());
        Json.num(g, "endColumn", f.getEndColumn());
        Json.str(g, "table", f.getTable());
        Json.str(g, "statement", Json.clip(f.getStatement(), STATEMENT_MAX));
        g.writeStringField("message", f.getMessage());
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
        g.writeBooleanField("suppressed", f.isSuppressed());
        Suppression s = f.getSuppression();
        if (s != null) {
            g.writeObjectFieldStart("suppression");
            g.writeStringField("kind", s.getKind());
            Json.str(g, "reason", s.getReason());
            Json.str(g, "approver", s.getApprover());
            Json.str(g, "expires", s.getExpires());
            Json.str(g, "location", s.getLocation());
            g.writeEndObject();
        }
        g.writeStringField("fingerprint", fingerprint);
        g.writeEndObject();
    }
}
