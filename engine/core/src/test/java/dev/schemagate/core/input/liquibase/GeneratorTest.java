package dev.schemagate.core.input.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    static Node parse(String yaml) throws ChangelogParser.Invalid {
        return ChangelogParser.parse("c.yaml", yaml);
    }

    @Test
    void changeTypesBecomeTheDialectsSql() throws Exception {
        Node log = parse("databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: a\n      changes:\n"
                + "        - addColumn:\n            tableName: t\n            columns:\n              - column:\n"
                + "                  name: c\n                  type: CLOB\n                  defaultValueNumeric: 0\n"
                + "                  constraints:\n                    nullable: false\n"
                + "        - modifyDataType:\n            tableName: t\n            columnName: c\n            newDataType: bigint\n"
                + "        - addNotNullConstraint:\n            tableName: t\n            columnName: d\n            defaultNullValue: x\n");
        Node cs = log.children.get(0);
        assertEquals("changeSet", cs.name);
        assertEquals(3, cs.children.size());
        assertEquals("ALTER TABLE t ADD COLUMN c text DEFAULT 0 NOT NULL", Generator.sql(cs.children.get(0), Dialect.POSTGRES));
        assertEquals("ALTER TABLE t ALTER COLUMN c TYPE bigint", Generator.sql(cs.children.get(1), Dialect.POSTGRES));
        assertEquals("ALTER TABLE t MODIFY c bigint", Generator.sql(cs.children.get(1), Dialect.MYSQL));
        assertEquals("UPDATE t SET d = 'x' WHERE d IS NULL\u0000ALTER TABLE t ALTER COLUMN d SET NOT NULL",
                Generator.sql(cs.children.get(2), Dialect.POSTGRES));
        assertEquals(6, cs.children.get(0).line);
        assertEquals(11, cs.children.get(0).column);
    }

    /** Keycloak's changelogs name constraints UK_J3RWUVD56ONTGSUHOGM184WW2-2 and CONSTRAINT_17-2. */
    @Test
    void namesThatAreNotPlainIdentifiersAreQuoted() throws Exception {
        Node log = parse("databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: a\n      changes:\n"
                + "        - addUniqueConstraint:\n            tableName: KEYCLOAK_ROLE\n"
                + "            columnNames: NAME,CLIENT_REALM_CONSTRAINT\n            constraintName: UK_J3RW-2\n"
                + "        - createIndex:\n            tableName: t\n            indexName: IDX_T\n"
                + "            columns:\n              - column:\n                  name: a\n");
        Node cs = log.children.get(0);
        assertEquals("ALTER TABLE KEYCLOAK_ROLE ADD CONSTRAINT \"UK_J3RW-2\" UNIQUE (NAME,CLIENT_REALM_CONSTRAINT)",
                Generator.sql(cs.children.get(0), Dialect.POSTGRES));
        assertEquals("ALTER TABLE KEYCLOAK_ROLE ADD CONSTRAINT `UK_J3RW-2` UNIQUE (NAME,CLIENT_REALM_CONSTRAINT)",
                Generator.sql(cs.children.get(0), Dialect.MYSQL));
        assertEquals("CREATE INDEX IDX_T ON t (a)", Generator.sql(cs.children.get(1), Dialect.POSTGRES));
    }

    @Test
    void unknownChangeTypesAreNotGuessed() {
        assertNull(Generator.sql(new Node("customChange", 1, 1), Dialect.POSTGRES));
    }

    @Test
    void dbmsFiltersAndProperties() {
        assertTrue(LiquibaseSources.dbmsMatches("postgresql, mysql", Dialect.POSTGRES));
        assertFalse(LiquibaseSources.dbmsMatches("!postgresql", Dialect.POSTGRES));
        assertTrue(LiquibaseSources.dbmsMatches("!mysql", Dialect.POSTGRES));
        assertTrue(LiquibaseSources.dbmsMatches("all", Dialect.SQLITE));
        assertFalse(LiquibaseSources.dbmsMatches("none", Dialect.POSTGRES));
        assertFalse(LiquibaseSources.dbmsMatches("h2", Dialect.POSTGRES));
        assertEquals("bigint and ${unknown}", Properties.apply("${id} and ${unknown}", Map.of("id", "bigint")));
    }

    @Test
    void xmlElementsKeepTheirStartPosition() throws Exception {
        Node log = ChangelogParser.parse("c.xml", "<databaseChangeLog>\n  <changeSet id=\"1\" author=\"a\">\n"
                + "    <dropTable\n        tableName=\"t\"/>\n  </changeSet>\n</databaseChangeLog>\n");
        Node drop = log.children.get(0).children.get(0);
        assertEquals(3, drop.line);
        assertEquals(5, drop.column);
        assertEquals("DROP TABLE t", Generator.sql(drop, Dialect.POSTGRES));
    }

    @Test
    void brokenXmlSaysWhere() {
        try {
            ChangelogParser.parse("c.xml", "<databaseChangeLog>\n  <changeSet>\n</databaseChangeLog>\n");
        } catch (ChangelogParser.Invalid e) {
            assertEquals(3, e.line);
            assertTrue(e.getMessage().startsWith("not valid XML"), e.getMessage());
            return;
        }
        throw new AssertionError("expected a parse error");
    }
}
