package dev.schemagate.dialects.postgres;

import dev.schemagate.dialects.common.JSqlRunner;
import dev.schemagate.dialects.common.Token;
import dev.schemagate.dialects.common.TokenStream;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.DataChange;
import dev.schemagate.model.change.OtherDdl;
import java.util.List;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.update.Update;

/**
 * INSERT, UPDATE, DELETE and MERGE (optionally behind a WITH clause). The target table and the WHERE clause come
 * from JSqlParser's tree when it parsed the statement, and from the tokens otherwise.
 */
final class Dml {
    private Dml() {
    }

    static List<Change> read(Statement st, TokenStream ts, JSqlRunner.Outcome parsed) {
        if (parsed.ok()) {
            net.sf.jsqlparser.statement.Statement s = parsed.statement;
            if (s instanceof Insert) {
                Insert i = (Insert) s;
                return one(st, table(i.getTable()), "INSERT", false, i.getSelect() != null
                        && !(i.getSelect() instanceof net.sf.jsqlparser.statement.select.Values));
            }
            if (s instanceof Update) {
                Update u = (Update) s;
                return one(st, table(u.getTable()), "UPDATE", u.getWhere() != null, u.getFromItem() != null);
            }
            if (s instanceof Delete) {
                Delete d = (Delete) s;
                return one(st, table(d.getTable()), "DELETE", d.getWhere() != null, false);
            }
            if (s instanceof Merge) {
                return one(st, table(((Merge) s).getTable()), "MERGE", true, true);
            }
        }
        return fromTokens(st, ts);
    }

    private static List<Change> one(Statement st, QualifiedName t, String op, boolean where, boolean fromQuery) {
        return List.of(new DataChange(st, t, op, where, fromQuery));
    }

    static QualifiedName table(Table t) {
        if (t == null) {
            return null;
        }
        String name = norm(t.getName());
        String schema = t.getSchemaName() == null ? null : norm(t.getSchemaName());
        return new QualifiedName(schema, name);
    }

    private static String norm(String s) {
        return PgNames.normalize(s);
    }

    private static List<Change> fromTokens(Statement st, TokenStream ts) {
        if (ts.accept("WITH")) {
            ts.accept("RECURSIVE");
            do {
                PgNames.name(ts);
                if (ts.at("(")) {
                    ts.parens();
                }
                ts.expect("AS");
                ts.accept("NOT");
                ts.accept("MATERIALIZED");
                ts.parens();
            } while (ts.accept(","));
        }
        String op = ts.acceptAny("INSERT", "UPDATE", "DELETE", "MERGE", "SELECT");
        if (op == null) {
            throw ts.fail("expected INSERT, UPDATE, DELETE, MERGE or SELECT");
        }
        if (op.equals("SELECT")) {
            return List.of(new OtherDdl(st, null, "QUERY", "SELECT", null, false));
        }
        if (op.equals("INSERT") || op.equals("MERGE")) {
            ts.expect("INTO");
        } else if (op.equals("DELETE")) {
            ts.expect("FROM");
        }
        ts.accept("ONLY");
        QualifiedName t = PgNames.qualified(ts);
        boolean where = false;
        boolean fromQuery = false;
        int depth = 0;
        while (!ts.atEnd()) {
            Token k = ts.next();
            if (k.isOp("(") || k.isOp("[")) {
                depth++;
            } else if (k.isOp(")") || k.isOp("]")) {
                depth--;
            } else if (depth == 0 && k.is("WHERE")) {
                where = true;
            } else if (depth == 0 && (k.is("SELECT") || k.is("FROM") || k.is("USING"))) {
                fromQuery = true;
            }
        }
        return List.of(new DataChange(st, t, op, where || op.equals("MERGE"), fromQuery));
    }
}
