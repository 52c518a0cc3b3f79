package dev.schemagate.dialects.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;
import dev.schemagate.model.Version;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.Effect;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The algorithm, rebuild and concurrent-write facts per server version (MySQL 8.0 / 8.4 and MariaDB manuals). */
class MyEffectsTest {
    private final MysqlDialect d = new MysqlDialect();

    private Catalog catalog() {
        Catalog c = new Catalog("");
        TableDef t = c.putTable(new TableDef(new QualifiedName(null, "users")));
        t.putColumn(new ColumnDef("id", d.parseType("bigint"), false, null, false, false));
        t.putColumn(new ColumnDef("name", d.parseType("varchar(50)"), true, null, false, false));
        t.putColumn(new ColumnDef("bio", d.parseType("varchar(100)"), true, null, false, false));
        t.putColumn(new ColumnDef("age", d.parseType("int"), true, null, false, false));
        t.getOptions().put("charset", "utf8mb4");
        return c;
    }

    /** Effects of every change of the last statement of {@code sql}, replayed on a fresh catalog. */
    private List<Change> run(Dialect dialect, String version, String sql) {
        Migration m = new Migration("V1__x.sql", "1", dialect, Migration.Direction.UP, "flyway", Migration.TxMode.NONE);
        Catalog cat = catalog();
        List<Statement> sts = d.split(m, sql, (l, c, msg) -> { });
        List<List<Change>> all = d.mapAll(sts);
        for (List<Change> cs : all) {
            for (Change c : cs) {
                Effect e = d.effect(c, cat, Version.parse(version));
                c.setEffect(e);
            }
        }
        return all.get(all.size() - 1);
    }

