package dev.schemagate.core.audit;

import dev.schemagate.core.input.Layout;
import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;
import java.util.List;
import java.util.Locale;

/**
 * The audit as one self-contained HTML page: inline CSS, inline SVG charts (risk over time, changes by type,
 * schema growth) and a few lines of inline script to filter the migration table. Nothing is loaded from the
 * network. Same audit, same bytes.
 */
public final class AuditHtml {
    private static final int W = 960;
    private static final int H = 200;
    private static final int PAD = 40;
    private static final Risk[] RISKS = {Risk.CRITICAL, Risk.HIGH, Risk.MEDIUM, Risk.LOW};
    private static final String[] RISK_COLORS = {"#7f1d1d", "#dc2626", "#f59e0b", "#facc15"};
    private static final ChangeType[] TYPES = {ChangeType.ADDITIVE, ChangeType.TRANSFORMATIVE, ChangeType.DESTRUCTIVE};
    private static final String[] TYPE_COLORS = {"#16a34a", "#2563eb", "#dc2626"};
    private static final String[] LINE_COLORS = {"#2563eb", "#db2777", "#0d9488", "#9333ea"};

    private AuditHtml() {
    }

    public static String render(Audit a, String version) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>SchemaGate migration audit</title>\n<style>\n")
                .append("body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1040px;"
                        + "color:#111827;padding:0 16px}\n")
                .append("h1{font-size:24px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}\n")
                .append("table{border-collapse:collapse;width:100%;font-size:13px;display:block;overflow-x:auto}th,td{border-bottom:1px solid #e5e7eb;"
                        + "padding:4px 6px;text-align:left;vertical-align:top}th{background:#f9fafb}\n")
                .append("td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append(".cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #e5e7eb;border-radius:8px;"
                        + "padding:8px 12px;min-width:120px}.card b{display:block;font-size:22px}\n")
                .append(".legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:10px;"
                        + "height:10px;margin-right:4px}\n")
                .append(".risk-CRITICAL{color:#7f1d1d;font-weight:600}.risk-HIGH{color:#dc2626;font-weight:600}"
                        + ".risk-MEDIUM{color:#b45309}.risk-LOW{color:#854d0e}\n")
                .append("svg{display:block;max-width:100%;height:auto}svg text{font-size:11px;fill:#374151}\n")
                .append("#filter{padding:4px 8px;width:280px}\n")
                .append("</style>\n</head>\n<body>\n");
        sb.append("<h1>Migration audit</h1>\n<p>schemagate ").append(esc(version)).append(" · ")
                .append(a.migrations.size()).append(" up migrations");
        for (Layout l : a.layouts) {
            sb.append(" · ").append(esc(l.describe()));
        }
        sb.append("</p>\n");
        cards(sb, a);
        sb.append("<h2>Risk over time</h2>\n<p class=\"legend\">");
        for (int i = 0; i < RISKS.length; i++) {
            sb.append("<span><i style=\"background:").append(RISK_COLORS[i]).append("\"></i>").append(RISKS[i]).append("</span>");
        }
        sb.append("</p>\n");
        riskChart(sb, a);
        sb.append("<h2>Changes by type</h2>\n<p class=\"legend\">");
        for (int i = 0; i < TYPES.length; i++) {
            sb.append("<span><i style=\"background:").append(TYPE_COLORS[i]).append("\"></i>").append(TYPES[i].label())
                    .append(" (").append(TYPES[i] == ChangeType.DESTRUCTIVE ? a.destructive() : a.total(TYPES[i]))
                    .append(")</span>");
        }
        sb.append("</p>\n");
        typeChart(sb, a);
        totalsChart(sb, a);
        sb.append("<h2>Schema growth</h2>\n");
        List<String> dialects = a.readDialects();
        sb.append("<p class=\"legend\">");
        for (int i = 0; i < dialects.size(); i++) {
            sb.append("<span><i style=\"background:").append(LINE_COLORS[i % LINE_COLORS.length]).append("\"></i>")
                    .append(esc(dialects.get(i))).append("</span>");
        }
        sb.append("</p>\n");
        for (String metric : new String[] {"tables", "columns", "indexes"}) {
            growthChart(sb, a, dialects, metric);
        }
        destructive(sb, a);
        migrations(sb, a);
        suppressions(sb, a);
        sb.append("<script>\n(function () {\n")
                .append("  var input = document.getElementById('filter');\n")
                .append("  var only = document.getElementById('only-findings');\n")
                .append("  var rows = Array.prototype.slice.call(document.querySelectorAll('#migrations tbody tr'));\n")
                .append("  var shown = document.getElementById('shown');\n")
                .append("  function apply() {\n")
                .append("    var q = input.value.toLowerCase();\n")
                .append("    var n = 0;\n")
                .append("    rows.forEach(function (r) {\n")
                .append("      var ok = r.textContent.toLowerCase().indexOf(q) >= 0 && (!only.checked || r.getAttribute('data-findings') !== '0');\n")
                .append("      r.style.display = ok ? '' : 'none';\n")
                .append("      if (ok) { n++; }\n")
                .append("    });\n")
                .append("    shown.textContent = n + ' of ' + rows.length + ' shown';\n")
                .append("  }\n")
                .append("  input.addEventListener('input', apply);\n")
                .append("  only.addEventListener('change', apply);\n")
                .append("  apply();\n")
                .append("  document.body.setAttribute('data-ready', 'yes');\n")
                .append("})();\n</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void cards(StringBuilder sb, Audit a) {
        sb.append("<div class=\"cards\">\n");
        card(sb, "up migrations", a.migrations.size());
        card(sb, "destructive changes", a.destructive());
        card(sb, "points of no return", a.pointsOfNoReturn());
        card(sb, "missing a down", a.rollback("missing") + a.rollback("empty"));
        card(sb, "CRITICAL findings", a.count(Risk.CRITICAL));
        card(sb, "HIGH findings", a.count(Risk.HIGH));
        card(sb, "uncertain changes", a.uncertain());
        card(sb, "suppressions used", a.suppressed.size());
        card(sb, "not read", a.unread());
        sb.append("</div>\n");
    }

