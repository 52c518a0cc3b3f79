package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.core.Engine;
import dev.schemagate.core.Settings;
import dev.schemagate.core.history.History;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.change.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldLocksTest {
    @Test
    void aLockTakenAgainOnTheSameTableIsHeldOnceNotOncePerStatement() {
        // fuzz-found: 23,796 ALTERs of one table inside a TypeORM migration's transaction ran out of a 512 MB heap,
        // because every change's context copied the transaction's held locks (one entry per statement so far)
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sql.append("ALTER TABLE t ADD COLUMN c").append(i).append(" int;\n");
        }
        Migration m = new Migration("V2__many.sql", "2", Dialect.POSTGRES, Migration.Direction.UP, "flyway",
                Migration.TxMode.WRAPPED);
        Migration base = new Migration("V1__t.sql", "1", Dialect.POSTGRES, Migration.Direction.UP, "flyway",
                Migration.TxMode.WRAPPED);
        History h = new History();
        Settings s = new Settings();
        s.setDialect(Dialect.POSTGRES);
        new Engine().run(List.of(Engine.Source.context(base, "CREATE TABLE t (id int);"), new Engine.Source(m,
                sql.toString())), s, List.of(), h);
        List<Change> changes = h.getEntries().get(0).getChanges();
        Change last = changes.get(changes.size() - 1);
        // held: ACCESS EXCLUSIVE on t once (it was 4,999 entries), named by the first statement that took it
        assertEquals(1, last.getCtx().getHeldLocks().size(), last.getCtx().getHeldLocks().toString());
        assertEquals(1, last.getCtx().getHeldLocks().stream().filter(l -> l.getTable().getName().equals("t"))
                .findFirst().orElseThrow().getLine());
    }
}
