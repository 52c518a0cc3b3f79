package dev.schemagate.dialects.postgres;

import dev.schemagate.dialects.common.JSqlRunner;
import dev.schemagate.dialects.common.Token;
import dev.schemagate.dialects.common.TokenStream;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.DataChange;
import dev.schemagate.model.change.OtherDdl;
import java.util.ArrayList;
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

    /** {@code parsed} is null for {@link #literalRows} statements, which are read from their tokens. */
    static List<Change> read(Statement st, TokenStream ts, JSqlRunner.Outcome parsed) {
        if (parsed != null && parsed.ok() && !withoutTable(parsed.statement)) {
            net.sf.jsqlparser.statement.Statement s = parsed.statement;
            if (s instanceof Insert) {
                Insert i = (Insert) s;
                // getValues() casts the source to Values and throws for INSERT ... SELECT
                return one(st, table(i.getTable()), "INSERT", false,
                        i.getSelect() != null && !(i.getSelect() instanceof net.sf.jsqlparser.statement.select.Values));
            }
            if (s instanceof Update) {
                Update u = (Update) s;
                return List.of(new DataChange(st, table(u.getTable()), "UPDATE", u.getWhere() != null,
                        u.getFromItem() != null, setColumns(ts)));
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

    /**
     * True for {@code INSERT INTO name [(column, ...)] VALUES (literal, ...)[, (literal, ...)]...} and nothing
     * else (comments aside), where a literal is a string, a signed or unsigned number, NULL, TRUE, FALSE or DEFAULT:
     * seed data, whose change (the table, no WHERE, no query) the tokens give in full.
     */
    static boolean literalRows(List<Token> all) {
        List<Token> t = new ArrayList<>(all.size());
        for (Token k : all) {
            if (!k.isComment()) {
                t.add(k);
            }
        }
        int n = t.size();
        if (n > 0 && t.get(n - 1).kind == Token.Kind.SEMICOLON) {
            n--;
        }
        if (n < 8 || !t.get(0).is("INSERT") || !t.get(1).is("INTO") || !t.get(2).isIdentifierLike()) {
            return false;
        }
        int i = 3;
        for (int parts = 1; i + 1 < n && t.get(i).isOp(".") && t.get(i + 1).isIdentifierLike() && parts < 3; parts++) {
            i += 2;
        }
        if (t.get(i).isOp("(")) {
            i++;
            while (i + 1 < n && t.get(i).isIdentifierLike() && t.get(i + 1).isOp(",")) {
                i += 2;
            }
            if (i + 1 >= n || !t.get(i).isIdentifierLike() || !t.get(i + 1).isOp(")")) {
                return false;
            }
            i += 2;
        }
        if (i >= n || !t.get(i).is("VALUES")) {
            return false;
        }
        i++;
        while (true) {
            if (i >= n || !t.get(i).isOp("(")) {
                return false;
            }
            i++;
            while (true) {
                if (i < n && (t.get(i).isOp("-") || t.get(i).isOp("+")) && i + 1 < n && t.get(i + 1).kind == Token.Kind.NUMBER) {
                    i++;
                }
                if (i >= n || !literal(t.get(i))) {
                    return false;
                }
                i++;
                if (i < n && t.get(i).isOp(",")) {
                    i++;
                } else {
                    break;
                }
            }
            if (i >= n || !t.get(i).isOp(")")) {
                return false;
            }
            i++;
            if (i == n) {
                return true;
            }
            if (!t.get(i).isOp(",")) {
                return false;
            }
            i++;
        }
    }

    private static boolean literal(Token k) {
        return k.kind == Token.Kind.STRING || k.kind == Token.Kind.NUMBER || k.is("NULL") || k.is("TRUE")
                || k.is("FALSE") || k.is("DEFAULT");
    }

    /**
     * JSqlParser accepts a bare {@code DELETE} (found by fuzzing) and gives no table; the token reader then says
     * what is missing, instead of a data change on no table.
     */
    private static boolean withoutTable(net.sf.jsqlparser.statement.Statement s) {
        return (s instanceof Insert i && i.getTable() == null) || (s instanceof Update u && u.getTable() == null)
                || (s instanceof Delete d && d.getTable() == null) || (s instanceof Merge m && m.getTable() == null);
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
            ts.skipCommonTableExpressions(PgNames::name);
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
        List<String> setColumns = op.equals("UPDATE") ? setColumns(ts) : null;
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
        return List.of(new DataChange(st, t, op, where || op.equals("MERGE"), fromQuery, setColumns));
    }

    /**
     * The columns an UPDATE's SET clause assigns, read from the tokens: {@code col = expr} and
     * {@code (col, col) = (...)}, in order, repeats kept. Assignments to an array element or a composite field
     * ({@code a[1] = ...}, {@code a.f = ...}) are left out, since several of them may target the same column.
     * Leaves the cursor where it was.
     */
    static List<String> setColumns(TokenStream ts) {
        int mark = ts.index();
        List<String> cols = new ArrayList<>();
        try {
            ts.seek(0);
            int depth = 0;
            boolean update = false;
            while (!ts.atEnd()) {
                Token k = ts.next();
                if (k.isOp("(") || k.isOp("[")) {
                    depth++;
                } else if (k.isOp(")") || k.isOp("]")) {
                    depth--;
                } else if (depth == 0 && k.is("UPDATE")) {
                    update = true;
                } else if (depth == 0 && update && k.is("SET")) {
                    break;
                }
            }
            boolean target = true;
            depth = 0;
            while (!ts.atEnd()) {
                Token k = ts.peek();
                if (depth == 0 && (k.is("FROM") || k.is("WHERE") || k.is("RETURNING"))) {
                    break;
                }
                if (target && k.isOp("(")) {
                    cols.addAll(PgNames.columnList(ts));
                    target = false;
                    continue;
                }
                ts.next();
                if (target && k.isIdentifierLike()) {
                    Token after = ts.peek();
                    if (after != null && !after.isOp("[") && !after.isOp(".")) {
                        cols.add(PgNames.ident(k));
                    }
                    target = false;
                } else if (k.isOp("(") || k.isOp("[")) {
                    depth++;
                } else if (k.isOp(")") || k.isOp("]")) {
                    depth--;
                } else if (depth == 0 && k.isOp(",")) {
                    target = true;
                }
            }
        } catch (RuntimeException e) {
            // a malformed SET list: report what was read
        } finally {
            ts.seek(mark);
        }
        return cols;
    }
}
