package dev.schemagate.model.spi;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.ColumnType;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.Effect;
import dev.schemagate.model.change.TypeChange;
import java.util.List;

/**
 * What the core needs from a dialect: split a script into positioned statements, map each statement to
 * changes of the shared model, and answer dialect facts during replay (lock and rewrite per change, how two
 * column types relate). Implementations are found with {@link java.util.ServiceLoader}.
 * {@link #map} must be thread-safe: the core maps statements on several threads.
 */
public interface SqlDialect {
    /** The dialects this implementation reads (MySQL and MariaDB share one). */
    List<Dialect> dialects();

    /** Schema that unqualified names resolve in ({@code public} for PostgreSQL, "" where there are none). */
    String defaultSchema();

    /**
     * Splits a whole script into statements with exact 1-based positions. Problems the splitter can see
     * (an unterminated string or comment) are reported through {@code problems}; the statement is still returned.
     */
    List<Statement> split(Migration migration, String text, Problems problems);

    /** Maps one statement to changes; never throws and never returns an empty list for a real statement. */
    List<Change> map(Statement statement);

    /**
     * Maps several statements of one file, in order; a dialect may override this to parse them in one batch.
     * A statement whose mapping throws gets a null entry, and the caller reports it as unreadable.
     */
    default List<List<Change>> mapAll(List<Statement> statements) {
        List<List<Change>> out = new java.util.ArrayList<>(statements.size());
        for (Statement s : statements) {
            List<Change> cs;
            try {
                cs = map(s);
            } catch (RuntimeException | StackOverflowError e) {
                cs = null;
            }
            out.add(cs);
        }
        return out;
    }

    /** Lock, rewrite and scan of a change against the catalog as it was just before it, on this server version. */
    Effect effect(Change change, Catalog before, dev.schemagate.model.Version version);

    /** How {@code to} relates to {@code from} when a column changes type on this dialect. */
    TypeChange typeChange(ColumnType from, ColumnType to, String using, dev.schemagate.model.Version version);

    /** Resolves a type name written in a migration (e.g. for a prior-schema file or a stats file). */
    default ColumnType parseType(String written) {
        return ColumnType.of(written, org.apache.calcite.sql.type.SqlTypeName.ANY);
    }

    /**
     * {@code name} as SQL generated for this dialect must write it, quoted only when needed (mixed case on
     * PostgreSQL, keywords, odd characters; quote characters inside doubled). The rules live in
     * {@link dev.schemagate.model.Identifiers}, which modules that cannot see a dialect implementation use directly.
     */
    default String quoteIdentifier(String name) {
        return dev.schemagate.model.Identifiers.quote(dialects().get(0), name);
    }

    /** Collects problems found while splitting. */
    interface Problems {
        void add(int line, int column, String message);
    }
}
