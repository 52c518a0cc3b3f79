package dev.schemagate.model.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.code.DialectBranch.Tool;
import dev.schemagate.model.code.DialectBranch.Value;
import org.junit.jupiter.api.Test;

class DialectBranchTest {
    @Test
    void namesAreComparedTheWayEachToolSpellsThem() {
        assertEquals(Value.TRUE, DialectBranch.equalsName(Tool.KNEX, "pg", Dialect.POSTGRES));
        assertEquals(Value.TRUE, DialectBranch.equalsName(Tool.KNEX, "postgresql", Dialect.POSTGRES));
        assertEquals(Value.FALSE, DialectBranch.equalsName(Tool.KNEX, "pg", Dialect.MYSQL));
        // Knex and Django serve MariaDB with their MySQL client; TypeORM and SQLAlchemy name it apart
        assertEquals(Value.TRUE, DialectBranch.equalsName(Tool.KNEX, "mysql2", Dialect.MARIADB));
        assertEquals(Value.TRUE, DialectBranch.equalsName(Tool.DJANGO, "mysql", Dialect.MARIADB));
        assertEquals(Value.FALSE, DialectBranch.equalsName(Tool.TYPEORM, "mysql", Dialect.MARIADB));
        assertEquals(Value.FALSE, DialectBranch.equalsName(Tool.SQLALCHEMY, "mariadb", Dialect.MYSQL));
        assertEquals(Value.TRUE, DialectBranch.equalsName(Tool.TYPEORM, "better-sqlite3", Dialect.SQLITE));
        // Django's vendor is 'sqlite', never 'sqlite3'
        assertEquals(Value.FALSE, DialectBranch.equalsName(Tool.DJANGO, "sqlite3", Dialect.SQLITE));
        // a database another one stands in for is not decided; other databases never match
        assertEquals(Value.UNDECIDED, DialectBranch.equalsName(Tool.KNEX, "cockroachdb", Dialect.POSTGRES));
        assertEquals(Value.FALSE, DialectBranch.equalsName(Tool.KNEX, "cockroachdb", Dialect.SQLITE));
        assertEquals(Value.FALSE, DialectBranch.equalsName(Tool.KNEX, "mssql", Dialect.POSTGRES));
        assertEquals(Value.UNDECIDED, DialectBranch.equalsName(Tool.KNEX, "pg", null));
        assertEquals(Dialect.MYSQL, DialectBranch.dialectOf(Tool.KNEX, "mysql"));
        assertEquals(Dialect.SQLITE, DialectBranch.dialectOf(Tool.DJANGO, "sqlite"));
    }

    @Test
    void valuesCombineLikeThreeValuedLogic() {
        assertEquals(Value.FALSE, Value.FALSE.and(Value.UNDECIDED));
        assertEquals(Value.UNDECIDED, Value.TRUE.and(Value.UNDECIDED));
        assertEquals(Value.RUNTIME, Value.TRUE.and(Value.RUNTIME));
        assertEquals(Value.UNDECIDED, Value.RUNTIME.and(Value.UNDECIDED));
        assertEquals(Value.TRUE, Value.UNDECIDED.or(Value.TRUE));
        assertEquals(Value.FALSE, Value.FALSE.or(Value.FALSE));
        assertEquals(Value.RUNTIME, Value.FALSE.or(Value.RUNTIME));
        assertEquals(Value.UNDECIDED, Value.UNDECIDED.not());
        assertEquals(Value.TRUE, Value.FALSE.not());
    }
}
