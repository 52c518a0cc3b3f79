package dev.schemagate.policies;

import dev.schemagate.core.Engine;
import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.report.Report;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.finding.RuleInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Test helpers: load policies from text, run migrations through the real engine with them. */
final class Policies {
    private static Engine builtin;

    private Policies() {
    }

    static synchronized Engine builtin() {
        if (builtin == null) {
            builtin = new Engine();
        }
        return builtin;
    }

    static Set<String> builtinIds() {
        Set<String> ids = new HashSet<>();
        for (RuleInfo r : builtin().rules()) {
            ids.add(r.getId());
        }
        return ids;
    }

    /** Writes the YAML to dir/name and loads it (and nothing else). */
    static PolicySet load(Path dir, String name, String yaml, String env, List<InputError> errors) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return PolicySet.load(List.of(f), List.of(name), env, false, builtinIds(), errors);
    }

    /** The result of a run: the report and the settings used. */
    static final class Run {
        final Report report;
        final Settings settings;

        Run(Report report, Settings settings) {
            this.report = report;
            this.settings = settings;
        }

        List<String> rules() {
            List<String> out = new ArrayList<>();
            report.getFindings().forEach(f -> out.add(f.getRule() + "@" + f.getLine() + (f.isSuppressed() ? " suppressed" : "")));
            return out;
        }
    }

    /** Applies the policy, compiles its rules and checks {@code sql} as one migration file. */
    static Run check(PolicySet set, String file, String sql, String givenSchema, Settings s) {
        List<InputError> errors = new ArrayList<>();
        set.applyTo(s);
        PolicyRulePack pack = set.compile(s, errors);
        if (!errors.isEmpty()) {
            throw new AssertionError("compile errors: " + errors);
        }
        Engine e = new Engine(List.of(new dev.schemagate.dialects.postgres.PostgresDialect()), builtin().packs());
        if (pack != null) {
            e.addPack(pack);
        }
        s.setDialect(Dialect.POSTGRES).setThreads(1);
        List<Engine.Source> sources = new ArrayList<>();
        if (givenSchema != null) {
            sources.add(Engine.Source.context(new Migration("schema.sql", "schema", Dialect.POSTGRES, Migration.Direction.UP,
                    "plain", Migration.TxMode.NONE), givenSchema));
        }
        sources.add(new Engine.Source(new Migration(file, file, Dialect.POSTGRES, Migration.Direction.UP, "plain",
                Migration.TxMode.NONE), sql));
        return new Run(e.run(sources, s, List.of()), s);
    }
}
