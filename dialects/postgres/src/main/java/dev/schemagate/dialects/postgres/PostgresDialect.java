package dev.schemagate.dialects.postgres;

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
import java.util.List;

/** PostgreSQL: splitter, statement reader, lock and rewrite facts, type-change facts. */
public final class PostgresDialect implements SqlDialect {
    private final PgMapper mapper;

    public PostgresDialect() {
        this(Long.getLong("schemagate.parseTimeoutMs", JSqlRunner.DEFAULT_TIMEOUT_MS));
    }

    public PostgresDialect(long parseTimeoutMs) {
        this.mapper = new PgMapper(parseTimeoutMs);
    }

    @Override
    public List<Dialect> dialects() {
        return List.of(Dialect.POSTGRES);
    }

    @Override
    public String defaultSchema() {
        return "public";
    }

    @Override
    public List<Statement> split(Migration migration, String text, Problems problems) {
        return PgSplitter.split(migration, text);
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
        return PgEffects.of(change, before, version);
    }

    @Override
    public TypeChange typeChange(ColumnType from, ColumnType to, String using, Version version) {
        return PgTypeChanges.classify(from, to, using, version);
    }

    @Override
    public ColumnType parseType(String written) {
        return PgTypes.parse(written);
    }
}
