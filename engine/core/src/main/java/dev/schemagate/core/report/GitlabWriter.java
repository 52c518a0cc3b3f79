package dev.schemagate.core.report;

import dev.schemagate.core.InputError;
import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;
import java.util.List;

/**
 * GitLab Code Quality report (a JSON array of issues with description, check_name, fingerprint, severity and
 * location.path/lines.begin) for merge-request widgets. Suppressed findings are left out; input errors about a
 * file are issues of severity blocker. Severity follows the risk: CRITICAL blocker, HIGH critical, MEDIUM
 * major, LOW minor, NONE info.
 */
public final class GitlabWriter implements ReportWriter {
    @Override
    public String write(Report r) {
        List<String> prints = Fingerprints.of(r.getFindings());
        return Json.render(g -> {
            g.writeStartArray();
            for (int i = 0; i < r.getFindings().size(); i++) {
                Finding f = r.getFindings().get(i);
                if (f.isSuppressed()) {
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("type", "issue");
                g.writeStringField("check_name", f.getRule());
                g.writeStringField("description", f.getRisk().name() + ": " + f.getMessage());
                StringBuilder body = new StringBuilder();
                f.getMitigations().forEach(m -> body.append("- ").append(m.getText()).append(m.getSql() == null ? ""
                        : "\n\n```sql\n" + m.getSql() + "\n```").append('\n'));
                if (body.length() > 0) {
                    g.writeObjectFieldStart("content");
                    g.writeStringField("body", body.toString());
                    g.writeEndObject();
                }
                g.writeArrayFieldStart("categories");
                g.writeString(f.isUncertain() ? "Bug Risk" : "Performance");
                g.writeEndArray();
                g.writeStringField("severity", severity(f.getRisk()));
                g.writeStringField("fingerprint", prints.get(i));
                g.writeObjectFieldStart("location");
                g.writeStringField("path", f.getFile().replace('\\', '/'));
                g.writeObjectFieldStart("lines");
                g.writeNumberField("begin", Math.max(1, f.getLine()));
                if (f.getEndLine() >= f.getLine()) {
                    g.writeNumberField("end", f.getEndLine());
                }
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            }
            for (InputError e : r.getErrors()) {
                if (e.getFile() == null) {
                    continue; // the job log shows it; Code Quality needs a file
                }
                g.writeStartObject();
                g.writeStringField("type", "issue");
                g.writeStringField("check_name", INPUT_ERROR);
                g.writeStringField("description", "input error: " + e.getMessage());
                g.writeArrayFieldStart("categories");
                g.writeString("Bug Risk");
                g.writeEndArray();
                g.writeStringField("severity", "blocker");
                g.writeStringField("fingerprint", Fingerprints.ofInputError(e));
                g.writeObjectFieldStart("location");
                g.writeStringField("path", e.getFile().replace('\\', '/'));
                g.writeObjectFieldStart("lines");
                g.writeNumberField("begin", Math.max(1, e.getLine()));
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** check_name of an input error (a file that could not be read or checked). */
    static final String INPUT_ERROR = "schemagate.input-error";

    static String severity(Risk r) {
        switch (r) {
            case CRITICAL: return "blocker";
            case HIGH: return "critical";
            case MEDIUM: return "major";
            case LOW: return "minor";
            default: return "info";
        }
    }
}
