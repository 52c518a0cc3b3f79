package dev.schemagate.core.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.schemagate.core.input.Layout;
import dev.schemagate.core.report.Json;
import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;
import java.io.IOException;

/** The audit as JSON (fields in a fixed order; see docs/audit.md). */
public final class AuditJson {
    private AuditJson() {
    }

    public static String render(Audit a, String version) {
        return Json.render(g -> {
            g.writeStartObject();
            g.writeStringField("formatVersion", "1");
            g.writeStringField("tool", "schemagate " + version);
            g.writeArrayFieldStart("layouts");
            for (Layout l : a.layouts) {
                g.writeStartObject();
                g.writeStringField("root", l.getRoot());
                g.writeStringField("tool", l.getTool());
                g.writeArrayFieldStart("dialects");
                for (String d : l.getDialects()) {
                    g.writeString(d);
                }
                g.writeEndArray();
                g.writeStringField("evidence", l.getEvidence());
                g.writeNumberField("files", l.getFiles());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("totals");
            g.writeNumberField("migrations", a.migrations.size());
            g.writeNumberField("unread", a.unread());
            g.writeNumberField("additive", a.total(ChangeType.ADDITIVE));
            g.writeNumberField("transformative", a.total(ChangeType.TRANSFORMATIVE));
            g.writeNumberField("destructive", a.destructive());
            g.writeNumberField("pointsOfNoReturn", a.pointsOfNoReturn());
            g.writeNumberField("uncertain", a.uncertain());
            g.writeNumberField("withDown", a.rollback("paired"));
            g.writeNumberField("missingDown", a.rollback("missing"));
            g.writeNumberField("emptyDown", a.rollback("empty"));
            g.writeObjectFieldStart("findings");
            for (Risk r : new Risk[] {Risk.CRITICAL, Risk.HIGH, Risk.MEDIUM, Risk.LOW, Risk.NONE}) {
                g.writeNumberField(r.name(), a.count(r));
            }
            g.writeEndObject();
            g.writeNumberField("suppressed", a.suppressed.size());
            g.writeNumberField("errors", a.report.getErrors().size());
            g.writeEndObject();
            g.writeArrayFieldStart("migrations");
            for (Audit.Migration m : a.migrations) {
                migration(g, m);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("otherFindings");
            for (Finding f : a.other) {
                finding(g, f);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("suppressions");
            for (Finding f : a.suppressed) {
                g.writeStartObject();
                g.writeStringField("file", f.getFile());
                g.writeNumberField("line", f.getLine());
                g.writeStringField("rule", f.getRule());
                Json.str(g, "reason", f.getSuppression().getReason());
                Json.str(g, "location", f.getSuppression().getLocation());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("waivers");
            for (Audit.Waiver w : a.waivers) {
                g.writeStartObject();
                g.writeStringField("rule", w.rule);
                Json.str(g, "scope", w.scope);
                Json.str(g, "reason", w.reason);
                Json.str(g, "approver", w.approver);
                Json.str(g, "expires", w.expires);
                g.writeNumberField("matched", w.matched);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void migration(JsonGenerator g, Audit.Migration m) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", m.index);
        g.writeStringField("path", m.path);
        g.writeStringField("id", m.id);
        g.writeStringField("tool", m.tool);
        g.writeStringField("dialect", m.dialect);
        Json.str(g, "unread", m.unread);
        g.writeObjectFieldStart("changes");
        g.writeNumberField("additive", m.changes.get(ChangeType.ADDITIVE));
        g.writeNumberField("transformative", m.changes.get(ChangeType.TRANSFORMATIVE));
        g.writeNumberField("destructive", m.changes.get(ChangeType.DESTRUCTIVE));
        g.writeNumberField("uncertain", m.uncertain);
        g.writeEndObject();
        g.writeArrayFieldStart("changeList");
        for (String k : m.kinds) {
            g.writeString(k);
        }
        g.writeEndArray();
        g.writeStringField("maxRisk", m.maxRisk().name());
        g.writeStringField("rollback", m.rollback);
        Json.str(g, "down", m.down);
        g.writeArrayFieldStart("destructive");
        for (Audit.Destructive d : m.destructive) {
            g.writeStartObject();
            g.writeNumberField("line", d.line);
            g.writeStringField("change", d.change);
            g.writeStringField("rollback", d.rollback);
            g.writeBooleanField("pointOfNoReturn", d.isPointOfNoReturn());
            g.writeBooleanField("losesData", d.losesData);
            g.writeEndObject();
        }
        g.writeEndArray();
        if (m.tables >= 0) {
            g.writeObjectFieldStart("schemaAfter");
            g.writeNumberField("tables", m.tables);
            g.writeNumberField("columns", m.columns);
            g.writeNumberField("indexes", m.indexes);
            g.writeEndObject();
        }
        g.writeArrayFieldStart("findings");
        for (Finding f : m.findings) {
            finding(g, f);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void finding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("rule", f.getRule());
        g.writeStringField("risk", f.getRisk().name());
        g.writeStringField("file", f.getFile());
        g.writeNumberField("line", f.getLine());
        g.writeNumberField("column", f.getColumn());
        g.writeStringField("message", f.getMessage());
        g.writeBooleanField("suppressed", f.isSuppressed());
        g.writeEndObject();
    }
}
