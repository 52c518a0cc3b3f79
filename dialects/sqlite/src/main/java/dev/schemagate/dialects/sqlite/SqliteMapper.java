package dev.schemagate.dialects.sqlite;

import dev.schemagate.dialects.common.JSqlRunner;
import dev.schemagate.dialects.common.Lexer;
import dev.schemagate.dialects.common.Mapping;
import dev.schemagate.dialects.common.Token;
import dev.schemagate.dialects.common.TokenStream;
import dev.schemagate.dialects.common.TokenStream.ReadError;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;
import dev.schemagate.model.catalog.ColumnType;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.change.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sf.jsqlparser.parser.AbstractJSqlParser;

/**
 * Maps one SQLite statement to changes of the shared model. JSqlParser has no SQLite dialect and rejects
 * {@code STRICT}, {@code WITHOUT ROWID}, {@code PRAGMA} and trigger bodies, so the changes are read from the
 * statement's tokens by a reader that follows SQLite's grammar ({@code lang_createtable}, {@code lang_altertable},
 * ...). JSqlParser still parses every statement it can (with the SQLite-only table options blanked out, which keeps
 * every offset): a statement it rejects but the reader understands is marked {@code reader=fallback}, a statement it
 * is never given (PRAGMA, CREATE TRIGGER, CREATE VIRTUAL TABLE) {@code reader=sqlite}. What neither can read becomes
 * an {@link Unparsed} change at the reader's error position.
 */
final class SqliteMapper {
    /** Options the reader leaves on an INSERT for the rebuild analysis. */
    static final String INSERT_COLUMNS = "sqlite.insert_columns";
    static final String SELECT_COLUMNS = "sqlite.select_columns";
    static final String SOURCE_TABLE = "sqlite.source_table";
    /** On an UPDATE: the columns it sets to something other than NULL. On UPDATE and DELETE: the WHERE clause. */
    static final String FILLED_COLUMNS = "sqlite.filled_columns";
    static final String WHERE = "sqlite.where";

    private final long timeoutMs;