    private static void card(StringBuilder sb, String label, int n) {
        sb.append("<div class=\"card\"><b>").append(n).append("</b>").append(label).append("</div>\n");
    }

    private static double barWidth(int n) {
        return n == 0 ? 1 : (double) (W - PAD - 10) / n;
    }

    private static void axes(StringBuilder sb, int max, String yLabel) {
        sb.append("<line x1=\"").append(PAD).append("\" y1=\"").append(H - 20).append("\" x2=\"").append(W - 10)
                .append("\" y2=\"").append(H - 20).append("\" stroke=\"#9ca3af\"/>\n");
        sb.append("<line x1=\"").append(PAD).append("\" y1=\"10\" x2=\"").append(PAD).append("\" y2=\"").append(H - 20)
                .append("\" stroke=\"#9ca3af\"/>\n");
        sb.append("<text x=\"").append(PAD - 4).append("\" y=\"16\" text-anchor=\"end\">").append(max).append("</text>\n");
        sb.append("<text x=\"").append(PAD - 4).append("\" y=\"").append(H - 20).append("\" text-anchor=\"end\">0</text>\n");
        sb.append("<text x=\"").append(PAD).append("\" y=\"").append(H - 4).append("\">first migration</text>\n");
        sb.append("<text x=\"").append(W - 10).append("\" y=\"").append(H - 4).append("\" text-anchor=\"end\">last migration")
                .append(yLabel.isEmpty() ? "" : " · y: " + yLabel).append("</text>\n");
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static void riskChart(StringBuilder sb, Audit a) {
        String[] names = new String[RISKS.length];
        for (int k = 0; k < RISKS.length; k++) {
            names[k] = RISKS[k].name();
        }
        stacked(sb, a, "risk-chart", "Findings per migration by risk", "findings", RISK_COLORS, names,
                (m, k) -> m.count(RISKS[k]));
    }

    private static void typeChart(StringBuilder sb, Audit a) {
        String[] names = new String[TYPES.length];
        for (int k = 0; k < TYPES.length; k++) {
            names[k] = TYPES[k].label();
        }
        stacked(sb, a, "type-chart", "Changes per migration by type", "changes", TYPE_COLORS, names,
                (m, k) -> m.changes.get(TYPES[k]));
    }

    /** One stacked bar per migration; each bar links to the migration's row and names its counts. */
    private static void stacked(StringBuilder sb, Audit a, String id, String aria, String yLabel, String[] colors,
                                String[] names, java.util.function.BiFunction<Audit.Migration, Integer, Integer> count) {
        int max = 1;
        for (Audit.Migration m : a.migrations) {
            int t = 0;
            for (int k = 0; k < names.length; k++) {
                t += count.apply(m, k);
            }
            max = Math.max(max, t);
        }
        sb.append("<svg id=\"").append(id).append("\" role=\"img\" aria-label=\"").append(aria).append("\" viewBox=\"0 0 ")
                .append(W).append(' ').append(H).append("\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        axes(sb, max, yLabel);
        double bw = barWidth(a.migrations.size());
        double scale = (H - 30.0) / max;
        for (int i = 0; i < a.migrations.size(); i++) {
            Audit.Migration m = a.migrations.get(i);
            double y = H - 20;
            StringBuilder title = new StringBuilder("#" + m.index + " " + m.path);
            StringBuilder rects = new StringBuilder();
            for (int k = 0; k < names.length; k++) {
                int c = count.apply(m, k);
                if (c == 0) {
                    continue;
                }
                title.append(" · ").append(c).append(' ').append(names[k]);
                double h = c * scale;
                y -= h;
                rects.append("<rect class=\"bar\" x=\"").append(num(PAD + 1 + i * bw)).append("\" y=\"").append(num(y))
                        .append("\" width=\"").append(num(Math.max(0.6, bw - (bw > 3 ? 1 : 0)))).append("\" height=\"")
                        .append(num(h)).append("\" fill=\"").append(colors[k]).append("\"/>");
            }
            if (rects.length() > 0) {
                sb.append("<a href=\"#m").append(m.index).append("\"><g><title>").append(esc(title.toString()))
                        .append("</title>").append(rects).append("</g></a>\n");
            }
        }
        sb.append("</svg>\n");
    }

    private static void totalsChart(StringBuilder sb, Audit a) {
        int[] v = {a.total(ChangeType.ADDITIVE), a.total(ChangeType.TRANSFORMATIVE), a.destructive()};
        int max = Math.max(1, Math.max(v[0], Math.max(v[1], v[2])));
        int h = 3 * 26 + 10;
        sb.append("<svg id=\"type-totals\" role=\"img\" aria-label=\"Changes by type, whole history\" viewBox=\"0 0 ")
                .append(W).append(' ').append(h).append("\" width=\"").append(W).append("\" height=\"").append(h)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (int k = 0; k < 3; k++) {
            double w = (W - 260.0) * v[k] / max;
            int y = 6 + k * 26;
            sb.append("<text x=\"110\" y=\"").append(y + 14).append("\" text-anchor=\"end\">").append(TYPES[k].label())
                    .append("</text><rect class=\"bar\" x=\"120\" y=\"").append(y).append("\" width=\"").append(num(Math.max(1, w)))
                    .append("\" height=\"18\" fill=\"").append(TYPE_COLORS[k]).append("\"/><text x=\"").append(num(126 + w))
                    .append("\" y=\"").append(y + 14).append("\">").append(v[k]).append("</text>\n");
        }
        sb.append("</svg>\n");
    }

    private static void growthChart(StringBuilder sb, Audit a, List<String> dialects, String metric) {
        int max = 1;
        for (Audit.Migration m : a.migrations) {
            max = Math.max(max, value(m, metric));
        }
        sb.append("<svg id=\"growth-").append(metric).append("\" role=\"img\" aria-label=\"").append(metric)
                .append(" after each migration\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" width=\"")
                .append(W).append("\" height=\"").append(H).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        axes(sb, max, metric);
        double bw = barWidth(a.migrations.size());
        double scale = (H - 30.0) / max;
        for (int di = 0; di < dialects.size(); di++) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < a.migrations.size(); i++) {
                Audit.Migration m = a.migrations.get(i);
                if (!m.dialect.equals(dialects.get(di)) || m.tables < 0) {
                    continue;
                }
                pts.append(pts.length() == 0 ? "" : " ").append(num(PAD + 1 + (i + 0.5) * bw)).append(',')
                        .append(num(H - 20 - value(m, metric) * scale));
            }
            sb.append("<polyline class=\"line\" fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(LINE_COLORS[di % LINE_COLORS.length]).append("\" points=\"").append(pts).append("\"><title>")
                    .append(esc(dialects.get(di) + " " + metric)).append("</title></polyline>\n");
        }
        sb.append("</svg>\n");
    }