    private Change one(Dialect dialect, String version, String sql) {
        List<Change> cs = run(dialect, version, sql);
        return cs.get(cs.size() - 1);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "mysql   | 5.7     | ALTER TABLE users ADD COLUMN a int                  | INPLACE | true  | true",
        "mysql   | 8.0.11  | ALTER TABLE users ADD COLUMN a int                  | INPLACE | true  | true",
        "mysql   | 8.0.12  | ALTER TABLE users ADD COLUMN a int                  | INSTANT | false | true",
        "mysql   | 8.0.28  | ALTER TABLE users ADD COLUMN a int AFTER id         | INPLACE | true  | true",
        "mysql   | 8.0.29  | ALTER TABLE users ADD COLUMN a int AFTER id         | INSTANT | false | true",
        "mysql   | 8.4     | ALTER TABLE users ADD COLUMN a int FIRST            | INSTANT | false | true",
        "mysql   | 8.0.28  | ALTER TABLE users DROP COLUMN age                   | INPLACE | true  | true",
        "mysql   | 8.0.29  | ALTER TABLE users DROP COLUMN age                   | INSTANT | false | true",
        "mysql   | 8.0.27  | ALTER TABLE users RENAME COLUMN age TO years         | INPLACE | false | true",
        "mysql   | 8.0.28  | ALTER TABLE users RENAME COLUMN age TO years        | INSTANT | false | true",
        "mysql   | 8.4     | ALTER TABLE users MODIFY name varchar(60)           | INPLACE | false | true",
        "mysql   | 8.4     | ALTER TABLE users MODIFY name varchar(64)           | COPY    | true  | false",
        "mysql   | 8.4     | ALTER TABLE users MODIFY bio varchar(500)           | INPLACE | false | true",
        "mysql   | 8.4     | ALTER TABLE users MODIFY age bigint                 | COPY    | true  | false",
        "mysql   | 8.4     | ALTER TABLE users MODIFY age int NOT NULL           | INPLACE | true  | true",
        "mysql   | 8.4     | ALTER TABLE users ADD INDEX i (name)                | INPLACE | false | true",
        "mysql   | 8.4     | ALTER TABLE users ADD FULLTEXT INDEX f (bio)         | INPLACE | true  | false",
        "mysql   | 8.4     | ALTER TABLE users ADD COLUMN a int, ADD INDEX i (a)  | INPLACE | true  | true",
        "mysql   | 8.4     | ALTER TABLE users CONVERT TO CHARACTER SET latin1   | COPY    | true  | false",
        "mysql   | 8.4     | ALTER TABLE users DROP PRIMARY KEY                  | COPY    | true  | false",
        "mysql   | 8.4     | ALTER TABLE users ADD PRIMARY KEY (id)              | INPLACE | true  | true",
        "mysql   | 8.4     | ALTER TABLE users ALTER COLUMN age SET DEFAULT 1    | INSTANT | false | true",
        "mysql   | 8.4     | ALTER TABLE users ADD c int AS (age + 1) STORED     | COPY    | true  | false",
        "mysql   | 8.4     | ALTER TABLE users ADD c int AS (age + 1) VIRTUAL    | INSTANT | false | true",
        "mysql   | 8.4     | ALTER TABLE users FORCE                             | INPLACE | true  | true",
        "mysql   | 8.4     | ALTER TABLE users PARTITION BY HASH (id) PARTITIONS 4 | COPY  | true  | false",
        "mariadb | 10.2    | ALTER TABLE users ADD COLUMN a int                  | INPLACE | true  | true",
        "mariadb | 10.3.2  | ALTER TABLE users ADD COLUMN a int                  | INSTANT | false | true",
        "mariadb | 10.3.2  | ALTER TABLE users ADD COLUMN a int FIRST            | INPLACE | true  | true",
        "mariadb | 10.4    | ALTER TABLE users ADD COLUMN a int FIRST            | INSTANT | false | true",
        "mariadb | 10.11   | ALTER TABLE users DROP COLUMN age                   | INSTANT | false | true",
        "mariadb | 10.11   | ALTER TABLE users MODIFY age bigint                 | COPY    | true  | false",
        "mariadb | 11.4    | ALTER TABLE users MODIFY age bigint                 | COPY    | true  | true",
    })
    void algorithmPerVersion(String dialect, String version, String sql, String alg, boolean rebuild, boolean dml) {
        Change c = one(Dialect.parse(dialect), version, sql + ";");
        assertEquals(alg, c.option("mysql.algorithm"), c.getOptions().toString());
        assertEquals(String.valueOf(rebuild), c.option("mysql.rebuild"), c.getOptions().toString());
        assertEquals(String.valueOf(dml), c.option("mysql.dml"), c.getOptions().toString());
        assertEquals(rebuild, c.getEffect().isRewrite());
        assertEquals(!dml, c.getEffect().getLock().isBlocksWrites());
    }

    @Test
    void oneCopyingClauseMakesTheWholeStatementCopyAndIsNamed() {
        List<Change> cs = run(Dialect.MYSQL, "8.4", "ALTER TABLE users ADD COLUMN a int, MODIFY age bigint;");
        assertEquals("COPY", cs.get(0).option("mysql.algorithm"));
        assertEquals("INSTANT", cs.get(0).option("mysql.own_algorithm"));
        assertEquals("false", cs.get(0).option("mysql.decides"));
        assertEquals("true", cs.get(1).option("mysql.decides"));
        assertTrue(cs.get(0).option("mysql.why").contains("MODIFY age"), cs.get(0).option("mysql.why"));
        assertTrue(cs.get(0).getEffect().isRewrite());
    }

    @Test
    void explicitClausesThatCannotHoldAreFailures() {
        assertNotNull(one(Dialect.MYSQL, "8.4", "ALTER TABLE users ADD INDEX i (name), ALGORITHM=INSTANT;").option("mysql.fails"));
        assertNotNull(one(Dialect.MYSQL, "8.4", "ALTER TABLE users MODIFY age bigint, LOCK=NONE;").option("mysql.fails"));
        assertNotNull(one(Dialect.MYSQL, "8.0.11", "ALTER TABLE users ADD COLUMN a int, ALGORITHM=INSTANT;").option("mysql.fails"));
        assertNull(one(Dialect.MYSQL, "8.4", "ALTER TABLE users ADD INDEX i (name), ALGORITHM=INPLACE, LOCK=NONE;").option("mysql.fails"));
        Change copy = one(Dialect.MYSQL, "8.4", "ALTER TABLE users ADD COLUMN a int, ALGORITHM=COPY;");
        assertEquals("COPY", copy.option("mysql.algorithm"));
        assertEquals("false", copy.option("mysql.dml"));
    }

    @Test
    void foreignKeysCopyUnlessChecksAreOffAndLockTheParent() {
        Change on = one(Dialect.MYSQL, "8.4", "ALTER TABLE users ADD CONSTRAINT fk FOREIGN KEY (age) REFERENCES ages (id);");
        assertEquals("COPY", on.option("mysql.algorithm"));
        assertEquals("ages", on.getEffect().getOtherTable().getName());
        Change off = one(Dialect.MYSQL, "8.4", "SET foreign_key_checks = 0;\n"
                + "ALTER TABLE users ADD CONSTRAINT fk FOREIGN KEY (age) REFERENCES ages (id);");
        assertEquals("INPLACE", off.option("mysql.algorithm"));
        assertEquals("off", off.option("mysql.fk_checks"));
    }

    @Test
    void rowVersionsCountOnePerStatementAndResetOnRebuild() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            sql.append("ALTER TABLE users ADD COLUMN a").append(i).append(" int, ADD COLUMN b").append(i).append(" int;\n");
        }
        assertEquals("3", one(Dialect.MYSQL, "8.4", sql.toString()).option("mysql.row_versions"));
        assertEquals("64", one(Dialect.MYSQL, "8.4", sql.toString()).option("mysql.row_versions_limit"));
        assertEquals("255", one(Dialect.MYSQL, "9.1", sql.toString()).option("mysql.row_versions_limit"));
        assertEquals("1", one(Dialect.MYSQL, "8.4", sql + "ALTER TABLE users FORCE;\nALTER TABLE users ADD COLUMN z int;\n")
                .option("mysql.row_versions"));
        assertNull(one(Dialect.MYSQL, "8.0.28", sql.toString()).option("mysql.row_versions"));
    }

    @Test
    void nonStrictSqlModeIsTracked() {
        assertEquals("false", one(Dialect.MYSQL, "8.4", "SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION';\n"
                + "ALTER TABLE users MODIFY age int NOT NULL;").option("mysql.strict"));
        assertEquals("true", one(Dialect.MYSQL, "8.4", "SET SESSION sql_mode = 'STRICT_TRANS_TABLES';\n"
                + "ALTER TABLE users MODIFY age int NOT NULL;").option("mysql.strict"));
        assertFalse(one(Dialect.MYSQL, "8.4", "ALTER TABLE users MODIFY age int NOT NULL;").getEffect().isBlocking());
    }
}
