package dev.schemagate.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairingTest {
    static Migration m(String path, String id, Dialect d, Migration.Direction dir, String tool) {
        return new Migration(path, id, d, dir, tool, Migration.TxMode.UNKNOWN);
    }

    @Test
    void golangMigratePairsByVersionNotName() {
        Migration up = m("m/30_add_magic.up.sql", "30", null, Migration.Direction.UP, "golang-migrate");
        Migration down = m("m/30_drop_magic.down.sql", "30", null, Migration.Direction.DOWN, "golang-migrate");
        Pairing p = new Pairing(List.of(down));
        assertEquals(down, p.downOf(up));
        assertTrue(p.expectsDown(up));
    }

    @Test
    void popxFallsBackToTheGenericDownAndKeepsDialectsApart() {
        Migration pgUp = m("s/1_x.postgres.up.sql", "1_x", Dialect.POSTGRES, Migration.Direction.UP, "popx");
        Migration myDown = m("s/1_x.mysql.down.sql", "1_x", Dialect.MYSQL, Migration.Direction.DOWN, "popx");
        assertNull(new Pairing(List.of(myDown)).downOf(pgUp));
        Migration generic = m("s/1_x.down.sql", "1_x", null, Migration.Direction.DOWN, "popx");
        assertEquals(generic, new Pairing(List.of(myDown, generic)).downOf(pgUp));
    }

    @Test
    void flywayExpectsUndoOnlyWhenTheFolderHasAny() {
        Migration v1 = m("db/V1__a.sql", "V1__a", null, Migration.Direction.UP, "flyway");
        assertFalse(new Pairing(List.of()).expectsDown(v1));
        Migration u2 = m("db/U2__b.sql", "U2__b", null, Migration.Direction.DOWN, "flyway");
        Pairing p = new Pairing(List.of(u2));
        assertTrue(p.expectsDown(v1));
        assertEquals(u2, p.downOf(m("db/V2__b.sql", "V2__b", null, Migration.Direction.UP, "flyway")));
        assertFalse(p.expectsDown(m("db/R__v.sql", "R__v", null, Migration.Direction.UP, "flyway")));
        assertTrue(Pairing.howToWriteDown(v1).contains("U1__a.sql"));
    }

    @Test
    void prismaAdviceNamesTheCommand() {
        Migration up = m("p/20240101000000_init/migration.sql", "20240101000000_init", null, Migration.Direction.UP, "prisma");
        assertTrue(new Pairing(List.of()).expectsDown(up));
        assertTrue(Pairing.howToWriteDown(up).contains("prisma migrate diff"));
    }
}