    private static int value(Audit.Migration m, String metric) {
        switch (metric) {
            case "tables": return Math.max(0, m.tables);
            case "columns": return Math.max(0, m.columns);
            default: return Math.max(0, m.indexes);
        }
    }

    private static void destructive(StringBuilder sb, Audit a) {
        sb.append("<h2>Destructive changes and points of no return</h2>\n");
        if (a.destructive() == 0) {
            sb.append("<p>None.</p>\n");
            return;
        }
        sb.append("<table id=\"destructive\"><thead><tr><th>Where</th><th>Change</th><th>Rolled back by the down migration</th>"
                + "<th>Point of no return</th><th>Data lost</th></tr></thead><tbody>\n");
        for (Audit.Migration m : a.migrations) {
            for (Audit.Destructive d : m.destructive) {
                sb.append("<tr><td><a href=\"#m").append(m.index).append("\">").append(esc(m.path)).append(':').append(d.line)
                        .append("</a></td><td>").append(esc(d.change)).append("</td><td>").append(esc(d.rollback))
                        .append("</td><td>").append(d.isPointOfNoReturn() ? "<b>yes</b>" : "no").append("</td><td>")
                        .append(d.losesData ? "yes" : "no").append("</td></tr>\n");
            }
        }
        sb.append("</tbody></table>\n");
    }