    SqliteMapper(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    List<Change> map(Statement st) {
        Mapping.Lexed lexed = Mapping.lex(st, Dialect.SQLITE, Lexer.Options.sqlite());
        String t = lexed.parseable() ? forParser(st, lexed.tokens()) : null;
        return map(st, lexed, t == null ? null : JSqlRunner.parse(t, AbstractJSqlParser.Dialect.ANSI_SQL, timeoutMs));
    }

    List<List<Change>> mapAll(List<Statement> sts) {
        List<String> texts = new ArrayList<>(sts.size());
        List<Mapping.Lexed> lexed = new ArrayList<>(sts.size());
        for (Statement st : sts) {
            Mapping.Lexed l = Mapping.lex(st, Dialect.SQLITE, Lexer.Options.sqlite());
            lexed.add(l);
            texts.add(l.parseable() ? forParser(st, l.tokens()) : null);
        }
        List<JSqlRunner.Outcome> parsed = JSqlRunner.parseAll(texts, AbstractJSqlParser.Dialect.ANSI_SQL, timeoutMs);
        List<List<Change>> out = new ArrayList<>(sts.size());
        for (int i = 0; i < sts.size(); i++) {
            List<Change> cs;
            try {
                cs = map(sts.get(i), lexed.get(i), texts.get(i) == null ? null : parsed.get(i));
            } catch (RuntimeException | StackOverflowError e) {
                cs = null;
            }
            out.add(cs);
        }
        return out;
    }

    /**
     * The statement text to give JSqlParser, or null when it is known not to read it. Table options after the
     * column list ({@code STRICT}, {@code WITHOUT ROWID}) and {@code AUTOINCREMENT} are replaced by spaces of the
     * same length, so parser positions still match the original text.
     */
    static String forParser(Statement st, List<Token> tokens) {
        String text = st.getText();
        List<Token> toks = new ArrayList<>();
        for (Token t : tokens) {
            if (!t.isComment()) {
                toks.add(t);
            }
        }
        if (toks.isEmpty()) {
            return null;
        }
        Token first = toks.get(0);
        if (first.is("PRAGMA") || first.is("ATTACH") || first.is("DETACH") || first.is("REINDEX")) {
            return null;
        }
        if (first.is("CREATE")) {
            for (int k = 1; k < Math.min(4, toks.size()); k++) {
                if (toks.get(k).is("TRIGGER") || toks.get(k).is("VIRTUAL")) {
                    return null;
                }
            }
        }
        char[] chars = text.toCharArray();
        boolean changed = false;
        int depth = 0;
        boolean table = first.is("CREATE") && toks.stream().limit(4).anyMatch(t -> t.is("TABLE"));
        boolean closedOnce = false;
        for (Token t : toks) {
            if (t.isOp("(")) {
                depth++;
            } else if (t.isOp(")")) {
                depth--;
                if (depth == 0) {
                    closedOnce = true;
                }
            }
            boolean blank = t.is("AUTOINCREMENT")
                    || (table && closedOnce && depth == 0 && (t.is("STRICT") || t.is("WITHOUT") || t.is("ROWID")
                    || t.isOp(",")));
            if (blank) {
                for (int k = t.start; k < t.end; k++) {
                    chars[k] = ' ';
                }
                changed = true;
            }
        }
        return changed ? new String(chars) : text;
    }

    private List<Change> map(Statement st, Mapping.Lexed lexed, JSqlRunner.Outcome parsed) {
        if (st.getSplitError() != null) {
            return List.of(Mapping.unparsed(st, Dialect.SQLITE, st.getSplitError(), st.getErrorLine(), st.getErrorColumn()));
        }
        if (lexed.unbalanced() != null) {
            return List.of(lexed.unbalanced());
        }
        TokenStream ts = new TokenStream(st.getText(), lexed.tokens());
        try {
            List<Change> out = new Reader(st, ts).statement();
            if (out == null) {
                if (parsed != null && !parsed.ok()) {
                    return List.of(Mapping.unparsedFromParser(st, Dialect.SQLITE, parsed));
                }
                return List.of(Mapping.unparsed(st, Dialect.SQLITE, "statement type not supported by SchemaGate's SQLite reader",
                        st.getLine(), st.getColumn()));
            }
            return Mapping.tag(out, Dialect.SQLITE, parsed == null ? "sqlite" : parsed.ok() ? "jsqlparser" : "fallback");
        } catch (ReadError e) {
            int[] pos = Mapping.position(st, e.offset());
            return List.of(Mapping.unparsed(st, Dialect.SQLITE, e.getMessage(), pos[0], pos[1]));
        }
    }

    /** Reads one statement. */
    private static final class Reader {
        private final Statement st;
        private final TokenStream ts;

        Reader(Statement st, TokenStream ts) {
            this.st = st;
            this.ts = ts;
        }

        List<Change> statement() {
            if (ts.atEnd()) {
                return null;
            }
            Token first = ts.peek();
            if (first.kind != Token.Kind.WORD) {
                return null;
            }
            switch (first.upper()) {
                case "CREATE": ts.next(); return create();
                case "ALTER": ts.next(); return alter();
                case "DROP": ts.next(); return drop();
                case "INSERT": case "REPLACE": case "UPDATE": case "DELETE": return List.of(dml());
                case "WITH": return with();
                case "SELECT": case "VALUES": case "EXPLAIN":
                    return List.of(new OtherDdl(st, null, "QUERY", "SELECT", null, false));
                case "PRAGMA": ts.next(); return List.of(pragma());
                case "BEGIN": case "COMMIT": case "END": case "ROLLBACK": case "SAVEPOINT": case "RELEASE":
                    return List.of(transaction());
                case "VACUUM": ts.next(); return List.of(vacuum());
                case "ANALYZE": {
                    ts.next();
                    QualifiedName n = ts.atEnd() ? null : qualified();
                    end();
                    return List.of(new Maintenance(st, n, "ANALYZE", false));
                }
                case "REINDEX": {
                    ts.next();
                    String n = ts.atEnd() ? "" : qualified().toString();
                    end();
                    return List.of(new Reindex(st, null, n.isEmpty() ? "DATABASE" : "INDEX", n, false));
                }
                case "ATTACH": case "DETACH":
                    return List.of(new OtherDdl(st, null, "DATABASE", first.upper(), null, false));
                default:
                    return null;
            }
        }

        // ---------------------------------------------------------------- names

        String name() {
            Token t = ts.peek();
            if (t == null) {
                throw ts.fail("expected a name at end of statement");
            }
            if (t.isIdentifierLike() || t.kind == Token.Kind.STRING) {
                ts.next();
                return ident(t);
            }
            throw ts.fail("expected a name but found '" + t.text() + "'");
        }

        QualifiedName qualified() {
            String a = name();
            if (ts.accept(".")) {
                String b = name();
                return new QualifiedName(a, b);
            }
            return QualifiedName.of(a);
        }

        List<String> columnList() {
            List<String> out = new ArrayList<>();
            for (String part : ts.parenList()) {
                out.add(elementName(part));
            }
            return out;
        }

        void end() {
            if (!ts.atEnd()) {
                throw ts.fail("unexpected '" + ts.peek().text() + "'");
            }
        }

        // ---------------------------------------------------------------- CREATE

        private List<Change> create() {
            boolean temp = ts.acceptAny("TEMP", "TEMPORARY") != null;
            if (ts.accept("TABLE")) {
                return List.of(createTable(temp));
            }
            if (ts.at("UNIQUE", "INDEX") || ts.at("INDEX")) {
                return List.of(createIndex());
            }
            if (ts.accept("VIEW")) {
                ts.accept("IF", "NOT", "EXISTS");
                QualifiedName n = qualified();
                if (ts.at("(")) {
                    ts.parens();
                }
                ts.expect("AS");
                return List.of(new OtherDdl(st, null, "VIEW", "CREATE", n.toString(), false));
            }
            if (ts.accept("TRIGGER")) {
                ts.accept("IF", "NOT", "EXISTS");
                QualifiedName n = qualified();
                ts.until(t -> t.is("ON"));
                ts.expect("ON");
                QualifiedName table = qualified();
                int body = -1;
                for (int k = ts.index(); k < ts.size(); k++) {
                    if (ts.get(k).is("BEGIN")) {
                        body = k;
                        break;
                    }
                }
                if (body < 0) {
                    throw ts.fail("CREATE TRIGGER needs a BEGIN ... END body");
                }
                Token last = ts.get(ts.size() - 1);
                if (!last.is("END")) {
                    throw ts.fail("the trigger body must end with END");
                }
                TriggerChange tc = new TriggerChange(st, table, n.getName(), "create");
                return List.of(tc);
            }
            if (ts.accept("VIRTUAL", "TABLE")) {
                ts.accept("IF", "NOT", "EXISTS");
                QualifiedName n = qualified();
                ts.expect("USING");
                String module = name();
                if (ts.at("(")) {
                    ts.parens();
                }
                end();
                return List.of(new OtherDdl(st, null, "VIRTUAL_TABLE", "CREATE", n + " USING " + module, false));
            }
            return null;
        }

        private CreateTable createTable(boolean temp) {
            boolean ifNotExists = ts.accept("IF", "NOT", "EXISTS");
            QualifiedName name = qualified();
            List<ColumnSpec> columns = new ArrayList<>();
            List<ConstraintSpec> constraints = new ArrayList<>();
            Map<String, String> options = new LinkedHashMap<>();
            boolean asSelect = false;
            if (ts.accept("AS")) {
                asSelect = true;
                int from = ts.index();
                ts.until(t -> false);
                String source = sourceTable(from);
                if (source != null) {
                    options.put("as_select_from", source);
                }
            } else {
                ts.expect("(");
                while (true) {
                    if (isTableConstraintStart()) {
                        constraints.add(tableConstraint());
                    } else {
                        columns.add(column(options));
                    }
                    if (ts.accept(")")) {
                        break;
                    }
                    ts.expect(",");
                }
                while (!ts.atEnd()) {
                    if (ts.accept("WITHOUT", "ROWID")) {
                        options.put("without_rowid", "true");
                    } else if (ts.accept("STRICT")) {
                        options.put("strict", "true");
                    } else {
                        throw ts.fail("unexpected '" + ts.peek().text() + "' after the table definition"
                                + " (SQLite allows STRICT and WITHOUT ROWID here)");
                    }
                    if (!ts.atEnd()) {
                        ts.expect(",");
                    }
                }
            }
            if (temp) {
                options.put("temporary", "true");
            }
            return new CreateTable(st, name, columns, constraints, ifNotExists, temp, false, null, null, asSelect,
                    options);
        }

        private boolean isTableConstraintStart() {
            return ts.at("CONSTRAINT") || ts.at("CHECK", "(") || ts.at("UNIQUE", "(") || ts.at("PRIMARY", "KEY")
                    || ts.at("FOREIGN", "KEY");
        }

        /** A column definition: name [type] [constraints]; extra facts go to the table options. */
        private ColumnSpec column(Map<String, String> tableOptions) {
            String name = name();
            ColumnType type = SqliteTypes.read(ts);
            return columnConstraints(name, type, tableOptions);
        }

        private ColumnSpec columnConstraints(String name, ColumnType type, Map<String, String> tableOptions) {
            boolean notNull = false;
            String def = null;
            Volatility vol = null;
            ColumnSpec.Generated generated = ColumnSpec.Generated.NONE;
            String genExpr = null;
            boolean pk = false;
            boolean autoincrement = false;
            boolean unique = false;
            QualifiedName ref = null;
            List<String> refCols = null;
            String check = null;
            String collation = null;
            while (!ts.atEnd() && !ts.at(",") && !ts.at(")")) {
                if (ts.accept("CONSTRAINT")) {
                    name();
                    continue;
                }
                if (ts.accept("PRIMARY", "KEY")) {
                    pk = true;
                    ts.acceptAny("ASC", "DESC");
                    conflict();
                    if (ts.accept("AUTOINCREMENT")) {
                        autoincrement = true;
                    }
                } else if (ts.accept("NOT", "NULL")) {
                    notNull = true;
                    conflict();
                } else if (ts.accept("NULL")) {
                    notNull = false;
                    conflict();
                } else if (ts.accept("UNIQUE")) {
                    unique = true;
                    conflict();
                } else if (ts.accept("CHECK")) {
                    check = ts.parens();
                } else if (ts.accept("DEFAULT")) {
                    String[] d = defaultValue();
                    def = d[0];
                    vol = d[0] == null ? null : Volatility.valueOf(d[1]);
                } else if (ts.accept("COLLATE")) {
                    collation = name();
                } else if (ts.accept("REFERENCES")) {
                    ref = qualified();
                    if (ts.at("(")) {
                        refCols = columnList();
                    }
                    String[] actions = referentialTail();
                    if (actions[0] != null && tableOptions != null) {
                        tableOptions.put("on_delete:" + name, actions[0]);
                    }
                } else if (ts.at("GENERATED") || ts.at("AS")) {
                    ts.accept("GENERATED", "ALWAYS");
                    ts.expect("AS");
                    genExpr = ts.parens();
                    generated = ts.accept("STORED") ? ColumnSpec.Generated.STORED : ColumnSpec.Generated.VIRTUAL;
                    ts.accept("VIRTUAL");
                    if (tableOptions != null) {
                        tableOptions.put("generated:" + name, genExpr);
                    }
                } else {
                    throw ts.fail("unexpected '" + ts.peek().text() + "' in the definition of column " + name);
                }
            }
            if (autoincrement && tableOptions != null) {
                tableOptions.put("autoincrement", name);
            }
            if (def != null && def.equalsIgnoreCase("NULL")) {
                def = null;
                vol = null;
            }
            return new ColumnSpec(name, type, notNull, def, vol, generated, genExpr, false, autoincrement, pk, unique,
                    ref, refCols, check, collation);
        }

        /** DEFAULT value: a literal, a signed number, CURRENT_*, or a parenthesised expression; {text, volatility}. */
        private String[] defaultValue() {
            if (ts.at("(")) {
                int from = ts.index();
                ts.parens();
                return new String[] {ts.textFrom(from), Volatility.UNKNOWN.name()};
            }
            int from = ts.index();
            if (ts.at("-") || ts.at("+")) {
                ts.next();
            }
            Token t = ts.next();
            String text = ts.textFrom(from);
            if (t.is("CURRENT_TIMESTAMP") || t.is("CURRENT_TIME") || t.is("CURRENT_DATE")) {
                return new String[] {text, Volatility.STABLE.name()};
            }
            if (t.kind == Token.Kind.STRING || t.kind == Token.Kind.NUMBER || t.is("NULL") || t.is("TRUE")
                    || t.is("FALSE") || t.isIdentifierLike()) {
                return new String[] {text, Volatility.CONSTANT.name()};
            }
            throw ts.fail("unexpected '" + t.text() + "' as a DEFAULT value");
        }

        /** ON CONFLICT clause of a column or table constraint. */
        private void conflict() {
            if (ts.accept("ON", "CONFLICT")) {
                if (ts.acceptAny("ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE") == null) {
                    throw ts.fail("expected ROLLBACK, ABORT, FAIL, IGNORE or REPLACE after ON CONFLICT");
                }
            }
        }

        private String[] referentialTail() {
            String onDelete = null;
            String onUpdate = null;
            while (true) {
                if (ts.accept("ON", "DELETE")) {
                    onDelete = ts.referentialAction();
                } else if (ts.accept("ON", "UPDATE")) {
                    onUpdate = ts.referentialAction();
                } else if (ts.accept("MATCH")) {
                    name();
                } else if (ts.accept("NOT", "DEFERRABLE") || ts.accept("DEFERRABLE")) {
                    if (ts.accept("INITIALLY")) {
                        ts.acceptAny("DEFERRED", "IMMEDIATE");
                    }
                } else {
                    return new String[] {onDelete, onUpdate};
                }
            }
        }


        private ConstraintSpec tableConstraint() {
            String name = null;
            if (ts.accept("CONSTRAINT")) {
                name = name();
            }
            ConstraintKind kind;
            List<String> cols = List.of();
            String expr = null;
            QualifiedName ref = null;
            List<String> refCols = null;
            String[] actions = {null, null};
            if (ts.accept("PRIMARY", "KEY")) {
                kind = ConstraintKind.PRIMARY_KEY;
                cols = columnList();
                conflict();
            } else if (ts.accept("UNIQUE")) {
                kind = ConstraintKind.UNIQUE;
                cols = columnList();
                conflict();
            } else if (ts.accept("CHECK")) {
                kind = ConstraintKind.CHECK;
                expr = ts.parens();
            } else if (ts.accept("FOREIGN", "KEY")) {
                kind = ConstraintKind.FOREIGN_KEY;
                cols = columnList();
                ts.expect("REFERENCES");
                ref = qualified();
                if (ts.at("(")) {
                    refCols = columnList();
                }
                actions = referentialTail();
            } else {
                throw ts.fail("expected a table constraint but found '" + (ts.atEnd() ? "end" : ts.peek().text()) + "'");
            }
            return new ConstraintSpec(name, kind, cols, expr, ref, refCols, false, null, actions[0], actions[1], false);
        }

        private CreateIndex createIndex() {
            boolean unique = ts.accept("UNIQUE");
            ts.expect("INDEX");
            boolean ifNotExists = ts.accept("IF", "NOT", "EXISTS");
            QualifiedName name = qualified();
            ts.expect("ON");
            QualifiedName table = QualifiedName.of(name());
            if (name.getSchema() != null) {
                table = new QualifiedName(name.getSchema(), table.getName());
            }
            List<String> cols = new ArrayList<>();
            for (String elem : ts.parenList()) {
                cols.add(elementName(elem));
            }
            String where = null;
            if (ts.accept("WHERE")) {
                where = ts.rest();
                ts.until(t -> false);
            }
            end();
            return new CreateIndex(st, table, new IndexSpec(name.getName(), cols, unique, where, null, null), false,
                    ifNotExists, false);
        }

        // ---------------------------------------------------------------- ALTER

        private List<Change> alter() {
            ts.expect("TABLE");
            QualifiedName table = qualified();
            if (ts.accept("RENAME")) {
                if (ts.accept("TO")) {
                    String to = name();
                    end();
                    return List.of(new RenameTable(st, table, table.withName(to)));
                }
                ts.accept("COLUMN");
                String from = name();
                ts.expect("TO");
                String to = name();
                end();
                return List.of(new RenameColumn(st, table, from, to));
            }
            if (ts.accept("ADD")) {
                if (ts.at("CONSTRAINT") || ts.at("PRIMARY", "KEY") || ts.at("FOREIGN", "KEY")
                        || ts.at("UNIQUE", "(") || ts.at("CHECK", "(")) {
                    ConstraintSpec k = tableConstraint();
                    end();
                    return List.of(new AddConstraint(st, table, k, false));
                }
                ts.accept("COLUMN");
                boolean ifNotExists = ts.accept("IF", "NOT", "EXISTS");
                String name = name();
                ColumnType type = SqliteTypes.read(ts);
                ColumnSpec col = columnConstraints(name, type, null);
                end();
                return List.of(new AddColumn(st, table, col, ifNotExists, null));
            }
            if (ts.accept("DROP")) {
                if (ts.accept("CONSTRAINT")) {
                    ts.accept("IF", "EXISTS");
                    String n = name();
                    end();
                    return List.of(new DropConstraint(st, table, n, false, false));
                }
                ts.accept("COLUMN");
                boolean ifExists = ts.accept("IF", "EXISTS");
                String col = name();
                end();
                return List.of(new DropColumn(st, table, col, ifExists, false));
            }
            if (ts.accept("ALTER")) {
                ts.accept("COLUMN");
                String col = name();
                Change c;
                if (ts.accept("SET", "NOT", "NULL")) {
                    c = new SetNotNull(st, table, col);
                } else if (ts.accept("DROP", "NOT", "NULL")) {
                    c = new DropNotNull(st, table, col);
                } else if (ts.accept("SET", "DEFAULT")) {
                    String[] d = defaultValue();
                    c = new SetDefault(st, table, col, d[0], Volatility.valueOf(d[1]));
                } else if (ts.accept("DROP", "DEFAULT")) {
                    c = new DropDefault(st, table, col);
                } else if (ts.accept("TYPE") || ts.accept("SET", "DATA", "TYPE")) {
                    ColumnType t = SqliteTypes.read(ts);
                    if (t == null) {
                        throw ts.fail("expected a type");
                    }
                    c = new AlterColumnType(st, table, col, t, null, false);
                } else {
                    throw ts.fail("SQLite's ALTER COLUMN allows only SET NOT NULL and DROP NOT NULL");
                }
                end();
                return List.of(c);
            }
            throw ts.fail("SQLite's ALTER TABLE allows RENAME TO, RENAME COLUMN, ADD COLUMN, DROP COLUMN"
                    + " and ALTER COLUMN ... SET/DROP NOT NULL" + (ts.atEnd() ? "" : ", not '" + ts.peek().text() + "'"));
        }

        // ---------------------------------------------------------------- DROP

        private List<Change> drop() {
            String kind = ts.acceptAny("TABLE", "INDEX", "TRIGGER", "VIEW");
            if (kind == null) {
                return null;
            }
            boolean ifExists = ts.accept("IF", "EXISTS");
            QualifiedName n = qualified();
            end();
            switch (kind) {
                case "TABLE": return List.of(new DropTable(st, n, ifExists, false));
                case "INDEX": return List.of(new DropIndex(st, null, n.getName(), false, ifExists, false));
                case "TRIGGER": return List.of(new TriggerChange(st, null, n.getName(), "drop"));
                default: return List.of(new OtherDdl(st, null, "VIEW", "DROP", n.toString(), false));
            }
        }

        // ---------------------------------------------------------------- data

        private List<Change> with() {
            // WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (select), ... then the statement proper
            ts.next();
            ts.skipCommonTableExpressions(x -> name());
            if (ts.at("SELECT") || ts.at("VALUES")) {
                return List.of(new OtherDdl(st, null, "QUERY", "SELECT", null, false));
            }
            if (ts.at("INSERT") || ts.at("REPLACE") || ts.at("UPDATE") || ts.at("DELETE")) {
                return List.of(dml());
            }
            throw ts.fail("expected SELECT, INSERT, UPDATE or DELETE after WITH");
        }

        private DataChange dml() {
            Token verb = ts.next();
            if (verb.is("INSERT") || verb.is("REPLACE")) {
                if (verb.is("INSERT") && ts.accept("OR")) {
                    ts.acceptAny("ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE");
                }
                ts.expect("INTO");
                QualifiedName t = qualified();
                if (ts.accept("AS")) {
                    name();
                }
                List<String> cols = null;
                if (ts.at("(")) {
                    cols = columnList();
                }
                boolean fromQuery = ts.at("SELECT") || ts.at("WITH");
                if (!fromQuery && !ts.at("VALUES") && !ts.at("DEFAULT", "VALUES")) {
                    throw ts.fail("expected VALUES, SELECT or DEFAULT VALUES");
                }
                DataChange d = new DataChange(st, t, "INSERT", false, fromQuery);
                if (cols != null) {
                    d.setOption(INSERT_COLUMNS, String.join(",", cols));
                }
                if (fromQuery && ts.at("SELECT")) {
                    selectFacts(d);
                }
                return d;
            }
            if (verb.is("UPDATE")) {
                if (ts.accept("OR")) {
                    ts.acceptAny("ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE");
                }
                QualifiedName t = qualified();
                if (ts.accept("AS")) {
                    name();
                }
                if (ts.accept("INDEXED", "BY")) {
                    name();
                }
                ts.accept("NOT", "INDEXED");
                ts.expect("SET");
                List<String> set = new ArrayList<>();
                List<String> filled = new ArrayList<>();
                while (true) {
                    List<String> targets = ts.at("(") ? columnList() : List.of(name());
                    set.addAll(targets);
                    ts.expect("=");
                    String value = ts.until(x -> x.isOp(",") || x.is("FROM") || x.is("WHERE") || x.is("RETURNING"));
                    if (value != null && !value.equalsIgnoreCase("NULL")) {
                        filled.addAll(targets);
                    }
                    if (!ts.accept(",")) {
                        break;
                    }
                }
                boolean from = false;
                if (ts.accept("FROM")) {
                    from = true;
                    ts.until(x -> x.is("WHERE") || x.is("RETURNING"));
                }
                boolean where = ts.at("WHERE");
                DataChange d = new DataChange(st, t, "UPDATE", where, from, set);
                if (!filled.isEmpty()) {
                    d.setOption(FILLED_COLUMNS, String.join(",", filled));
                }
                if (where) {
                    d.setOption(WHERE, ts.rest());
                }
                return d;
            }
            ts.expect("FROM");
            QualifiedName t = qualified();
            boolean where = false;
            for (int k = ts.index(); k < ts.size(); k++) {
                if (ts.get(k).is("WHERE")) {
                    where = true;
                }
            }
            DataChange d = new DataChange(st, t, "DELETE", where, false);
            if (where) {
                ts.until(x -> x.is("WHERE"));
                d.setOption(WHERE, ts.rest());
            }
            return d;
        }

        /** For INSERT ... SELECT: the select list and the first table after the top-level FROM. */
        private void selectFacts(DataChange d) {
            ts.expect("SELECT");
            ts.acceptAny("DISTINCT", "ALL");
            List<String> items = new ArrayList<>();
            while (!ts.atEnd()) {
                String item = ts.until(x -> x.isOp(",") || x.is("FROM"));
                if (item != null) {
                    items.add(item);
                }
                if (!ts.accept(",")) {
                    break;
                }
            }
            d.setOption(SELECT_COLUMNS, String.join("\u0001", items));
            if (ts.accept("FROM") && !ts.at("(")) {
                d.setOption(SOURCE_TABLE, qualified().toString());
            }
        }

        /** The first table after the top-level FROM of a query starting at token {@code from}, or null. */
        private String sourceTable(int from) {
            int depth = 0;
            for (int k = from; k < ts.size(); k++) {
                Token t = ts.get(k);
                if (t.isOp("(")) {
                    depth++;
                } else if (t.isOp(")")) {
                    depth--;
                } else if (depth == 0 && t.is("FROM") && ts.get(k + 1) != null && ts.get(k + 1).isIdentifierLike()) {
                    Token n = ts.get(k + 1);
                    if (ts.get(k + 2) != null && ts.get(k + 2).isOp(".") && ts.get(k + 3) != null) {
                        return ident(ts.get(k + 3));
                    }
                    return ident(n);
                }
            }
            return null;
        }

        // ---------------------------------------------------------------- PRAGMA, transactions, maintenance

        private Change pragma() {
            QualifiedName n = qualified();
            String name = n.getName().toLowerCase(Locale.ROOT);
            String value = null;
            if (ts.accept("=")) {
                value = pragmaValue();
            } else if (ts.at("(")) {
                value = ts.parens();
            }
            end();
            if (value == null || name.endsWith("_check") || name.equals("table_info") || name.equals("index_list")) {
                return new OtherDdl(st, null, "PRAGMA", value == null ? "QUERY" : "CHECK", name, false);
            }
            return new SetSetting(st, null, name, unquote(value), null, false);
        }

        private String pragmaValue() {
            int from = ts.index();
            if (ts.at("-") || ts.at("+")) {
                ts.next();
            }
            ts.next();
            return ts.textFrom(from);
        }

        private Change transaction() {
            Token t = ts.next();
            String op;
            switch (t.upper()) {
                case "BEGIN":
                    ts.acceptAny("DEFERRED", "IMMEDIATE", "EXCLUSIVE");
                    ts.accept("TRANSACTION");
                    op = "BEGIN";
                    break;
                case "COMMIT":
                case "END":
                    ts.accept("TRANSACTION");
                    op = "COMMIT";
                    break;
                case "ROLLBACK":
                    ts.accept("TRANSACTION");
                    if (ts.accept("TO")) {
                        ts.accept("SAVEPOINT");
                        name();
                        op = "ROLLBACK_TO";
                    } else {
                        op = "ROLLBACK";
                    }
                    break;
                case "SAVEPOINT":
                    name();
                    op = "SAVEPOINT";
                    break;
                default:
                    ts.accept("SAVEPOINT");
                    name();
                    op = "RELEASE";
            }
            end();
            return new TransactionControl(st, null, op);
        }

        private Change vacuum() {
            String schema = null;
            if (!ts.atEnd() && !ts.at("INTO")) {
                schema = name();
            }
            if (ts.accept("INTO")) {
                ts.next();
                end();
                return new OtherDdl(st, null, "DATABASE", "VACUUM_INTO", schema, false);
            }
            end();
            return new Maintenance(st, null, "VACUUM", false);
        }
    }

    /** An identifier token's name: quotes removed ('x' is accepted as a name, as SQLite does). */
    static String ident(Token t) {
        if (t.kind == Token.Kind.STRING) {
            return unquote(t.text());
        }
        if (t.kind == Token.Kind.QUOTED_IDENT && t.text().startsWith("[")) {
            return t.text().substring(1, t.text().length() - 1);
        }
        return t.identifier();
    }

    /** A column name from an index or column-list element: the name without COLLATE/ASC/DESC, else the text. */
    static String elementName(String elem) {
        List<Token> toks = new ArrayList<>();
        for (Token t : Lexer.lex(elem, Lexer.Options.sqlite())) {
            if (!t.isComment()) {
                toks.add(t);
            }
        }
        if (!toks.isEmpty() && (toks.get(0).isIdentifierLike() || toks.get(0).kind == Token.Kind.STRING)) {
            int k = 1;
            if (k < toks.size() && toks.get(k).is("COLLATE") && k + 1 < toks.size()) {
                k += 2;
            }
            if (k < toks.size() && (toks.get(k).is("ASC") || toks.get(k).is("DESC"))) {
                k++;
            }
            if (k == toks.size()) {
                return ident(toks.get(0));
            }
        }
        return elem.trim();
    }

    static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1).replace("\"\"", "\"");
        }
        return t;
    }
}
