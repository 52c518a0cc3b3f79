package dev.schemagate.plan;

import dev.schemagate.core.Settings;
import dev.schemagate.policies.ConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The worked examples in docs/plans: each has migrations/, stats.yaml and maybe queries.sql. */
final class Examples {
    static final Path ROOT = Path.of(System.getProperty("schemagate.root", "../..")).toAbsolutePath().normalize();
    /** The PostgreSQL examples (PostgresRoundTripTest runs them). */
    static final List<String> NAMES = List.of("required-boolean", "split-full-name", "rename-username",
            "pg-bigint-key", "pg-identity-column");
    /** Every example, all dialects (the golden files). */
    static final List<String> ALL = List.of("required-boolean", "split-full-name", "rename-username",
            "mysql-required-column", "sqlite-type-change", "mysql-rename-column", "mysql-split-column",
            "mysql-type-change", "pg-bigint-key", "pg-rename-table", "pg-identity-column",
            "mongo-required-field");

    private Examples() {
    }

    static Path dir(String name) {
        return ROOT.resolve("docs/plans").resolve(name);
    }

    static Planner.Result plan(String name) throws IOException {
        Planner.Request r = new Planner.Request();
        r.cwd = ROOT;
        r.inputs.add("docs/plans/" + name + "/migrations");
        Settings s = r.settings;
        Path config = dir(name).resolve("schemagate.yaml");
        if (Files.exists(config)) {
            List<?> errs = ConfigFile.load(config, "docs/plans/" + name + "/schemagate.yaml", s);
            if (!errs.isEmpty()) {
                throw new IllegalStateException(errs.toString());
            }
        }
        Path stats = dir(name).resolve("stats.yaml");
        if (Files.exists(stats)) {
            List<?> errs = ConfigFile.loadStats(stats, "docs/plans/" + name + "/stats.yaml", s);
            if (!errs.isEmpty()) {
                throw new IllegalStateException(errs.toString());
            }
        }
        Path q = dir(name).resolve("queries.sql");
        if (Files.exists(q)) {
            r.queries = Files.readString(q, StandardCharsets.UTF_8);
            r.queriesName = "docs/plans/" + name + "/queries.sql";
        }
        return new Planner().plan(r);
    }

    static Map<String, String> files(Plan p) {
        return PlanFiles.of(p, new Planner().generator(dev.schemagate.model.Dialect.parse(p.dialect)));
    }
}
