package dev.schemagate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.ColumnType;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.Effect;
import dev.schemagate.model.change.TypeChange;
import dev.schemagate.model.spi.SqlDialect;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void postgresQuotesWhatItWouldFoldOrParseAsKeyword() {
        assertEquals("users", Identifiers.quote(Dialect.POSTGRES, "users"));
        assertEquals("_x1$", Identifiers.quote(Dialect.POSTGRES, "_x1$"));
        assertEquals("index", Identifiers.quote(Dialect.POSTGRES, "index"), "unreserved keyword stays bare");
        assertEquals("\"Users\"", Identifiers.quote(Dialect.POSTGRES, "Users"), "mixed case would fold to users");
        assertEquals("\"order\"", Identifiers.quote(Dialect.POSTGRES, "order"));
        assertEquals("\"user\"", Identifiers.quote(Dialect.POSTGRES, "user"));
        assertEquals("\"left\"", Identifiers.quote(Dialect.POSTGRES, "left"), "type/function-name keyword");
        assertEquals("\"position\"", Identifiers.quote(Dialect.POSTGRES, "position"), "column-name keyword");
        assertEquals("\"ORDER\"", Identifiers.quote(Dialect.POSTGRES, "ORDER"));
        assertEquals("\"1st\"", Identifiers.quote(Dialect.POSTGRES, "1st"));
        assertEquals("\"my table\"", Identifiers.quote(Dialect.POSTGRES, "my table"));
        assertEquals("\"a\"\"b\"", Identifiers.quote(Dialect.POSTGRES, "a\"b"));
        assertEquals("\"a`b\"", Identifiers.quote(Dialect.POSTGRES, "a`b"));
        assertEquals("\"\"", Identifiers.quote(Dialect.POSTGRES, ""));
    }

    @Test
    void mysqlKeepsMixedCaseBareAndBackticksReservedWords() {
        for (Dialect d : List.of(Dialect.MYSQL, Dialect.MARIADB)) {
            assertEquals("Users", Identifiers.quote(d, "Users"), "case is not changed by quoting in MySQL");
            assertEquals("amount$2", Identifiers.quote(d, "amount$2"));
            assertEquals("`order`", Identifiers.quote(d, "order"));
            assertEquals("`Order`", Identifiers.quote(d, "Order"), "reserved words are case-insensitive");
            assertEquals("`rank`", Identifiers.quote(d, "rank"), "reserved since 8.0.2");
            assertEquals("`key`", Identifiers.quote(d, "key"));
            assertEquals("status", Identifiers.quote(d, "status"), "non-reserved keyword stays bare");
            assertEquals("`a``b`", Identifiers.quote(d, "a`b"));
            assertEquals("`a\"b`", Identifiers.quote(d, "a\"b"), "a double quote is an ordinary character in backticks");
            assertEquals("`my-col`", Identifiers.quote(d, "my-col"));
        }
        assertEquals("`offset`", Identifiers.quote(Dialect.MARIADB, "offset"), "MariaDB reserves OFFSET");
    }

    @Test
    void sqliteQuotesEveryKeywordButNotMixedCase() {
        assertEquals("Users", Identifiers.quote(Dialect.SQLITE, "Users"));
        assertEquals("\"key\"", Identifiers.quote(Dialect.SQLITE, "key"));
        assertEquals("\"Order\"", Identifiers.quote(Dialect.SQLITE, "Order"));
        assertEquals("\"action\"", Identifiers.quote(Dialect.SQLITE, "action"), "fallback keywords are quoted too");
        assertEquals("\"a$b\"", Identifiers.quote(Dialect.SQLITE, "a$b"));
        assertEquals("\"a\"\"b\"", Identifiers.quote(Dialect.SQLITE, "a\"b"));
        assertEquals("status", Identifiers.quote(Dialect.SQLITE, "status"));
    }

    @Test
    void delimitAlwaysQuotes() {
        assertEquals("\"users\"", Identifiers.delimit(Dialect.POSTGRES, "users"));
        assertEquals("\"users\"", Identifiers.delimit(Dialect.SQLITE, "users"));
        assertEquals("`users`", Identifiers.delimit(Dialect.MYSQL, "users"));
        assertEquals("`a``b`", Identifiers.delimit(Dialect.MARIADB, "a`b"));
        assertEquals("\"a\"\"\"\"b\"", Identifiers.delimit(Dialect.POSTGRES, "a\"\"b"));
    }

    @Test
    void qualifiedNamesQuotePartByPart() {
        assertEquals("app.\"Users\"", Identifiers.quote(Dialect.POSTGRES, new QualifiedName("app", "Users")));
        assertEquals("\"user\".accounts", Identifiers.quote(Dialect.POSTGRES, new QualifiedName("user", "accounts")));
        assertEquals("`order`", Identifiers.quote(Dialect.MYSQL, new QualifiedName(null, "order")));
    }

    @Test
    void mongodbHasNoSqlIdentifiers() {
        assertThrows(IllegalArgumentException.class, () -> Identifiers.quote(Dialect.MONGODB, "users"));
    }

    @Test
    void dialectSpiQuotesWithItsFirstDialect() {
        assertEquals("`order`", spi(Dialect.MYSQL).quoteIdentifier("order"));
        assertEquals("\"Users\"", spi(Dialect.POSTGRES).quoteIdentifier("Users"));
        assertEquals("Users", spi(Dialect.SQLITE).quoteIdentifier("Users"));
    }

    private static SqlDialect spi(Dialect d) {
        return new SqlDialect() {
            @Override
            public List<Dialect> dialects() {
                return List.of(d);
            }

            @Override
            public String defaultSchema() {
                return "";
            }

            @Override
            public List<Statement> split(Migration migration, String text, Problems problems) {
                return List.of();
            }

            @Override
            public List<Change> map(Statement statement) {
                return List.of();
            }

            @Override
            public Effect effect(Change change, Catalog before, Version version) {
                return null;
            }

            @Override
            public TypeChange typeChange(ColumnType from, ColumnType to, String using, Version version) {
                return null;
            }
        };
    }
}
