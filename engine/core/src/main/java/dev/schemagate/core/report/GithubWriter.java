package dev.schemagate.core.report;

import dev.schemagate.core.InputError;
import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;

/**
 * GitHub Actions workflow commands ({@code ::error file=…,line=…,col=…,title=…::message}) so findings show as
 * annotations on the pull request diff. Blocking findings are errors, other MEDIUM and above warnings, the rest
 * notices; suppressed findings are left out. A last line summarises the gate.
 */
public final class GithubWriter implements ReportWriter {
    @Override
    public String write(Report r) {
        StringBuilder sb = new StringBuilder();
        for (InputError e : r.getErrors()) {
            sb.append("::error");
            if (e.getFile() != null) {
                sb.append(" file=").append(prop(e.getFile()));
                if (e.getLine() > 0) {
                    sb.append(",line=").append(e.getLine()).append(",col=").append(Math.max(1, e.getColumn()));
                }
                sb.append(",title=").append(prop("schemagate: input error"));
            } else {
                sb.append(" title=").append(prop("schemagate: input error"));
            }
            sb.append("::").append(data(e.getMessage())).append('\n');
        }
        for (Finding f : r.getFindings()) {
            if (f.isSuppressed()) {
                continue;
            }
            String cmd = f.getRisk().atLeast(r.getFailOn()) ? "error" : f.getRisk().atLeast(Risk.MEDIUM) ? "warning" : "notice";
            sb.append("::").append(cmd).append(" file=").append(prop(f.getFile())).append(",line=").append(Math.max(1, f.getLine()));
            if (f.getEndLine() > f.getLine()) {
                // GitHub drops col/endColumn on an annotation that spans lines
                sb.append(",endLine=").append(f.getEndLine());
            } else {
                sb.append(",col=").append(Math.max(1, f.getColumn()));
            }
            sb.append(",title=").append(prop(f.getRisk().name() + " " + f.getRule()));
            StringBuilder msg = new StringBuilder(f.getMessage());
            if (!f.getMitigations().isEmpty()) {
                msg.append("\nFix: ").append(f.getMitigations().get(0).getText());
                if (f.getMitigations().get(0).getSql() != null) {
                    msg.append('\n').append(f.getMitigations().get(0).getSql());
                }
            }
            sb.append("::").append(data(msg.toString())).append('\n');
        }
        int blocking = r.getBlocking().size();
        sb.append(r.getErrors().isEmpty() ? "" : "::error title=schemagate::input errors, see above\n");
        sb.append("schemagate: ").append(blocking == 0 && r.getErrors().isEmpty() ? "passed" : "failed").append(", ")
                .append(blocking).append(" blocking finding").append(blocking == 1 ? "" : "s").append(" (fail-on ")
                .append(r.getFailOn()).append(")\n");
        return sb.toString();
    }

    /** Escaping for the message part of a workflow command. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escaping for a property value of a workflow command. */
    static String prop(String s) {
        return data(s == null ? "" : s).replace(":", "%3A").replace(",", "%2C");
    }
}
