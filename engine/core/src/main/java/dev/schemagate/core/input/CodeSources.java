package dev.schemagate.core.input;

import dev.schemagate.core.Engine;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.ProceduralBlock;
import dev.schemagate.model.change.Unparsed;
import dev.schemagate.model.code.CodeMigration;
import dev.schemagate.model.code.CodeOp;
import dev.schemagate.model.spi.CodeMigrationReader;
import dev.schemagate.model.spi.SqlDialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Turns code migrations (Alembic, Django, Knex, TypeORM) into migrations the engine checks like SQL files: each
 * operation a {@link CodeMigrationReader} found becomes statements of the dialect's own SQL reader, placed at the
 * call in the source file; code whose effect is unknown becomes an uncertain finding at its position.
 */
public final class CodeSources {
    private static final Map<String, CodeMigrationReader> READERS = load();

    private CodeSources() {
    }

    private static Map<String, CodeMigrationReader> load() {
        Map<String, CodeMigrationReader> m = new TreeMap<>();
        for (CodeMigrationReader r : ServiceLoader.load(CodeMigrationReader.class)) {
            m.putIfAbsent(r.tool(), r);
        }
        return m;
    }

    /** The readers of this build, by tool id, in tool order. */
    public static Map<String, CodeMigrationReader> readers() {
        return READERS;
    }

    /**
     * Reads one claimed file into its up migration and, when the file defines one, its down migration.
     * {@code sql} is the reader of dialect {@code d}; null when this build has none (the engine reports that).
     * {@code dialectNamed} is false when {@code d} is only assumed (nothing names the project's database).
     */
    public static List<Engine.Source> read(SourceFile f, String text, Dialect d, boolean dialectNamed, boolean judged,
                                           SqlDialect sql) {
        Migration m = f.getMigration();
        CodeMigrationReader reader = READERS.get(m.getTool());
        if (reader == null) {
            return List.of(Engine.Source.failed(m, "no reader for " + m.getTool() + " migrations in this build"));
        }
        if (sql == null) {
            return List.of(Engine.Source.skipped(m, "no reader for dialect " + d.id() + " in this build"));
        }
        CodeMigration cm;
        try {
            cm = reader.read(m.withDialect(d), text, dialectNamed);
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(Engine.Source.failed(m, "the " + m.getTool() + " reader failed on this file ("
                    + e.getClass().getSimpleName() + "); report it with the file attached"));
        }
        Migration.TxMode tx = cm.getTransactional() == null ? m.getTxMode()
                : cm.getTransactional() ? Migration.TxMode.WRAPPED : Migration.TxMode.NONE;
        Migration up = new Migration(m.getPath(), m.getId(), d, Migration.Direction.UP, m.getTool(), split(tx, cm.getUp()));
        List<Engine.Source> out = new ArrayList<>();
        out.add(source(up, cm.getUp(), cm, sql, true, tx));
        if (cm.hasDown()) {
            Migration down = new Migration(m.getPath(), m.getId(), d, Migration.Direction.DOWN, m.getTool(),
                    split(tx, cm.getDown()));
            out.add(source(down, cm.getDown(), cm, sql, false, tx));
        }
        return out;
    }

    /**
     * A wrapped migration with operations outside its transaction (Alembic's autocommit_block()) is several
     * transactions the tool opens and commits itself: it is checked as a file without a tool transaction whose
     * BEGIN and COMMIT statements are written out at the calls, so transaction rules see where each one ends.
     */
    private static Migration.TxMode split(Migration.TxMode tx, List<CodeOp> ops) {
        if (tx == Migration.TxMode.WRAPPED && ops.stream().anyMatch(CodeOp::outsideTransaction)) {
            return Migration.TxMode.NONE;
        }
        return tx;
    }

    private static Engine.Source source(Migration m, List<CodeOp> ops, CodeMigration cm, SqlDialect sql, boolean up,
                                        Migration.TxMode declared) {
        List<Statement> stmts = new ArrayList<>();
        Map<Integer, List<Change>> preset = new HashMap<>();
        if (up) {
            // a file that did not parse may hide anything: each syntax error is an uncertain finding of the up part
            for (CodeMigration.Problem p : cm.getProblems()) {
                Statement st = new Statement(m, stmts.size(), p.line(), p.column(), p.line(), p.column(), "", List.of());
                preset.put(stmts.size(), List.of(new Unparsed(st, null, p.message(), p.line(), p.column())));
                stmts.add(st);
            }
        }
        // Alembic's autocommit_block(): the tool commits, runs the block in autocommit, then begins again
        boolean wrapped = declared == Migration.TxMode.WRAPPED && m.getTxMode() == Migration.TxMode.NONE;
        boolean open = false;
        for (CodeOp op : ops) {
            if (wrapped && op.outsideTransaction() == open) {
                open = !op.outsideTransaction();
                add(stmts, sql, m, CodeOp.generated(op.line(), op.column(), op.line(), op.column(), op.call(),
                        open ? "BEGIN" : "COMMIT"));
            }
            if (op.shape() == CodeOp.Shape.UNCERTAIN) {
                Statement st = new Statement(m, stmts.size(), op.line(), op.column(), op.endLine(), op.endColumn(),
                        op.call() == null ? "" : op.call(), List.of());
                QualifiedName table = op.table() == null ? null : new QualifiedName(sql.defaultSchema(), op.table());
                preset.put(stmts.size(), List.of(new ProceduralBlock(st, table, cm.getLanguage(), op.reason())));
                stmts.add(st);
                continue;
            }
            add(stmts, sql, m, op);
        }
        if (wrapped && open) {
            CodeOp last = ops.get(ops.size() - 1);
            add(stmts, sql, m, CodeOp.generated(last.endLine(), last.endColumn(), last.endLine(), last.endColumn(),
                    last.call(), "COMMIT"));
        }
        return Engine.Source.prebuilt(m, stmts, preset);
    }

    /** Adds the statements of one SQL operation, placed at the call (generated) or inside the string (literal). */
    private static void add(List<Statement> stmts, SqlDialect sql, Migration m, CodeOp op) {
        List<Statement> split = sql.split(m, op.sql() == null ? "" : op.sql(), (line, col, msg) -> { });
        for (Statement s : split) {
            Statement placed;
            if (op.shape() == CodeOp.Shape.GENERATED) {
                placed = new Statement(m, stmts.size(), op.line(), op.column(), op.endLine(), op.endColumn(),
                        s.getText(), s.getComments());
            } else {
                placed = new Statement(m, stmts.size(), line(op, s.getLine()), column(op, s.getLine(), s.getColumn()),
                        line(op, s.getEndLine()), column(op, s.getEndLine(), s.getEndColumn()), s.getText(),
                        s.getComments());
            }
            if (s.getSplitError() != null) {
                placed.setSplitError(s.getSplitError(), line(op, s.getErrorLine()),
                        column(op, s.getErrorLine(), s.getErrorColumn()));
            }
            stmts.add(placed);
        }
    }

    /** A line inside a string literal, as a line of the source file. */
    private static int line(CodeOp op, int inner) {
        return inner <= 0 ? op.line() : op.line() + inner - 1;
    }

    private static int column(CodeOp op, int innerLine, int inner) {
        return innerLine == 1 ? op.column() + Math.max(inner, 1) - 1 : inner;
    }
}
