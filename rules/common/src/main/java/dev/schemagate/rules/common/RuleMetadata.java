package dev.schemagate.rules.common;

import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.RuleInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;

/**
 * Reads a DRL rule's {@code @key("value")} metadata into a {@link RuleInfo}. Keys: summary, message, risk,
 * dataLoss, changeType, lock, peers (space separated), mitigation, mitigation2, mitigation3, tags, since,
 * suppressible, enabled, scope, and id (for a variant that shares another rule's id).
 */
public final class RuleMetadata {
    private RuleMetadata() {
    }

    public static RuleInfo toInfo(Rule rule) {
        Map<String, Object> m = rule.getMetaData();
        String id = str(m, "id") != null ? str(m, "id") : rule.getName();
        String dialect = str(m, "dialect");
        if (dialect == null) {
            int dot = id.indexOf('.');
            dialect = dot > 0 ? prefixDialect(id.substring(0, dot)) : "any";
        }
        Risk risk = Risk.parse(str(m, "risk"));
        if (risk == null) {
            throw new IllegalStateException("rule " + id + " has no valid @risk");
        }
        String summary = str(m, "summary");
        if (summary == null) {
            throw new IllegalStateException("rule " + id + " has no @summary");
        }
        List<String> mitigations = new ArrayList<>();
        for (String k : new String[] {"mitigation", "mitigation2", "mitigation3"}) {
            String v = str(m, k);
            if (v != null) {
                mitigations.add(v);
            }
        }
        return new RuleInfo(id, dialect, summary, str(m, "message"), risk, Risk.parse(str(m, "dataLoss")),
                ChangeType.parse(str(m, "changeType")), str(m, "lock"), words(str(m, "peers")), mitigations,
                words(str(m, "tags")), str(m, "since"), !"false".equals(str(m, "suppressible")),
                !"false".equals(str(m, "enabled")), rule.getPackageName(), str(m, "scope"));
    }

    static String prefixDialect(String prefix) {
        switch (prefix) {
            case "pg": return "postgres";
            case "mongo": return "mongodb";
            case "core": return "any";
            default: return prefix;
        }
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v == null) {
            return null;
        }
        String s = v.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.isEmpty() ? null : s;
    }

    private static List<String> words(String s) {
        if (s == null) {
            return List.of();
        }
        return Arrays.asList(s.trim().split("[\\s,]+"));
    }
}
