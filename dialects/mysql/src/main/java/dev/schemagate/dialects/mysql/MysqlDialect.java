package dev.schemagate.dialects.mysql;

import dev.schemagate.dialects.common.JSqlRunner;
import dev.schemagate.dialects.common.Lexer;
import dev.schemagate.dialects.common.TokenStream;
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

/** MySQL and MariaDB: splitter, statement reader, online-DDL facts per server version, type-change facts. */
public final class MysqlDialect implements SqlDialect {
    private final MyMapper mysql;
    private final MyMapper mariadb;
    private final ThreadLocal<MyEffects.State> state = ThreadLocal.withInitial(MyEffects.State::new);

    public MysqlDialect() {
        this(Long.getLong("schemagate.parseTimeoutMs", JSqlRunner.DEFAULT_TIMEOUT_MS));
    }

    public MysqlDialect(long parseTimeoutMs) {
        this.mysql = new MyMapper(Dialect.MYSQL, parseTimeoutMs);
        this.mariadb = new MyMapper(Dialect.MARIADB, parseTimeoutMs);
    }

    @Override
    public List<Dialect> dialects() {
        return List.of(Dialect.MYSQL, Dialect.MARIADB);
    }

    @Override
    public String defaultSchema() {
        return "";
    }

    @Override
    public List<Statement> split(Migration migration, String text, Problems problems) {
        List<Statement> out = MySplitter.split(migration, text);
        for (Statement s : out) {
            if (s.getSplitError() != null) {
                problems.add(s.getErrorLine(), s.getErrorColumn(), s.getSplitError());
            }
        }
        return out;
    }

    private MyMapper mapper(Statement s) {
        return s.getMigration().getDialect() == Dialect.MARIADB ? mariadb : mysql;
    }

    @Override
    public List<Change> map(Statement statement) {
        return mapper(statement).map(statement);
    }

    @Override
    public List<List<Change>> mapAll(List<Statement> statements) {
        if (statements.isEmpty()) {
            return List.of();
        }
        return mapper(statements.get(0)).mapAll(statements);
    }

    @Override
    public Effect effect(Change change, Catalog before, Version version) {
        return MyEffects.of(change, before, version, state.get());
    }

    @Override
    public TypeChange typeChange(ColumnType from, ColumnType to, String using, Version version) {
        return MyTypes.classify(from, to, null).change;
    }

    @Override
    public ColumnType parseType(String written) {
        TokenStream ts = new TokenStream(written, Lexer.lex(written, Lexer.Options.mysql()));
        try {
            return MyTypes.read(ts);
        } catch (TokenStream.ReadError e) {
            return ColumnType.of(written, org.apache.calcite.sql.type.SqlTypeName.ANY);
        }
    }
}