    private static void migrations(StringBuilder sb, Audit a) {
        sb.append("<h2>Migrations</h2>\n<p><input id=\"filter\" type=\"search\" placeholder=\"Filter by name, tool, rule…\">"
                + " <label><input id=\"only-findings\" type=\"checkbox\"> only with findings</label> <span id=\"shown\"></span></p>\n");
        sb.append("<table id=\"migrations\"><thead><tr><th class=\"n\">#</th><th>Migration</th><th>Tool</th><th>Dialect</th>"
                + "<th class=\"n\">Add.</th><th class=\"n\">Transf.</th><th class=\"n\">Destr.</th><th>Highest risk</th>"
                + "<th>Findings</th><th>Down</th><th class=\"n\">Tables</th><th class=\"n\">Columns</th><th class=\"n\">Indexes</th>"
                + "</tr></thead><tbody>\n");
        for (Audit.Migration m : a.migrations) {
            sb.append("<tr id=\"m").append(m.index).append("\" data-findings=\"").append(m.findings.size()).append("\"><td class=\"n\">")
                    .append(m.index).append("</td><td>").append(esc(m.path)).append("</td><td>").append(esc(m.tool))
                    .append("</td><td>").append(esc(m.dialect)).append("</td>");
            if (m.unread != null) {
                sb.append("<td colspan=\"5\">not read: ").append(esc(m.unread)).append("</td><td>").append(esc(m.rollback))
                        .append("</td><td></td><td></td><td></td></tr>\n");
                continue;
            }
            sb.append("<td class=\"n\">").append(m.changes.get(ChangeType.ADDITIVE)).append("</td><td class=\"n\">")
                    .append(m.changes.get(ChangeType.TRANSFORMATIVE)).append("</td><td class=\"n\">")
                    .append(m.changes.get(ChangeType.DESTRUCTIVE)).append("</td><td class=\"risk-").append(m.maxRisk()).append("\">")
                    .append(m.maxRisk()).append("</td><td>");
            int shown = 0;
            for (Finding f : m.findings) {
                if (shown++ == 8) {
                    sb.append("… ").append(m.findings.size() - 8).append(" more");
                    break;
                }
                sb.append("<div><span class=\"risk-").append(f.getRisk()).append("\">").append(f.getRisk()).append("</span> ")
                        .append(esc(f.getRule())).append(" :").append(f.getLine()).append(f.isSuppressed() ? " (suppressed)" : "")
                        .append("</div>");
            }
            sb.append("</td><td>").append(esc(m.rollback)).append("</td><td class=\"n\">").append(m.tables)
                    .append("</td><td class=\"n\">").append(m.columns).append("</td><td class=\"n\">").append(m.indexes)
                    .append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    private static void suppressions(StringBuilder sb, Audit a) {
        sb.append("<h2>Suppressions used</h2>\n");
        if (a.suppressed.isEmpty()) {
            sb.append("<p>None.</p>\n");
        } else {
            sb.append("<table id=\"suppressions\"><thead><tr><th>Where</th><th>Rule</th><th>Reason</th></tr></thead><tbody>\n");
            for (Finding f : a.suppressed) {
                sb.append("<tr><td>").append(esc(f.getFile())).append(':').append(f.getLine()).append("</td><td>")
                        .append(esc(f.getRule())).append("</td><td>").append(esc(f.getSuppression().getReason()))
                        .append("</td></tr>\n");
            }
            sb.append("</tbody></table>\n");
        }
        sb.append("<h2>Waivers</h2>\n");
        if (a.waivers.isEmpty()) {
            sb.append("<p>None.</p>\n");
            return;
        }
        sb.append("<table id=\"waivers\"><thead><tr><th>Rule</th><th>Scope</th><th>Reason</th><th>Approver</th><th>Expires</th>"
                + "<th class=\"n\">Findings</th></tr></thead><tbody>\n");
        for (Audit.Waiver w : a.waivers) {
            sb.append("<tr><td>").append(esc(w.rule)).append("</td><td>").append(esc(w.scope)).append("</td><td>")
                    .append(esc(w.reason)).append("</td><td>").append(esc(w.approver)).append("</td><td>").append(esc(w.expires))
                    .append("</td><td class=\"n\">").append(w.matched).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append("&quot;"); break;
                default: sb.append(c);
            }
        }
        return sb.toString();
    }
}
