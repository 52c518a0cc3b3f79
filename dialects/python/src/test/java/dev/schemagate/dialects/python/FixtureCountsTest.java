package dev.schemagate.dialects.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.code.CodeLayout;
import dev.schemagate.model.code.CodeMigration;
import dev.schemagate.model.code.CodeOp;
import dev.schemagate.model.spi.CodeMigrationReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads the fixture projects written in the shapes of real ones (prefect for Alembic, saleor for Django) end to
 * end through both readers, and prints how many operations were modelled (SQL generated for an API call), read as
 * SQL strings, or left uncertain: the counts the issue asks for.
 */
class FixtureCountsTest {
    record Counts(int files, int modelled, int strings, int uncertain, int problems) {
        @Override
        public String toString() {
            return files + " files: " + modelled + " modelled, " + strings + " SQL strings, " + uncertain
                    + " uncertain, " + problems + " syntax problems";
        }
    }

    static Counts count(CodeMigrationReader r, Path root, Dialect forced) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        CodeLayout layout = r.claim(root, files, forced);
        assertNotNull(layout, r.tool() + " claims " + root);
        int gen = 0;
        int lit = 0;
        int unc = 0;
        int prob = 0;
        for (CodeLayout.File f : layout.getFiles()) {
            Migration m = new Migration(root.relativize(f.path()).toString(), f.id(), layout.getDialect(),
                    Migration.Direction.UP, r.tool(), Migration.TxMode.UNKNOWN);
            CodeMigration cm = r.read(m, Files.readString(f.path()));
            if (Boolean.getBoolean("dump")) {
                System.out.println("== " + f.id() + " " + cm.getProblems());
                cm.getUp().forEach(op -> System.out.println("  " + op.shape() + " " + op.line() + ":" + op.column() + " "
                        + (op.sql() != null ? op.sql().replace("\n", " ") : op.reason())));
            }
            for (CodeOp op : cm.getUp()) {
                switch (op.shape()) {
                    case GENERATED -> gen++;
                    case LITERAL -> lit++;
                    case UNCERTAIN -> unc++;
                }
            }
            prob += cm.getProblems().size();
        }
        Counts c = new Counts(layout.getFiles().size(), gen, lit, unc, prob);
        System.out.println("[counts] " + r.tool() + " " + root.getFileName() + " (" + (layout.getDialect() == null
                ? "dialect unknown" : layout.getDialect().id()) + "): " + c);
        return c;
    }

    @Test
    void alembicPrefectShapeBothDialectFolders() throws Exception {
        Path root = Path.of("src/test/resources/alembic-prefect-shape");
        Counts pg = count(new AlembicReader(), root, null);
        assertEquals(new Counts(5, 9, 3, 3, 0), pg);
        Counts lite = count(new AlembicReader(), root, Dialect.SQLITE);
        assertEquals(new Counts(3, 3, 1, 1, 0), lite);
    }

    @Test
    void djangoSaleorShape() throws Exception {
        Path root = Path.of("src/test/resources/django-saleor-shape");
        Counts c = count(new DjangoReader(), root, null);
        assertEquals(new Counts(10, 16, 3, 2, 0), c);
    }

    @Test
    void examplesFolders() throws Exception {
        Counts a = count(new AlembicReader(), Path.of("../../examples/postgres-alembic"), null);
        assertTrue(a.modelled() > 0 && a.strings() > 0 && a.uncertain() > 0, a.toString());
        Counts d = count(new DjangoReader(), Path.of("../../examples/postgres-django"), null);
        assertTrue(d.modelled() > 0 && d.strings() > 0 && d.uncertain() > 0, d.toString());
    }
}
