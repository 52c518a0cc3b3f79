package dev.schemagate.live.verify;

import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.FindingBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Puts measured facts next to the static estimate: a static finding's lock and rewrite are compared with the
 * locks {@code pg_locks} showed and the relfilenode change, and the finding says whether the measurement confirms
 * or overrides it (an override replaces the finding's lock and rewrite with the measured ones; its risk stays,
 * because production size and traffic are not what verify measured).
 */
final class Measurements {
    private Measurements() {
    }

    static Finding annotate(Finding f, Runner.Measured m, String context) {
        StringBuilder sb = new StringBuilder(f.getMessage()).append(" [measured on ").append(context).append(": ");
        sb.append(facts(m));
        FindingBuilder b = f.toBuilder();
        if (!m.traced()) {
            sb.append("; locks and rewrite not measured").append(m.note() == null ? "" : " (" + m.note() + ")");
            sb.append("; the static estimate stands]");
            return b.message(sb.toString()).build();
        }
        String table = match(m.strongest(), f.getTable());
        String heldTable = match(m.held(), f.getTable());
        String lock = table == null ? null : Runner.modeName(m.strongest().get(table));
        boolean rewrote = (table != null || heldTable != null) && m.rewritten().contains(table != null ? table : heldTable);
        List<String> changed = new ArrayList<>();
        if (table == null && heldTable != null) {
            // the transaction already held a lock on the table from an earlier statement
            String h = m.held().get(heldTable);
            String hName = Runner.modeName(h);
            sb.append("; the transaction already held ").append(hName).append(" on ").append(heldTable);
            if (f.getLock() != null && Runner.rank(h) < Runner.rank(mode(f.getLock()))) {
                changed.add("lock " + f.getLock() + " -> " + hName);
                b.lock(hName);
            }
            table = heldTable;
        } else if (f.getLock() != null && table != null && !f.getLock().equalsIgnoreCase(lock)) {
            changed.add("lock " + f.getLock() + " -> " + lock);
            b.lock(lock);
        }
        if (f.getRewrite() != null && table != null && f.getRewrite() != rewrote) {
            changed.add("rewrite " + yesNo(f.getRewrite()) + " -> " + yesNo(rewrote));
            b.rewrite(rewrote);
        }
        if (table == null && f.getTable() != null) {
            sb.append("; no lock on ").append(f.getTable()).append(" was seen, so the static estimate stands]");
        } else if (changed.isEmpty()) {
            sb.append("; confirms the static estimate]");
        } else {
            sb.append("; overrides the static estimate: ").append(String.join(", ", changed)).append(']');
        }
        return b.message(sb.toString()).build();
    }

    /** A finding for a measured statement no static rule reported, or null when it did nothing notable. */
    static Finding unflagged(Runner.Measured m, String context, String dialect, Set<String> seeded) {
        boolean heavy = false;
        for (String t : m.rewritten()) {
            if (seeded.contains(t)) {
                heavy = true;
            }
        }
        if (m.traced() && m.locks().isEmpty() && m.rewritten().isEmpty()) {
            return null;
        }
        String msg = "measured on " + context + ": " + facts(m) + (m.traced() ? "" : "; locks not measured"
                + (m.note() == null ? "" : " (" + m.note() + ")"))
                + (heavy ? "; no static rule reported this statement" : "");
        return new FindingBuilder().rule(VerifyRules.MEASURED.getId()).dialect(dialect)
                .risk(heavy ? Risk.MEDIUM : Risk.NONE).at(m.statement()).message(msg)
                .rewrite(m.traced() ? !m.rewritten().isEmpty() : null)
                .lock(strongestName(m)).build();
    }

    /** {@code ACCESS EXCLUSIVE} as {@code AccessExclusiveLock}. */
    static String mode(String name) {
        StringBuilder sb = new StringBuilder();
        for (String w : name.toLowerCase(Locale.ROOT).split(" ")) {
            sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return sb.append("Lock").toString();
    }

    private static String strongestName(Runner.Measured m) {
        String best = null;
        for (String mode : m.strongest().values()) {
            if (best == null || Runner.rank(mode) > Runner.rank(best)) {
                best = mode;
            }
        }
        return best == null ? null : Runner.modeName(best);
    }

    static String facts(Runner.Measured m) {
        StringBuilder sb = new StringBuilder();
        sb.append(ms(m.micros()));
        if (m.traced()) {
            sb.append(", locks: ").append(m.locks().isEmpty() ? "none on user tables" : String.join(", ", m.locks()));
            sb.append(", ").append(m.rewritten().isEmpty() ? "no table rewritten"
                    : "rewrote " + String.join(", ", m.rewritten()) + " (new relfilenode)");
        }
        return sb.toString();
    }

    private static String ms(long micros) {
        return micros < 10_000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1000.0) : (micros / 1000) + " ms";
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    /** The measured relation a finding's table names ({@code accounts} matches {@code public.accounts}). */
    static String match(Map<String, String> strongest, String table) {
        if (table == null) {
            return null;
        }
        String t = table.toLowerCase(Locale.ROOT).replace("\"", "");
        for (String k : strongest.keySet()) {
            String kl = k.toLowerCase(Locale.ROOT);
            if (kl.equals(t) || kl.endsWith("." + t)) {
                return k;
            }
        }
        return null;
    }
}
