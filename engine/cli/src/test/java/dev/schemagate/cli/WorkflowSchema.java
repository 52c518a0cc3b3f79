package dev.schemagate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a GitHub Actions workflow against GitHub's own {@code workflow-v1.0} schema (the format of
 * {@code @actions/workflow-parser}): definitions are mappings (properties, required, loose keys), sequences,
 * strings (constant, non-empty), booleans, numbers, null, one-of and allowed values; a definition with a
 * {@code context} also takes a {@code ${{ }}} expression. YAML scalars are accepted where a string is expected,
 * as the workflow parser reads them.
 */
final class WorkflowSchema {
    private final JsonNode defs;

    WorkflowSchema(JsonNode schema) {
        this.defs = schema.get("definitions");
    }

    /** Problems of {@code doc} as a workflow file; empty when it is valid. */
    List<String> validate(JsonNode doc) {
        List<String> errors = new ArrayList<>();
        check(doc, "workflow-root-strict", "$", errors);
        return errors;
    }

    private boolean check(JsonNode v, String type, String path, List<String> errors) {
        switch (type) {
            case "any":
                return true;
            case "string":
                return expect(v.isValueNode() && !v.isNull(), path, "a string", v, errors);
            case "boolean":
                return expect(v.isBoolean(), path, "a boolean", v, errors);
            case "number":
                return expect(v.isNumber(), path, "a number", v, errors);
            case "null":
                return expect(v.isNull(), path, "null", v, errors);
            case "sequence":
                return expect(v.isArray(), path, "a sequence", v, errors);
            case "mapping":
                return expect(v.isObject(), path, "a mapping", v, errors);
            default:
                break;
        }
        JsonNode def = defs.get(type);
        if (def == null) {
            errors.add(path + ": schema has no definition '" + type + "'");
            return false;
        }
        if (def.has("context") && v.isTextual() && v.asText().contains("${{")) {
            return true;
        }
        if (def.has("one-of")) {
            List<String> all = new ArrayList<>();
            for (JsonNode alt : def.get("one-of")) {
                List<String> e = new ArrayList<>();
                if (check(v, alt.asText(), path, e)) {
                    return true;
                }
                all.add(alt.asText() + ": " + String.join("; ", e));
            }
            errors.add(path + ": matches none of " + type + " [" + String.join(" | ", all) + "]");
            return false;
        }
        if (def.has("allowed-values")) {
            for (JsonNode a : def.get("allowed-values")) {
                if (a.asText().equals(v.asText()) && v.isValueNode()) {
                    return true;
                }
            }
            errors.add(path + ": '" + v.asText() + "' is not one of " + def.get("allowed-values"));
            return false;
        }
        if (def.has("string")) {
            if (!check(v, "string", path, errors)) {
                return false;
            }
            JsonNode s = def.get("string");
            if (s.has("constant") && !s.get("constant").asText().equals(v.asText())) {
                errors.add(path + ": expected '" + s.get("constant").asText() + "'");
                return false;
            }
            return !s.path("require-non-empty").asBoolean(false) || expect(!v.asText().isEmpty(), path, "non-empty", v, errors);
        }
        if (def.has("boolean")) {
            return check(v, "boolean", path, errors);
        }
        if (def.has("number")) {
            return check(v, "number", path, errors);
        }
        if (def.has("null")) {
            return check(v, "null", path, errors);
        }
        if (def.has("sequence")) {
            if (!check(v, "sequence", path, errors)) {
                return false;
            }
            String item = def.get("sequence").get("item-type").asText();
            boolean ok = true;
            for (int i = 0; i < v.size(); i++) {
                ok &= check(v.get(i), item, path + "[" + i + "]", errors);
            }
            return ok;
        }
        if (def.has("mapping")) {
            return mapping(v, def.get("mapping"), path, errors);
        }
        errors.add(path + ": cannot interpret definition '" + type + "'");
        return false;
    }

    private boolean mapping(JsonNode v, JsonNode m, String path, List<String> errors) {
        if (!check(v, "mapping", path, errors)) {
            return false;
        }
        JsonNode props = m.path("properties");
        boolean ok = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = props.get(e.getKey());
            String sub = path + "." + e.getKey();
            if (p != null) {
                ok &= check(e.getValue(), p.isTextual() ? p.asText() : p.get("type").asText(), sub, errors);
            } else if (m.has("loose-value-type")) {
                ok &= check(e.getValue(), m.get("loose-value-type").asText(), sub, errors);
            } else {
                errors.add(sub + ": unknown key");
                ok = false;
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("required").asBoolean(false) && !v.has(e.getKey())) {
                errors.add(path + ": missing required key '" + e.getKey() + "'");
                ok = false;
            }
        }
        return ok;
    }

    private static boolean expect(boolean ok, String path, String what, JsonNode v, List<String> errors) {
        if (!ok) {
            errors.add(path + ": expected " + what + ", found " + v.getNodeType().name().toLowerCase());
        }
        return ok;
    }
}
