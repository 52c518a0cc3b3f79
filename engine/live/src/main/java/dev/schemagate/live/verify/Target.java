package dev.schemagate.live.verify;

import dev.schemagate.live.Introspector;
import dev.schemagate.live.Snapshot;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Where {@link Verifier} runs migrations: one throwaway database, with the operations a round trip and a
 * measurement need. {@link #sql} wraps a JDBC session; MongoDB has its own ({@code MongoVerifyTarget}).
 */
interface Target {
    Snapshot snapshot() throws SQLException;

    /** Runs a file's statements; with {@code trace}, measures each. */
    Runner.Applied apply(Migration m, List<Statement> stmts, boolean trace);

    /**
     * Before a migration under test: creates what the database would already have in production although no
     * migration creates it (MongoDB creates a collection on its first write), so the round trip compares like with
     * like. Returns what it created.
     */
    default List<String> prepare(List<Statement> up) {
        return List.of();
    }

    /** Existing tables (collections) the statements name. */
    List<String> touched(Snapshot s, List<Statement> stmts);

    /** Tops a table up to {@code rows} generated rows (a note per table in {@link #seedNotes()}). */
    void seed(String table, int rows);

    /** Empties the tables {@link #seed} filled. */
    void empty() throws SQLException;

    /** How seeding went, per table ("seeded ...", "already had ...", "not seeded: ..."). */
    Map<String, String> seedNotes();

    static Target sql(Connection c, Dialect d) {
        Introspector in = Introspector.of(d);
        Runner runner = new Runner(c, d);
        Seeder seeder = new Seeder(c, d);
        return new Target() {
            @Override
            public Snapshot snapshot() throws SQLException {
                return in.snapshot(c);
            }

            @Override
            public Runner.Applied apply(Migration m, List<Statement> stmts, boolean trace) {
                return runner.apply(m, stmts, trace);
            }

            @Override
            public List<String> touched(Snapshot s, List<Statement> stmts) {
                return Verifier.touched(s, stmts);
            }

            @Override
            public void seed(String table, int rows) {
                seeder.seed(table, rows);
            }

            @Override
            public void empty() throws SQLException {
                seeder.empty();
            }

            @Override
            public Map<String, String> seedNotes() {
                return seeder.notes;
            }
        };
    }
}
