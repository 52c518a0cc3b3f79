package dev.schemagate.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code --out DIR} contains, by relative path: plan.md, plan.json and the scripts folder. */
public final class PlanFiles {
    private PlanFiles() {
    }

    public static Map<String, String> of(Plan plan, PlanSqlGenerator gen) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("plan.md", PlanMarkdown.write(plan));
        files.put("plan.json", PlanJson.write(plan));
        gen.scripts(plan).forEach((k, v) -> files.put("scripts/" + k, v));
        return files;
    }
}
