package dev.schemagate.live.verify;

import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.RuleInfo;
import java.util.List;

/** The findings {@code schemagate verify} reports itself, with the metadata report writers and SARIF need. */
public final class VerifyRules {
    /** The package of the rules' prose ({@code <package>/verify/<name>.md}), as for rule packs. */
    private static final String SRC = "dev.schemagate.live.verify";

    public static final RuleInfo APPLY_FAILED = rule("verify.apply-failed", Risk.CRITICAL,
            "Migration fails in a fresh database built from the migrations before it",
            "Fix the statement (run the history in a scratch database to reproduce); the migrations after it were not verified");
    public static final RuleInfo DOWN_FAILED = rule("verify.down-failed", Risk.HIGH,
            "Down migration fails right after its up migration",
            "Make the down migration undo exactly what the up migration did, in reverse order");
    public static final RuleInfo DOWN_NOT_INVERSE = rule("verify.down-not-inverse", Risk.HIGH,
            "Down migration does not restore the schema from before the up migration",
            "Drop or restore what the difference names in the down migration (objects, columns, types, defaults, "
                    + "nullability, constraints, indexes)");
    public static final RuleInfo UP_NOT_REPEATABLE = rule("verify.up-not-repeatable", Risk.HIGH,
            "Up migration fails or builds a different schema when applied again after its down migration",
            "Make the down migration remove everything the up migration creates (sequences, types, indexes), so a "
                    + "rollback followed by a redeploy gives the same schema");
    public static final RuleInfo NO_DOWN = rule("verify.no-down", Risk.LOW,
            "Migration has no down migration while others in the folder do",
            "Add the down migration, or document why this change cannot be rolled back");
    public static final RuleInfo MEASURED = rule("verify.measured", Risk.NONE,
            "Measured cost of a statement that no static rule reported",
            "Review the measured locks and rewrite; MEDIUM when it rewrote a table that had rows");
    public static final RuleInfo FAILS_ON_ROWS = rule("verify.fails-on-rows", Risk.MEDIUM,
            "Migration fails once the tables it touches hold rows (generated ones): it may fail on real data",
            "Check whether real data fails the same way (NOT NULL without a default, a CHECK or UNIQUE validated over "
                    + "existing rows), or measure on a copy of real data with --scratch-url");
    public static final RuleInfo SEED_FAILED = rule("verify.seed-failed", Risk.LOW,
            "Generated rows could not be inserted, so the statements on this table were measured without data",
            "Seed the table yourself in a scratch database (--scratch-url) or relax the CHECK that rejected the rows");

    public static final RuleInfo NOT_RUN = rule("verify.not-run", Risk.CRITICAL,
            "Operation verify could not run, so the round trip does not prove it",
            "Write the operation with literal arguments SchemaGate can read, or run verify with mongod on the PATH "
                    + "(SCHEMAGATE_MONGOD) when the in-process substitute lacks the command; else review it by hand");

    public static final List<RuleInfo> ALL = List.of(APPLY_FAILED, DOWN_FAILED, DOWN_NOT_INVERSE, FAILS_ON_ROWS, MEASURED, NO_DOWN,
            NOT_RUN, SEED_FAILED, UP_NOT_REPEATABLE);

    private VerifyRules() {
    }

    private static RuleInfo rule(String id, Risk risk, String summary, String mitigation) {
        return new RuleInfo(id, "any", summary, summary, risk, Risk.NONE, ChangeType.NONE, null, List.of(),
                List.of(mitigation), List.of("verify"), "0.1.0", true, true, SRC);
    }
}
