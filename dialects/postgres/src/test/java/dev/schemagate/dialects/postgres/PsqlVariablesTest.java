package dev.schemagate.dialects.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.schemagate.dialects.common.Lexer;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import dev.schemagate.model.change.AddColumn;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.CreateTable;
import dev.schemagate.model.change.Unparsed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** psql variables ({@code :name}, {@code :'name'}, {@code :"name"}) are read as their names, in place. */
class PsqlVariablesTest {
    private final PostgresDialect pg = new PostgresDialect();

    private List<Statement> split(String sql) {
        Migration m = new Migration("deploy/jobs.sql", "1", Dialect.POSTGRES, Migration.Direction.UP, "sqitch",
                Migration.TxMode.NONE);
        return pg.split(m, sql, (l, c, msg) -> { });
    }

    private static String blank(String sql) {
        return PsqlVariables.blank(sql, Lexer.lex(sql, Lexer.Options.postgres()));
    }

    @Test
    void onlyTheColonOfAReferenceIsBlanked() {
        assertEquals("create table  app.jobs (id int)", blank("create table :app.jobs (id int)"));
        assertEquals("select  'v',  \"w\"", blank("select :'v', :\"w\""));
        String kept = "select a::text, f(x := 1), arr[1:n], arr[lo:hi], ':x', $$ :x $$ -- :x";
        assertSame(kept, blank(kept));
    }

    @Test
    void aSchemaVariableNamesTheSameTableEachTime() {
        List<Statement> sts = split("create table :SCHEMA.jobs (id bigserial primary key, queue text);\n"
                + "alter table :SCHEMA.jobs add column run_at timestamptz;\n");
        List<List<Change>> cs = pg.mapAll(sts);
        CreateTable ct = assertInstanceOf(CreateTable.class, cs.get(0).get(0));
        assertEquals("schema.jobs", ct.getTable().toString(), "unquoted, so folded like any name");
        AddColumn ac = assertInstanceOf(AddColumn.class, cs.get(1).get(0));
        assertEquals(ct.getTable(), ac.getTable());
        // the finding shows the statement as written
        assertEquals("alter table :SCHEMA.jobs add column run_at timestamptz", ac.getStatement().getText());
    }

    @Test
    void anErrorAfterAVariableKeepsItsColumn() {
        List<Statement> sts = split("alter table :s.jobs frobnicate;\n");
        Unparsed u = assertInstanceOf(Unparsed.class, pg.map(sts.get(0)).get(0));
        assertEquals(1, u.getErrorLine());
        assertEquals(21, u.getErrorColumn(), u.getReason());
    }
}
