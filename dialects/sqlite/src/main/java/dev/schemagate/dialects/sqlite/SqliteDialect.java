package dev.schemagate.dialects.sqlite;

import dev.schemagate.dialects.common.JSqlRunner;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import dev.schemagate.model.Version;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.ColumnType;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.Effect;
import dev.schemagate.model.change.TypeChange;
import dev.schemagate.model.spi.SqlDialect;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * SQLite: splitter (trigger bodies stay whole), statement reader, type affinity, and the replay facts SQLite's
 * rules need (what stops a DROP COLUMN, which indexes, triggers and views a table rebuild loses, the state of
 * {@code PRAGMA foreign_keys}). Triggers and views are not part of the shared catalog, so the dialect keeps them,
 * per catalog being replayed, next to it.
 */
public final class SqliteDialect implements SqlDialect {
    private final SqliteMapper mapper;
    private final Map<Catalog, SqliteReplay> replays = Collections.synchronizedMap(new WeakHashMap<>());

    public SqliteDialect() {
        this(Long.getLong("schemagate.parseTimeoutMs", JSqlRunner.DEFAULT_TIMEOUT_MS));
    }

    public SqliteDialect(long parseTimeoutMs) {
        this.mapper = new SqliteMapper(parseTimeoutMs);
    }

    @Override
    public List<Dialect> dialects() {
        return List.of(Dialect.SQLITE);
    }

    @Override
    public String defaultSchema() {
        return "main";
    }

    @Override
    public List<Statement> split(Migration migration, String text, Problems problems) {
        return SqliteSplitter.split(migration, text);
    }

    @Override
    public List<Change> map(Statement statement) {
        return mapper.map(statement);
    }

    @Override
    public List<List<Change>> mapAll(List<Statement> statements) {
        return mapper.mapAll(statements);
    }

    @Override
    public Effect effect(Change change, Catalog before, Version version) {
        SqliteReplay r = replays.computeIfAbsent(before, c -> new SqliteReplay());
        synchronized (r) {
            r.observe(change, before, version);
        }
        return SqliteEffects.of(change, before, version);
    }

    @Override
    public TypeChange typeChange(ColumnType from, ColumnType to, String using, Version version) {
        // SQLite cannot change a column's type in place (the rules send users to the table rebuild); what matters
        // for the copied values is whether the affinity stays the same.
        if (from == null || to == null) {
            return TypeChange.UNKNOWN;
        }
        return SqliteTypes.affinity(from.getName()).equals(SqliteTypes.affinity(to.getName()))
                ? TypeChange.BINARY_COERCIBLE : TypeChange.INCOMPATIBLE;
    }

    @Override
    public ColumnType parseType(String written) {
        return SqliteTypes.parse(written);
    }
}
