package dev.schemagate.dialects.postgres;

import dev.schemagate.dialects.common.JSqlRunner;
import dev.schemagate.dialects.common.Lexer;
import dev.schemagate.dialects.common.Mapping;
import dev.schemagate.dialects.common.Token;
import dev.schemagate.dialects.common.TokenStream;
import dev.schemagate.dialects.common.TokenStream.ReadError;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.catalog.TypeDef;
import dev.schemagate.model.change.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.parser.AbstractJSqlParser;

/**
 * Maps one PostgreSQL statement to changes of the shared model. Every statement is first parsed with JSqlParser
 * (PostgreSQL dialect, time limit); the changes themselves are read from the statement's tokens by a strict
 * reader that follows PostgreSQL's grammar, because JSqlParser keeps much of the DDL that decides risk (NOT VALID,
 * VALIDATE CONSTRAINT, USING INDEX, identity and generated columns) as opaque strings and misreads some forms
 * (DROP INDEX CONCURRENTLY). Statements JSqlParser rejects but the reader recognises (DO, routine bodies,
 * ALTER TYPE ... ADD VALUE, partitions, REINDEX CONCURRENTLY, ...) are marked {@code reader=fallback}; anything
 * neither can read becomes an {@link Unparsed} change carrying the parser's error position.
 */
final class PgMapper {
    static final String READER = "reader";
    private static final Set<String> COLUMN_STOP = Set.of("NOT", "NULL", "CHECK", "UNIQUE", "PRIMARY", "REFERENCES",
            "CONSTRAINT", "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY", "DEFAULT", "COMPRESSION", "STORAGE");

    private final long timeoutMs;

    PgMapper(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    List<Change> map(Statement st) {
        Lexed l = lex(st);
        return map(st, l, l.forParser() ? JSqlRunner.parse(l.text(), AbstractJSqlParser.Dialect.POSTGRESQL, timeoutMs) : null);
    }

    /**
     * Maps statements of one file, parsing them with JSqlParser in one batch. Rows of literal values
     * ({@link Dml#literalRows}) are read from their tokens alone: in a data-heavy file they are nearly all the text,
     * and parsing their values was most of the check's time (a 50 MB seed file: about 80%).
     */
    List<List<Change>> mapAll(List<Statement> sts) {
        List<String> texts = new java.util.ArrayList<>(sts.size());
        List<Lexed> lexed = new java.util.ArrayList<>(sts.size());
        for (Statement st : sts) {
            Lexed l = lex(st);
            lexed.add(l);
            texts.add(l.forParser() ? l.text() : null);
        }
        List<JSqlRunner.Outcome> parsed = JSqlRunner.parseAll(texts, AbstractJSqlParser.Dialect.POSTGRESQL, timeoutMs);
        List<List<Change>> out = new java.util.ArrayList<>(sts.size());
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
     * A statement lexed once: psql meta-commands ({@code \connect}) are not lexed; an INSERT of literal rows only is
     * read from its tokens; anything else is checked for parentheses that do not balance ({@link Mapping#lex}).
     * {@code text} is the statement as read: its own text with psql variable references blanked
     * ({@link PsqlVariables}), same length.
     */
    private record Lexed(Mapping.Lexed lexed, boolean literalRows, String text) {
        boolean forParser() {
            return lexed.parseable() && !literalRows;
        }
    }

    private static Lexed lex(Statement st) {
        if (st.getText().startsWith("\\")) {
            return new Lexed(new Mapping.Lexed(null, null), false, st.getText());
        }
        Mapping.Lexed l = Mapping.lex(st, Dialect.POSTGRES, Lexer.Options.postgres());
        String text = st.getText();
        if (l.tokens() != null && text.indexOf(':') >= 0) {
            String blanked = PsqlVariables.blank(text, l.tokens());
            if (blanked != text) {
                text = blanked;
                l = Mapping.lex(new Statement(st.getMigration(), st.getIndex(), st.getLine(), st.getColumn(), st.getEndLine(),
                        st.getEndColumn(), text, st.getComments()), Dialect.POSTGRES, Lexer.Options.postgres());
            }
        }
        boolean rows = l.tokens() != null && text.regionMatches(true, 0, "INSERT", 0, 6)
                && Dml.literalRows(l.tokens());
        return new Lexed(l, rows, text);
    }

    /** {@code parsed}: JSqlParser's outcome, null when it was not asked ({@link Lexed#forParser}). */
    private List<Change> map(Statement st, Lexed lexed, JSqlRunner.Outcome parsed) {
        if (st.getSplitError() != null) {
            return List.of(unparsed(st, st.getSplitError(), st.getErrorLine(), st.getErrorColumn()));
        }
        String text = lexed.text();
        if (text.startsWith("\\")) {
            return tag(List.of(new OtherDdl(st, null, "PSQL", "META", text.split("\\s+")[0], false)), "meta");
        }
        List<Token> tokens = lexed.lexed().tokens();
        if (lexed.literalRows()) {
            return tag(Dml.read(st, new TokenStream(text, tokens), null), "values");
        }
        if (lexed.lexed().unbalanced() != null) {
            return List.of(lexed.lexed().unbalanced());
        }
        TokenStream ts = new TokenStream(text, tokens);
        try {
            Reader r = new Reader(st, ts, parsed);
            List<Change> out = r.statement();
            if (out == null) {
                return List.of(parsed.ok()
                        ? unparsed(st, "statement type not supported by SchemaGate's PostgreSQL reader", st.getLine(), st.getColumn())
                        : unparsedFromParser(st, parsed));
            }
            return tag(out, parsed.ok() ? "jsqlparser" : "fallback");
        } catch (ReadError e) {
            if (!parsed.ok()) {
                return List.of(unparsedFromParser(st, parsed));
            }
            int[] pos = position(st, e.offset());
            return List.of(unparsed(st, e.getMessage(), pos[0], pos[1]));
        }
    }

    private static List<Change> tag(List<Change> changes, String reader) {
        return dev.schemagate.dialects.common.Mapping.tag(changes, Dialect.POSTGRES, reader);
    }

    private static Unparsed unparsedFromParser(Statement st, JSqlRunner.Outcome parsed) {
        return dev.schemagate.dialects.common.Mapping.unparsedFromParser(st, Dialect.POSTGRES, parsed);
    }

    static Unparsed unparsed(Statement st, String reason, int line, int col) {
        return dev.schemagate.dialects.common.Mapping.unparsed(st, Dialect.POSTGRES, reason, line, col);
    }

    /** File line and column of a character offset inside the statement text. */
    static int[] position(Statement st, int offset) {
        return dev.schemagate.dialects.common.Mapping.position(st, offset);
    }

    /** Reads one statement. */
    private static final class Reader {
        private final Statement st;
        private final TokenStream ts;
        private final JSqlRunner.Outcome parsed;

        Reader(Statement st, TokenStream ts, JSqlRunner.Outcome parsed) {
            this.st = st;
            this.ts = ts;
            this.parsed = parsed;
        }

        List<Change> statement() {
            if (ts.atEnd()) {
                return null;
            }
            Token first = ts.peek();
            if (first.kind != Token.Kind.WORD) {
                if (first.isOp("(")) {
                    return List.of(new OtherDdl(st, null, "QUERY", "SELECT", null, false));
                }
                return null;
            }
            switch (first.upper()) {
                case "CREATE": ts.next(); return create();
                case "ALTER": ts.next(); return alter();
                case "DROP": ts.next(); return drop();
                case "TRUNCATE": ts.next(); return truncate();
                case "INSERT": case "UPDATE": case "DELETE": case "MERGE": case "WITH": return Dml.read(st, ts, parsed);
                case "COPY": ts.next(); return copy();
                case "SET": ts.next(); return set();
                case "RESET": ts.next(); return reset();
                case "BEGIN": case "START": case "COMMIT": case "END": case "ROLLBACK": case "ABORT": case "SAVEPOINT":
                case "RELEASE": case "PREPARE":
                    return transaction();
                case "VACUUM": ts.next(); return vacuum();
                case "ANALYZE": case "ANALYSE": ts.next(); return analyze();
                case "CLUSTER": ts.next(); return cluster();
                case "REINDEX": ts.next(); return reindex();
                case "REFRESH": ts.next(); return refresh();
                case "LOCK": ts.next(); return lock();
                case "DO": return List.of(new ProceduralBlock(st, null, doLanguage(),
                        "a DO block runs procedural code whose effect SchemaGate cannot see"));
                case "CALL": case "EXECUTE":
                    return List.of(new ProceduralBlock(st, null, "sql",
                            first.upper() + " runs a routine whose effect SchemaGate cannot see"));
                case "SELECT": case "VALUES": case "TABLE": case "SHOW": case "EXPLAIN":
                    return select();
                case "COMMENT": return List.of(new OtherDdl(st, commentTarget(), "COMMENT", "COMMENT", null, false));
                case "GRANT": case "REVOKE":
                    return List.of(new OtherDdl(st, null, "PRIVILEGE", first.upper(), null, false));
                case "SECURITY": case "NOTIFY": case "LISTEN": case "UNLISTEN": case "DISCARD": case "LOAD":
                case "CHECKPOINT": case "DEALLOCATE": case "REASSIGN": case "IMPORT": case "FETCH": case "MOVE":
                case "CLOSE": case "DECLARE":
                    return List.of(new OtherDdl(st, null, first.upper(), "OTHER", null, false));
                default:
                    return null;
            }
        }

        // ---------------------------------------------------------------- CREATE

        private List<Change> create() {
            boolean orReplace = ts.accept("OR", "REPLACE");
            boolean temp = false;
            boolean unlogged = false;
            while (true) {
                if (ts.accept("GLOBAL") || ts.accept("LOCAL")) {
                    continue;
                }
                if (ts.accept("TEMPORARY") || ts.accept("TEMP")) {
                    temp = true;
                    continue;
                }
                if (ts.accept("UNLOGGED")) {
                    unlogged = true;
                    continue;
                }
                break;
            }
            if (ts.accept("TABLE")) {
                return List.of(createTable(temp, unlogged));
            }
            if (ts.at("UNIQUE", "INDEX") || ts.at("INDEX")) {
                return List.of(createIndex());
            }
            if (ts.accept("TYPE")) {
                return List.of(createType());
            }
            if (ts.accept("DOMAIN")) {
                return List.of(createDomain());
            }
            if (ts.at("CONSTRAINT", "TRIGGER") || ts.at("TRIGGER")) {
                ts.accept("CONSTRAINT");
                ts.next();
                String name = PgNames.name(ts);
                return List.of(new TriggerChange(st, afterOn(), name, "create"));
            }
            if (ts.accept("MATERIALIZED", "VIEW")) {
                ts.accept("IF", "NOT", "EXISTS");
                QualifiedName n = PgNames.qualified(ts);
                return List.of(new OtherDdl(st, n, "MATERIALIZED_VIEW", "CREATE", n.toString(), false));
            }
            if (ts.accept("RECURSIVE")) {
                ts.expect("VIEW");
                return List.of(otherNamed("VIEW", orReplace ? "REPLACE" : "CREATE"));
            }
            if (ts.accept("VIEW")) {
                return List.of(otherNamed("VIEW", orReplace ? "REPLACE" : "CREATE"));
            }
            if (ts.at("FUNCTION") || ts.at("PROCEDURE") || ts.at("AGGREGATE")) {
                String kind = ts.next().upper();
                QualifiedName n = PgNames.qualified(ts);
                return List.of(new OtherDdl(st, null, kind, orReplace ? "REPLACE" : "CREATE", n.toString(), false));
            }
            if (ts.accept("POLICY")) {
                String name = PgNames.name(ts);
                ts.expect("ON");
                QualifiedName t = PgNames.qualified(ts);
                return List.of(new OtherDdl(st, t, "POLICY", "CREATE", name, false));
            }
            if (ts.accept("RULE")) {
                String name = PgNames.name(ts);
                return List.of(new OtherDdl(st, null, "RULE", orReplace ? "REPLACE" : "CREATE", name, false));
            }
            if (ts.accept("SCHEMA")) {
                ts.accept("IF", "NOT", "EXISTS");
                String name = ts.at("AUTHORIZATION") ? null : PgNames.name(ts);
                return List.of(new OtherDdl(st, null, "SCHEMA", "CREATE", name, false));
            }
            if (ts.accept("DATABASE")) {
                return List.of(new OtherDdl(st, null, "DATABASE", "CREATE", PgNames.name(ts), false));
            }
            String kind = objectKind();
            if (kind != null) {
                return List.of(otherNamed(kind, orReplace ? "REPLACE" : "CREATE"));
            }
            return null;
        }

        /** Reads the object kind words of CREATE/ALTER/DROP for the kinds kept as OtherDdl. */
        private String objectKind() {
            String[][] kinds = {
                {"FOREIGN", "DATA", "WRAPPER"}, {"FOREIGN", "TABLE"}, {"EVENT", "TRIGGER"}, {"TEXT", "SEARCH"},
                {"USER", "MAPPING"}, {"ACCESS", "METHOD"}, {"DEFAULT", "PRIVILEGES"}, {"OPERATOR", "CLASS"},
                {"OPERATOR", "FAMILY"}, {"EXTENSION"}, {"SEQUENCE"}, {"ROLE"}, {"USER"}, {"GROUP"}, {"PUBLICATION"},
                {"SUBSCRIPTION"}, {"COLLATION"}, {"CONVERSION"}, {"OPERATOR"}, {"STATISTICS"}, {"CAST"}, {"SERVER"},
                {"LANGUAGE"}, {"TRANSFORM"}, {"TABLESPACE"}, {"ROUTINE"}, {"SYSTEM"}, {"LARGE", "OBJECT"},
                {"PROCEDURAL", "LANGUAGE"}, {"TRUSTED", "LANGUAGE"}};
            for (String[] k : kinds) {
                if (ts.accept(k)) {
                    return String.join("_", k);
                }
            }
            return null;
        }

        private OtherDdl otherNamed(String kind, String action) {
            ts.accept("IF", "NOT", "EXISTS");
            ts.accept("IF", "EXISTS");
            String name = null;
            if (!ts.atEnd() && ts.peek().isIdentifierLike()) {
                int mark = ts.index();
                try {
                    name = PgNames.qualified(ts).toString();
                } catch (ReadError e) {
                    ts.seek(mark);
                }
            }
            return new OtherDdl(st, null, kind, action, name, false);
        }

        private CreateTable createTable(boolean temp, boolean unlogged) {
            boolean ifNotExists = ts.accept("IF", "NOT", "EXISTS");
            QualifiedName name = PgNames.qualified(ts);
            List<ColumnSpec> columns = new ArrayList<>();
            List<ConstraintSpec> constraints = new ArrayList<>();
            Map<String, String> options = new LinkedHashMap<>();
            QualifiedName partitionOf = null;
            String partitionBy = null;
            boolean asSelect = false;
            if (ts.accept("PARTITION", "OF")) {
                partitionOf = PgNames.qualified(ts);
                if (ts.at("(")) {
                    elements(columns, constraints, true);
                }
                if (ts.accept("DEFAULT")) {
                    options.put("partition_bound", "DEFAULT");
                } else {
                    ts.expect("FOR", "VALUES");
                    int from = ts.index();
                    ts.until(t -> t.is("PARTITION") || t.is("WITH") || t.is("TABLESPACE") || t.is("USING"));
                    options.put("partition_bound", ts.textFrom(from));
                }
            } else if (ts.accept("OF")) {
                options.put("of_type", PgNames.qualified(ts).toString());
                if (ts.at("(")) {
                    elements(columns, constraints, true);
                }
            } else if (ts.at("(")) {
                int close = ts.matching(ts.index());
                Token after = ts.get(close + 1);
                if (after != null && after.is("AS")) {
                    ts.parenList();
                } else {
                    elements(columns, constraints, false);
                }
            }
            while (!ts.atEnd()) {
                if (ts.accept("INHERITS")) {
                    options.put("inherits", ts.parens());
                } else if (ts.accept("PARTITION", "BY")) {
                    int from = ts.index();
                    ts.next();
                    ts.parens();
                    partitionBy = ts.textFrom(from);
                } else if (ts.accept("USING")) {
                    options.put("access_method", PgNames.name(ts));
                } else if (ts.at("WITH", "(")) {
                    ts.next();
                    options.put("with", ts.parens());
                } else if (ts.accept("WITHOUT", "OIDS")) {
                    continue;
                } else if (ts.accept("ON", "COMMIT")) {
                    ts.until(t -> t.is("TABLESPACE") || t.is("AS"));
                } else if (ts.accept("TABLESPACE")) {
                    options.put("tablespace", PgNames.name(ts));
                } else if (ts.accept("AS")) {
                    asSelect = true;
                    ts.until(t -> false);
                } else if (ts.accept("WITH", "NO", "DATA") || ts.accept("WITH", "DATA")) {
                    continue;
                } else if (ts.accept("SERVER")) {
                    ts.until(t -> false);
                } else {
                    throw ts.fail("unexpected '" + ts.peek().text() + "' after the table definition");
                }
            }
            if (temp) {
                options.put("temporary", "true");
            }
            return new CreateTable(st, name, columns, constraints, ifNotExists, temp, unlogged, partitionBy, partitionOf,
                    asSelect, options);
        }

        /** Reads "( element, ... )" of CREATE TABLE. */
        private void elements(List<ColumnSpec> columns, List<ConstraintSpec> constraints, boolean partitionOf) {
            ts.expect("(");
            if (ts.accept(")")) {
                return;
            }
            while (true) {
                if (isTableConstraintStart()) {
                    constraints.add(tableConstraint());
                } else if (ts.accept("LIKE")) {
                    QualifiedName src = PgNames.qualified(ts);
                    while (ts.acceptAny("INCLUDING", "EXCLUDING") != null) {
                        ts.next();
                    }
                    columns.add(new ColumnSpec("*like*" + src, null, false, null, null, null, null, false, false, false,
                            false, src, null, null, null));
                } else if (partitionOf) {
                    String col = PgNames.name(ts);
                    ts.accept("WITH", "OPTIONS");
                    columns.add(columnConstraints(col, null, false));
                } else {
                    columns.add(column());
                }
                if (ts.accept(")")) {
                    return;
                }
                ts.expect(",");
            }
        }

        private boolean isTableConstraintStart() {
            return ts.at("CONSTRAINT") || ts.at("CHECK") || ts.at("UNIQUE") || ts.at("PRIMARY", "KEY")
                    || ts.at("FOREIGN", "KEY") || ts.at("EXCLUDE") || (ts.at("NOT", "NULL") && ts.peek(2) != null
                    && ts.peek(2).isIdentifierLike());
        }

        /** A column definition: name type [constraints]. */
        private ColumnSpec column() {
            String name = PgNames.name(ts);
            PgTypes.Read type = PgTypes.read(ts);
            return columnConstraints(name, type, true);
        }

        private ColumnSpec columnConstraints(String name, PgTypes.Read type, boolean typed) {
            boolean notNull = false;
            String def = null;
            ColumnSpec.Generated generated = ColumnSpec.Generated.NONE;
            String genExpr = null;
            boolean identity = false;
            boolean pk = false;
            boolean unique = false;
            QualifiedName ref = null;
            List<String> refCols = null;
            String refOnDelete = null;
            String check = null;
            String collation = null;
            while (!ts.atEnd() && !ts.at(",") && !ts.at(")")) {
                if (ts.accept("CONSTRAINT")) {
                    PgNames.name(ts);
                    continue;
                }
                if (ts.accept("NOT", "NULL")) {
                    notNull = true;
                } else if (ts.accept("NULL")) {
                    notNull = false;
                } else if (ts.accept("DEFAULT")) {
                    if (ts.accept("NULL")) {
                        def = null; // DEFAULT NULL is the same as no default
                    } else {
                        def = ts.until(t -> t.isOp(",") || t.isOp(")") || (t.kind == Token.Kind.WORD && COLUMN_STOP.contains(t.upper())));
                        if (def == null) {
                            throw ts.fail("DEFAULT needs an expression");
                        }
                    }
                } else if (ts.accept("CHECK")) {
                    check = ts.parens();
                    ts.accept("NO", "INHERIT");
                } else if (ts.accept("UNIQUE")) {
                    unique = true;
                    indexTail();
                } else if (ts.accept("PRIMARY", "KEY")) {
                    pk = true;
                    indexTail();
                } else if (ts.accept("REFERENCES")) {
                    ref = PgNames.qualified(ts);
                    if (ts.at("(")) {
                        refCols = PgNames.columnList(ts);
                    }
                    refOnDelete = referentialTail()[0];
                } else if (ts.accept("GENERATED")) {
                    if (ts.accept("ALWAYS", "AS", "IDENTITY") || ts.accept("BY", "DEFAULT", "AS", "IDENTITY")) {
                        identity = true;
                        if (ts.at("(")) {
                            ts.parens();
                        }
                    } else {
                        ts.expect("ALWAYS", "AS");
                        genExpr = ts.parens();
                        generated = ts.accept("VIRTUAL") ? ColumnSpec.Generated.VIRTUAL
                                : ts.accept("STORED") ? ColumnSpec.Generated.STORED : ColumnSpec.Generated.VIRTUAL;
                    }
                } else if (ts.accept("COLLATE")) {
                    collation = PgNames.qualified(ts).toString();
                } else if (ts.accept("DEFERRABLE") || ts.accept("NOT", "DEFERRABLE")) {
                    continue;
                } else if (ts.accept("INITIALLY")) {
                    ts.acceptAny("DEFERRED", "IMMEDIATE");
                } else if (ts.accept("COMPRESSION") || ts.accept("STORAGE")) {
                    ts.next();
                } else if (ts.accept("ENFORCED") || ts.accept("NOT", "ENFORCED")) {
                    continue;
                } else {
                    throw ts.fail("unexpected '" + ts.peek().text() + "' in the definition of column " + name);
                }
            }
            Volatility vol = def == null ? null : PgFunctions.volatility(def);
            return new ColumnSpec(name, type == null ? null : type.type, notNull, def, vol, generated, genExpr, identity,
                    type != null && type.serial, pk, unique, ref, refCols, check, collation).referencesOnDelete(refOnDelete);
        }

        /** Options after UNIQUE / PRIMARY KEY: NULLS [NOT] DISTINCT, INCLUDE, WITH, USING INDEX TABLESPACE. */
        private void indexTail() {
            while (true) {
                if (ts.accept("NULLS", "NOT", "DISTINCT") || ts.accept("NULLS", "DISTINCT")) {
                    continue;
                }
                if (ts.at("INCLUDE", "(") || ts.at("WITH", "(")) {
                    ts.next();
                    ts.parens();
                    continue;
                }
                if (ts.accept("USING", "INDEX", "TABLESPACE")) {
                    PgNames.name(ts);
                    continue;
                }
                return;
            }
        }

        private String[] referentialTail() {
            String onDelete = null;
            String onUpdate = null;
            while (true) {
                if (ts.accept("MATCH")) {
                    ts.acceptAny("FULL", "PARTIAL", "SIMPLE");
                } else if (ts.accept("ON", "DELETE")) {
                    onDelete = ts.referentialAction();
                } else if (ts.accept("ON", "UPDATE")) {
                    onUpdate = ts.referentialAction();
                } else if (ts.accept("DEFERRABLE") || ts.accept("NOT", "DEFERRABLE")) {
                    continue;
                } else if (ts.accept("INITIALLY")) {
                    ts.acceptAny("DEFERRED", "IMMEDIATE");
                } else {
                    return new String[] {onDelete, onUpdate};
                }
            }
        }


        private ConstraintSpec tableConstraint() {
            String name = null;
            if (ts.accept("CONSTRAINT")) {
                name = PgNames.name(ts);
            }
            ConstraintKind kind;
            List<String> cols = List.of();
            String expr = null;
            QualifiedName ref = null;
            List<String> refCols = null;
            String usingIndex = null;
            String[] actions = {null, null};
            if (ts.accept("CHECK")) {
                kind = ConstraintKind.CHECK;
                expr = ts.parens();
                ts.accept("NO", "INHERIT");
            } else if (ts.accept("UNIQUE")) {
                kind = ConstraintKind.UNIQUE;
                if (ts.accept("USING", "INDEX")) {
                    usingIndex = PgNames.name(ts);
                } else {
                    ts.accept("NULLS", "NOT", "DISTINCT");
                    ts.accept("NULLS", "DISTINCT");
                    cols = PgNames.columnList(ts);
                    indexTail();
                }
            } else if (ts.accept("PRIMARY", "KEY")) {
                kind = ConstraintKind.PRIMARY_KEY;
                if (ts.accept("USING", "INDEX")) {
                    usingIndex = PgNames.name(ts);
                } else {
                    cols = PgNames.columnList(ts);
                    indexTail();
                }
            } else if (ts.accept("FOREIGN", "KEY")) {
                kind = ConstraintKind.FOREIGN_KEY;
                cols = PgNames.columnList(ts);
                ts.expect("REFERENCES");
                ref = PgNames.qualified(ts);
                if (ts.at("(")) {
                    refCols = PgNames.columnList(ts);
                }
                actions = referentialTail();
            } else if (ts.accept("EXCLUDE")) {
                kind = ConstraintKind.EXCLUDE;
                if (ts.accept("USING")) {
                    PgNames.name(ts);
                }
                expr = ts.parens();
                indexTail();
                if (ts.accept("WHERE")) {
                    ts.parens();
                }
            } else if (ts.accept("NOT", "NULL")) {
                kind = ConstraintKind.NOT_NULL;
                cols = List.of(PgNames.name(ts));
                ts.accept("NO", "INHERIT");
            } else {
                throw ts.fail("expected a table constraint but found '" + (ts.atEnd() ? "end" : ts.peek().text()) + "'");
            }
            boolean notValid = false;
            boolean notEnforced = false;
            while (true) {
                if (ts.accept("NOT", "VALID")) {
                    notValid = true;
                } else if (ts.accept("NOT", "ENFORCED")) {
                    notEnforced = true;
                } else if (ts.accept("ENFORCED") || ts.accept("DEFERRABLE") || ts.accept("NOT", "DEFERRABLE")) {
                    continue;
                } else if (ts.accept("INITIALLY")) {
                    ts.acceptAny("DEFERRED", "IMMEDIATE");
                } else if (ts.accept("NO", "INHERIT")) {
                    continue;
                } else {
                    break;
                }
            }
            return new ConstraintSpec(name, kind, cols, expr, ref, refCols, notValid, usingIndex, actions[0], actions[1],
                    notEnforced);
        }

        private CreateIndex createIndex() {
            boolean unique = ts.accept("UNIQUE");
            ts.expect("INDEX");
            boolean concurrently = ts.accept("CONCURRENTLY");
            boolean ifNotExists = ts.accept("IF", "NOT", "EXISTS");
            String name = null;
            if (!ts.at("ON")) {
                name = PgNames.name(ts);
            }
            ts.expect("ON");
            boolean only = ts.accept("ONLY");
            QualifiedName table = PgNames.qualified(ts);
            String method = null;
            if (ts.accept("USING")) {
                method = PgNames.name(ts);
            }
            List<String> cols = new ArrayList<>();
            for (String elem : ts.parenList()) {
                cols.add(indexElement(elem));
            }
            List<String> include = null;
            String where = null;
            while (!ts.atEnd()) {
                if (ts.at("INCLUDE", "(")) {
                    ts.next();
                    include = PgNames.columnList(ts);
                } else if (ts.accept("NULLS", "NOT", "DISTINCT") || ts.accept("NULLS", "DISTINCT")) {
                    continue;
                } else if (ts.at("WITH", "(")) {
                    ts.next();
                    ts.parens();
                } else if (ts.accept("TABLESPACE")) {
                    PgNames.name(ts);
                } else if (ts.accept("WHERE")) {
                    where = ts.rest();
                    ts.until(t -> false);
                } else {
                    throw ts.fail("unexpected '" + ts.peek().text() + "' in CREATE INDEX");
                }
            }
            return new CreateIndex(st, table, new IndexSpec(name, cols, unique, where, method, include), concurrently,
                    ifNotExists, only);
        }

        /** An index key: the column name when the element is a column with ordering or operator-class words. */
        private String indexElement(String elem) {
            List<Token> toks = Lexer.lex(elem, Lexer.Options.postgres());
            if (!toks.isEmpty() && toks.get(0).isIdentifierLike()) {
                boolean plain = true;
                for (int k = 1; k < toks.size(); k++) {
                    if (toks.get(k).kind != Token.Kind.WORD && toks.get(k).kind != Token.Kind.QUOTED_IDENT
                            && !toks.get(k).isOp(".")) {
                        plain = false;
                        break;
                    }
                }
                if (plain && !(toks.size() > 1 && toks.get(1).isOp("."))) {
                    return PgNames.ident(toks.get(0));
                }
            }
            return elem.trim();
        }

        private CreateType createType() {
            QualifiedName name = PgNames.qualified(ts);
            if (ts.accept("AS", "ENUM")) {
                List<String> labels = new ArrayList<>();
                for (String l : ts.parenList()) {
                    labels.add(unquote(l));
                }
                return new CreateType(st, null, new TypeDef(name, TypeDef.Kind.ENUM, labels, null, null));
            }
            if (ts.accept("AS", "RANGE")) {
                ts.parens();
                return new CreateType(st, null, new TypeDef(name, TypeDef.Kind.OTHER, null, null, null));
            }
            if (ts.accept("AS")) {
                ts.parens();
                return new CreateType(st, null, new TypeDef(name, TypeDef.Kind.COMPOSITE, null, null, null));
            }
            if (ts.at("(")) {
                ts.parens();
            }
            if (!ts.atEnd()) {
                throw ts.fail("unexpected '" + ts.peek().text() + "' in CREATE TYPE");
            }
            return new CreateType(st, null, new TypeDef(name, TypeDef.Kind.OTHER, null, null, null));
        }

        private CreateType createDomain() {
            QualifiedName name = PgNames.qualified(ts);
            ts.accept("AS");
            PgTypes.Read base = PgTypes.read(ts);
            List<String> checks = new ArrayList<>();
            while (!ts.atEnd()) {
                if (ts.accept("CONSTRAINT")) {
                    PgNames.name(ts);
                } else if (ts.accept("CHECK")) {
                    checks.add(ts.parens());
                } else if (ts.accept("NOT", "NULL")) {
                    checks.add("VALUE IS NOT NULL");
                } else if (ts.accept("NULL")) {
                    continue;
                } else if (ts.accept("DEFAULT")) {
                    ts.until(t -> t.is("CONSTRAINT") || t.is("CHECK") || t.is("NOT") || t.is("NULL") || t.is("COLLATE"));
                } else if (ts.accept("COLLATE")) {
                    PgNames.qualified(ts);
                } else {
                    throw ts.fail("unexpected '" + ts.peek().text() + "' in CREATE DOMAIN");
                }
            }
            return new CreateType(st, null, new TypeDef(name, TypeDef.Kind.DOMAIN, null, base.type.display(), checks));
        }

        // ---------------------------------------------------------------- ALTER

        private List<Change> alter() {
            if (ts.accept("TABLE")) {
                return alterTable();
            }
            if (ts.accept("INDEX")) {
                return List.of(alterIndex());
            }
            if (ts.accept("TYPE")) {
                return List.of(alterType(false));
            }
            if (ts.accept("DOMAIN")) {
                return List.of(alterType(true));
            }
            if (ts.accept("MATERIALIZED", "VIEW")) {
                return List.of(alterRelationOther("MATERIALIZED_VIEW"));
            }
            if (ts.accept("VIEW")) {
                return List.of(alterRelationOther("VIEW"));
            }
            if (ts.accept("SCHEMA")) {
                String name = PgNames.name(ts);
                String action = ts.at("RENAME") ? "RENAME" : "ALTER";
                return List.of(new OtherDdl(st, null, "SCHEMA", action, name, false));
            }
            if (ts.at("FUNCTION") || ts.at("PROCEDURE") || ts.at("AGGREGATE") || ts.at("TRIGGER") || ts.at("POLICY")
                    || ts.at("DATABASE")) {
                String kind = ts.next().upper();
                return List.of(otherNamed(kind, "ALTER"));
            }
            String kind = objectKind();
            if (kind != null) {
                return List.of(otherNamed(kind, "ALTER"));
            }
            return null;
        }

        private OtherDdl alterRelationOther(String kind) {
            ts.accept("IF", "EXISTS");
            QualifiedName n = PgNames.qualified(ts);
            String action = ts.at("RENAME") ? "RENAME" : "ALTER";
            return new OtherDdl(st, n, kind, action, n.toString(), false);
        }

        private List<Change> alterTable() {
            if (ts.accept("ALL", "IN", "TABLESPACE")) {
                return List.of(new OtherDdl(st, null, "TABLESPACE", "ALTER", PgNames.name(ts), false));
            }
            ts.accept("IF", "EXISTS");
            ts.accept("ONLY");
            QualifiedName table = PgNames.qualified(ts);
            ts.accept("*");
            if (ts.accept("RENAME")) {
                if (ts.accept("TO")) {
                    String to = PgNames.name(ts);
                    return List.of(new RenameTable(st, table, table.withName(to)));
                }
                if (ts.accept("CONSTRAINT")) {
                    String from = PgNames.name(ts);
                    ts.expect("TO");
                    return List.of(new RenameConstraint(st, table, from, PgNames.name(ts)));
                }
                ts.accept("COLUMN");
                String from = PgNames.name(ts);
                ts.expect("TO");
                return List.of(new RenameColumn(st, table, from, PgNames.name(ts)));
            }
            if (ts.accept("SET", "SCHEMA")) {
                String schema = PgNames.name(ts);
                return List.of(new RenameTable(st, table, new QualifiedName(schema, table.getName())));
            }
            if (ts.accept("ATTACH", "PARTITION")) {
                QualifiedName p = PgNames.qualified(ts);
                if (ts.accept("DEFAULT")) {
                    return List.of(new AttachPartition(st, table, p, "DEFAULT", true));
                }
                ts.expect("FOR", "VALUES");
                String bound = ts.rest();
                ts.until(t -> false);
                return List.of(new AttachPartition(st, table, p, bound, false));
            }
            if (ts.accept("DETACH", "PARTITION")) {
                QualifiedName p = PgNames.qualified(ts);
                boolean conc = ts.accept("CONCURRENTLY");
                boolean fin = ts.accept("FINALIZE");
                return List.of(new DetachPartition(st, table, p, conc, fin));
            }
            List<Change> out = new ArrayList<>();
            while (true) {
                out.addAll(action(table));
                if (ts.atEnd()) {
                    break;
                }
                ts.expect(",");
            }
            return typeChangesWithNotNull(out);
        }

        /**
         * Marks an ALTER COLUMN c TYPE as also making c NOT NULL when the same statement has ALTER COLUMN c SET NOT
         * NULL: PostgreSQL runs both in one pass, so the NOT NULL check is part of the type change (a scan when the
         * type change itself is catalog-only).
         */
        private List<Change> typeChangesWithNotNull(List<Change> out) {
            for (int i = 0; i < out.size(); i++) {
                if (!(out.get(i) instanceof AlterColumnType)) {
                    continue;
                }
                AlterColumnType a = (AlterColumnType) out.get(i);
                for (Change other : out) {
                    if (other instanceof SetNotNull && ((SetNotNull) other).getColumnName().equals(a.getColumnName())) {
                        out.set(i, new AlterColumnType(st, a.getTable(), a.getColumnName(), a.getNewType(), a.getUsing(), true));
                        break;
                    }
                }
            }
            return out;
        }

        private List<Change> action(QualifiedName table) {
            if (ts.accept("ADD")) {
                if (ts.accept("COLUMN")) {
                    return List.of(addColumn(table));
                }
                if (isTableConstraintStart()) {
                    return List.of(new AddConstraint(st, table, tableConstraint(), false));
                }
                return List.of(addColumn(table));
            }
            if (ts.accept("DROP")) {
                if (ts.accept("CONSTRAINT")) {
                    boolean ifExists = ts.accept("IF", "EXISTS");
                    String name = PgNames.name(ts);
                    boolean cascade = dropBehaviour();
                    return List.of(new DropConstraint(st, table, name, ifExists, cascade));
                }
                ts.accept("COLUMN");
                boolean ifExists = ts.accept("IF", "EXISTS");
                String col = PgNames.name(ts);
                boolean cascade = dropBehaviour();
                return List.of(new DropColumn(st, table, col, ifExists, cascade));
            }
            if (ts.accept("ALTER")) {
                if (ts.accept("CONSTRAINT")) {
                    String name = PgNames.name(ts);
                    ts.until(t -> t.isOp(","));
                    return List.of(new AlterTableOption(st, table, "alter_constraint", name));
                }
                ts.accept("COLUMN");
                return List.of(alterColumn(table, PgNames.name(ts)));
            }
            if (ts.accept("VALIDATE", "CONSTRAINT")) {
                return List.of(new ValidateConstraint(st, table, PgNames.name(ts)));
            }
            for (String onOff : new String[] {"ENABLE", "DISABLE"}) {
                if (ts.accept(onOff)) {
                    ts.acceptAny("REPLICA", "ALWAYS");
                    if (ts.accept("TRIGGER")) {
                        String name = ts.acceptAny("ALL", "USER");
                        if (name == null) {
                            name = PgNames.name(ts);
                        }
                        return List.of(new TriggerChange(st, table, name, onOff.toLowerCase(Locale.ROOT)));
                    }
                    if (ts.accept("RULE")) {
                        return List.of(new AlterTableOption(st, table, "rule", onOff + " " + PgNames.name(ts)));
                    }
                    ts.expect("ROW", "LEVEL", "SECURITY");
                    return List.of(new AlterTableOption(st, table, "row_level_security", onOff));
                }
            }
            if (ts.accept("FORCE", "ROW", "LEVEL", "SECURITY") || ts.accept("NO", "FORCE", "ROW", "LEVEL", "SECURITY")) {
                return List.of(new AlterTableOption(st, table, "row_level_security", "force"));
            }
            if (ts.accept("CLUSTER", "ON")) {
                return List.of(new AlterTableOption(st, table, "cluster_on", PgNames.name(ts)));
            }
            if (ts.accept("SET", "WITHOUT", "CLUSTER")) {
                return List.of(new AlterTableOption(st, table, "cluster_on", null));
            }
            if (ts.accept("SET", "WITHOUT", "OIDS")) {
                return List.of(new AlterTableOption(st, table, "without_oids", null));
            }
            if (ts.accept("SET", "ACCESS", "METHOD")) {
                return List.of(new AlterTableOption(st, table, "set_access_method", PgNames.name(ts)));
            }
            if (ts.accept("SET", "TABLESPACE")) {
                String ts2 = PgNames.name(ts);
                ts.accept("NOWAIT");
                return List.of(new AlterTableOption(st, table, "set_tablespace", ts2));
            }
            if (ts.accept("SET", "LOGGED")) {
                return List.of(new AlterTableOption(st, table, "set_logged", null));
            }
            if (ts.accept("SET", "UNLOGGED")) {
                return List.of(new AlterTableOption(st, table, "set_unlogged", null));
            }
            if (ts.at("SET", "(") || ts.at("RESET", "(")) {
                String verb = ts.next().upper();
                return List.of(new AlterTableOption(st, table, "storage_parameters", verb + " (" + ts.parens() + ")"));
            }
            if (ts.accept("NO", "INHERIT")) {
                return List.of(new AlterTableOption(st, table, "no_inherit", PgNames.qualified(ts).toString()));
            }
            if (ts.accept("INHERIT")) {
                return List.of(new AlterTableOption(st, table, "inherit", PgNames.qualified(ts).toString()));
            }
            if (ts.accept("NOT", "OF")) {
                return List.of(new AlterTableOption(st, table, "not_of", null));
            }
            if (ts.accept("OF")) {
                return List.of(new AlterTableOption(st, table, "of_type", PgNames.qualified(ts).toString()));
            }
            if (ts.accept("OWNER", "TO")) {
                return List.of(new AlterTableOption(st, table, "owner", ts.next().text()));
            }
            if (ts.accept("REPLICA", "IDENTITY")) {
                String v = ts.acceptAny("DEFAULT", "FULL", "NOTHING");
                if (v == null) {
                    ts.expect("USING", "INDEX");
                    v = "USING INDEX " + PgNames.name(ts);
                }
                return List.of(new AlterTableOption(st, table, "replica_identity", v));
            }
            throw ts.fail(ts.atEnd() ? "ALTER TABLE without an action" : "unknown ALTER TABLE action '" + ts.peek().text() + "'");
        }

        private boolean dropBehaviour() {
            if (ts.accept("CASCADE")) {
                return true;
            }
            ts.accept("RESTRICT");
            return false;
        }

        private AddColumn addColumn(QualifiedName table) {
            boolean ifNotExists = ts.accept("IF", "NOT", "EXISTS");
            return new AddColumn(st, table, column(), ifNotExists, null);
        }

        private Change alterColumn(QualifiedName table, String col) {
            if (ts.accept("SET", "DATA", "TYPE") || ts.accept("TYPE")) {
                PgTypes.Read type = PgTypes.read(ts);
                if (ts.accept("COLLATE")) {
                    PgNames.qualified(ts);
                }
                String using = null;
                if (ts.accept("USING")) {
                    using = ts.until(t -> t.isOp(","));
                }
                return new AlterColumnType(st, table, col, type.type, using, false);
            }
            if (ts.accept("SET", "DEFAULT")) {
                String def = ts.until(t -> t.isOp(","));
                if (def == null) {
                    throw ts.fail("SET DEFAULT needs an expression");
                }
                return new SetDefault(st, table, col, def, PgFunctions.volatility(def));
            }
            if (ts.accept("DROP", "DEFAULT")) {
                return new DropDefault(st, table, col);
            }
            if (ts.accept("SET", "NOT", "NULL")) {
                return new SetNotNull(st, table, col);
            }
            if (ts.accept("DROP", "NOT", "NULL")) {
                return new DropNotNull(st, table, col);
            }
            if (ts.accept("SET", "EXPRESSION", "AS")) {
                return new SetExpression(st, table, col, ts.parens());
            }
            if (ts.accept("DROP", "EXPRESSION")) {
                ts.accept("IF", "EXISTS");
                return new SetExpression(st, table, col, null);
            }
            if (ts.accept("ADD", "GENERATED")) {
                ts.until(t -> t.isOp(","));
                return new AlterColumnOption(st, table, col, "add_identity", null);
            }
            if (ts.accept("DROP", "IDENTITY")) {
                ts.accept("IF", "EXISTS");
                return new AlterColumnOption(st, table, col, "drop_identity", null);
            }
            if (ts.accept("SET", "STATISTICS")) {
                return new AlterColumnOption(st, table, col, "statistics", ts.until(t -> t.isOp(",")));
            }
            if (ts.accept("SET", "STORAGE")) {
                return new AlterColumnOption(st, table, col, "storage", ts.next().text());
            }
            if (ts.accept("SET", "COMPRESSION")) {
                return new AlterColumnOption(st, table, col, "compression", ts.next().text());
            }
            if (ts.at("SET", "(") || ts.at("RESET", "(")) {
                String verb = ts.next().upper();
                return new AlterColumnOption(st, table, col, "attribute_options", verb + " (" + ts.parens() + ")");
            }
            if (ts.accept("SET", "GENERATED") || ts.accept("RESTART") || ts.at("SET")) {
                ts.until(t -> t.isOp(","));
                return new AlterColumnOption(st, table, col, "identity_options", null);
            }
            throw ts.fail(ts.atEnd() ? "ALTER COLUMN without an action" : "unknown ALTER COLUMN action '" + ts.peek().text() + "'");
        }

        private AlterIndex alterIndex() {
            ts.accept("IF", "EXISTS");
            if (ts.accept("ALL", "IN", "TABLESPACE")) {
                return new AlterIndex(st, null, PgNames.name(ts), "set_tablespace", ts.rest());
            }
            QualifiedName idx = PgNames.qualified(ts);
            if (ts.accept("RENAME", "TO")) {
                return new AlterIndex(st, null, idx.getName(), "rename", PgNames.name(ts));
            }
            if (ts.accept("SET", "TABLESPACE")) {
                return new AlterIndex(st, null, idx.getName(), "set_tablespace", PgNames.name(ts));
            }
            if (ts.accept("ATTACH", "PARTITION")) {
                return new AlterIndex(st, null, idx.getName(), "attach_partition", PgNames.qualified(ts).toString());
            }
            String rest = ts.rest();
            ts.until(t -> false);
            return new AlterIndex(st, null, idx.getName(), "other", rest);
        }

        private AlterType alterType(boolean domain) {
            QualifiedName name = PgNames.qualified(ts);
            if (!domain && ts.accept("ADD", "VALUE")) {
                boolean ine = ts.accept("IF", "NOT", "EXISTS");
                String value = unquote(ts.next().text());
                String before = null;
                String after = null;
                if (ts.accept("BEFORE")) {
                    before = unquote(ts.next().text());
                } else if (ts.accept("AFTER")) {
                    after = unquote(ts.next().text());
                }
                end();
                return new AlterType(st, null, name, "add_value", value, before, after, ine, false);
            }
            if (!domain && ts.accept("RENAME", "VALUE")) {
                String from = unquote(ts.next().text());
                ts.expect("TO");
                String to = unquote(ts.next().text());
                end();
                return new AlterType(st, null, name, "rename_value", from + " -> " + to, null, null, false, false);
            }
            if (ts.accept("RENAME", "TO")) {
                return new AlterType(st, null, name, "rename", PgNames.name(ts), null, null, false, domain);
            }
            if (domain && ts.accept("ADD")) {
                ConstraintSpec c = tableConstraintForDomain();
                return new AlterType(st, null, name, c.isNotValid() ? "add_constraint_not_valid" : "add_constraint",
                        c.getExpression(), null, null, false, true);
            }
            if (domain && ts.accept("SET", "NOT", "NULL")) {
                return new AlterType(st, null, name, "set_not_null", null, null, null, false, true);
            }
            if (domain && ts.accept("VALIDATE", "CONSTRAINT")) {
                return new AlterType(st, null, name, "validate_constraint", PgNames.name(ts), null, null, false, true);
            }
            String rest = ts.rest();
            ts.until(t -> false);
            return new AlterType(st, null, name, "other", rest, null, null, false, domain);
        }

        private ConstraintSpec tableConstraintForDomain() {
            if (ts.accept("CONSTRAINT")) {
                PgNames.name(ts);
            }
            String expr;
            if (ts.accept("CHECK")) {
                expr = ts.parens();
            } else {
                ts.expect("NOT", "NULL");
                expr = "VALUE IS NOT NULL";
            }
            boolean notValid = ts.accept("NOT", "VALID");
            return new ConstraintSpec(null, ConstraintKind.CHECK, null, expr, null, null, notValid, null, null, null, false);
        }

        // ---------------------------------------------------------------- DROP, TRUNCATE

        private List<Change> drop() {
            if (ts.accept("TABLE")) {
                boolean ifExists = ts.accept("IF", "EXISTS");
                List<QualifiedName> names = nameList();
                boolean cascade = dropBehaviour();
                List<Change> out = new ArrayList<>();
                for (QualifiedName n : names) {
                    out.add(new DropTable(st, n, ifExists, cascade));
                }
                return end(out);
            }
            if (ts.accept("INDEX")) {
                boolean conc = ts.accept("CONCURRENTLY");
                boolean ifExists = ts.accept("IF", "EXISTS");
                List<QualifiedName> names = nameList();
                boolean cascade = dropBehaviour();
                List<Change> out = new ArrayList<>();
                for (QualifiedName n : names) {
                    out.add(new DropIndex(st, null, n.getSchema() == null ? n.getName() : n.toString(), conc, ifExists,
                            cascade));
                }
                return end(out);
            }
            if (ts.accept("TYPE") || ts.accept("DOMAIN")) {
                ts.accept("IF", "EXISTS");
                List<QualifiedName> names = nameList();
                boolean cascade = dropBehaviour();
                List<Change> out = new ArrayList<>();
                for (QualifiedName n : names) {
                    out.add(new DropType(st, null, n, cascade));
                }
                return end(out);
            }
            if (ts.accept("TRIGGER")) {
                ts.accept("IF", "EXISTS");
                String name = PgNames.name(ts);
                ts.expect("ON");
                QualifiedName t = PgNames.qualified(ts);
                dropBehaviour();
                return end(List.of(new TriggerChange(st, t, name, "drop")));
            }
            if (ts.accept("POLICY") || ts.accept("RULE")) {
                ts.accept("IF", "EXISTS");
                String name = PgNames.name(ts);
                ts.expect("ON");
                QualifiedName t = PgNames.qualified(ts);
                dropBehaviour();
                return end(List.of(new OtherDdl(st, t, "POLICY", "DROP", name, false)));
            }
            String kind;
            if (ts.accept("MATERIALIZED", "VIEW")) {
                kind = "MATERIALIZED_VIEW";
            } else if (ts.at("VIEW") || ts.at("SCHEMA") || ts.at("FUNCTION") || ts.at("PROCEDURE") || ts.at("AGGREGATE")
                    || ts.at("DATABASE") || ts.at("OWNED")) {
                kind = ts.next().upper();
            } else {
                kind = objectKind();
            }
            if (kind == null) {
                return null;
            }
            ts.accept("IF", "EXISTS");
            String name = null;
            if (!ts.atEnd() && ts.peek().isIdentifierLike()) {
                name = PgNames.qualified(ts).toString();
            }
            ts.until(t -> t.is("CASCADE") || t.is("RESTRICT"));
            boolean cascade = dropBehaviour();
            QualifiedName rel = kind.endsWith("VIEW") && name != null ? qn(name) : null;
            return List.of(new OtherDdl(st, rel, kind, "DROP", name, cascade));
        }

        private QualifiedName qn(String dotted) {
            int dot = dotted.lastIndexOf('.');
            return dot < 0 ? QualifiedName.of(dotted) : new QualifiedName(dotted.substring(0, dot), dotted.substring(dot + 1));
        }

        private List<QualifiedName> nameList() {
            List<QualifiedName> names = new ArrayList<>();
            names.add(PgNames.qualified(ts));
            while (ts.accept(",")) {
                names.add(PgNames.qualified(ts));
            }
            return names;
        }

        private List<Change> truncate() {
            ts.accept("TABLE");
            List<QualifiedName> names = new ArrayList<>();
            do {
                ts.accept("ONLY");
                names.add(PgNames.qualified(ts));
                ts.accept("*");
            } while (ts.accept(","));
            ts.accept("RESTART", "IDENTITY");
            ts.accept("CONTINUE", "IDENTITY");
            boolean cascade = dropBehaviour();
            List<Change> out = new ArrayList<>();
            for (QualifiedName n : names) {
                out.add(new TruncateTable(st, n, cascade));
            }
            return end(out);
        }

        private List<Change> end(List<Change> out) {
            end();
            return out;
        }

        private void end() {
            if (!ts.atEnd()) {
                throw ts.fail("unexpected '" + ts.peek().text() + "'");
            }
        }

        // ---------------------------------------------------------------- data, settings, transactions

        private List<Change> copy() {
            if (ts.at("(")) {
                return List.of(new OtherDdl(st, null, "QUERY", "SELECT", null, false));
            }
            QualifiedName t = PgNames.qualified(ts);
            if (ts.at("(")) {
                ts.parens();
            }
            if (ts.accept("TO")) {
                return List.of(new OtherDdl(st, t, "QUERY", "SELECT", null, false));
            }
            ts.expect("FROM");
            return List.of(new DataChange(st, t, "COPY", false, false));
        }

        private List<Change> set() {
            boolean local = ts.accept("LOCAL");
            ts.accept("SESSION");
            if (ts.accept("TIME", "ZONE")) {
                return List.of(new SetSetting(st, null, "timezone", ts.rest(), null, local));
            }
            if (ts.at("CONSTRAINTS") || ts.at("ROLE") || ts.at("TRANSACTION") || ts.at("SESSION")) {
                String name = ts.next().text().toLowerCase(Locale.ROOT);
                return List.of(new SetSetting(st, null, name, ts.rest(), null, local));
            }
            String name = ts.next().text().toLowerCase(Locale.ROOT);
            while (ts.accept(".")) {
                name = name + "." + ts.next().text().toLowerCase(Locale.ROOT);
            }
            if (!ts.accept("=")) {
                ts.expect("TO");
            }
            String value = ts.rest();
            if (value.isEmpty()) {
                throw ts.fail("SET needs a value");
            }
            String v = value.equalsIgnoreCase("DEFAULT") ? null : unquote(value);
            return List.of(new SetSetting(st, null, name, v, Settings.millis(name, v), local));
        }

        private List<Change> reset() {
            String name = ts.next().text().toLowerCase(Locale.ROOT);
            return List.of(new SetSetting(st, null, name, null, null, false));
        }

        private List<Change> transaction() {
            Token t = ts.next();
            String op;
            switch (t.upper()) {
                case "BEGIN":
                case "START":
                    op = "BEGIN";
                    break;
                case "COMMIT":
                case "END":
                    op = ts.at("PREPARED") ? "OTHER" : "COMMIT";
                    break;
                case "ABORT":
                    op = "ROLLBACK";
                    break;
                case "ROLLBACK":
                    ts.accept("WORK");
                    ts.accept("TRANSACTION");
                    op = ts.at("TO") ? "ROLLBACK_TO" : ts.at("PREPARED") ? "OTHER" : "ROLLBACK";
                    break;
                case "SAVEPOINT":
                    op = "SAVEPOINT";
                    break;
                case "RELEASE":
                    op = "RELEASE";
                    break;
                case "PREPARE":
                    if (!ts.at("TRANSACTION")) {
                        return List.of(new OtherDdl(st, null, "PREPARED_STATEMENT", "CREATE", null, false));
                    }
                    op = "COMMIT";
                    break;
                default:
                    op = "OTHER";
            }
            return List.of(new TransactionControl(st, null, op));
        }

        // ---------------------------------------------------------------- maintenance

        private List<Change> vacuum() {
            boolean full = false;
            if (ts.at("(")) {
                for (String o : ts.parenList()) {
                    String u = o.trim().toUpperCase(Locale.ROOT);
                    if (u.equals("FULL") || u.startsWith("FULL ") && !u.endsWith("FALSE") && !u.endsWith("OFF")) {
                        full = true;
                    }
                }
            }
            while (ts.acceptAny("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE") != null) {
                if (ts.get(ts.index() - 1).is("FULL")) {
                    full = true;
                }
            }
            return perTable(full ? "VACUUM_FULL" : "VACUUM", false);
        }

        private List<Change> analyze() {
            if (ts.at("(")) {
                ts.parens();
            }
            ts.accept("VERBOSE");
            return perTable("ANALYZE", false);
        }

        private List<Change> perTable(String op, boolean concurrently) {
            List<Change> out = new ArrayList<>();
            while (!ts.atEnd()) {
                ts.accept("ONLY");
                QualifiedName t = PgNames.qualified(ts);
                if (ts.at("(")) {
                    ts.parens();
                }
                out.add(new Maintenance(st, t, op, concurrently));
                if (!ts.accept(",")) {
                    break;
                }
            }
            end();
            if (out.isEmpty()) {
                out.add(new Maintenance(st, null, op, concurrently));
            }
            return out;
        }

        private List<Change> cluster() {
            if (ts.at("(")) {
                ts.parens();
            }
            ts.accept("VERBOSE");
            if (ts.atEnd()) {
                return List.of(new Maintenance(st, null, "CLUSTER", false));
            }
            QualifiedName first = PgNames.qualified(ts);
            if (ts.accept("ON")) {
                QualifiedName t = PgNames.qualified(ts);
                return List.of(new Maintenance(st, t, "CLUSTER", false));
            }
            if (ts.accept("USING")) {
                PgNames.name(ts);
            }
            end();
            return List.of(new Maintenance(st, first, "CLUSTER", false));
        }

        private List<Change> reindex() {
            boolean conc = false;
            if (ts.at("(")) {
                for (String o : ts.parenList()) {
                    String u = o.trim().toUpperCase(Locale.ROOT);
                    if (u.equals("CONCURRENTLY") || (u.startsWith("CONCURRENTLY ") && !u.endsWith("FALSE") && !u.endsWith("OFF"))) {
                        conc = true;
                    }
                }
            }
            String target = ts.acceptAny("INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM");
            if (target == null) {
                throw ts.fail("REINDEX needs INDEX, TABLE, SCHEMA, DATABASE or SYSTEM");
            }
            conc |= ts.accept("CONCURRENTLY");
            String name = ts.atEnd() ? "" : PgNames.qualified(ts).toString();
            end();
            QualifiedName table = target.equals("TABLE") ? qn(name) : null;
            return List.of(new Reindex(st, table, target, name, conc));
        }

        private List<Change> refresh() {
            ts.expect("MATERIALIZED", "VIEW");
            boolean conc = ts.accept("CONCURRENTLY");
            QualifiedName n = PgNames.qualified(ts);
            ts.accept("WITH", "NO", "DATA");
            ts.accept("WITH", "DATA");
            end();
            return List.of(new Maintenance(st, n, "REFRESH_MATVIEW", conc));
        }

        private List<Change> lock() {
            ts.accept("TABLE");
            List<QualifiedName> names = new ArrayList<>();
            do {
                ts.accept("ONLY");
                names.add(PgNames.qualified(ts));
                ts.accept("*");
            } while (ts.accept(","));
            String mode = "ACCESS EXCLUSIVE";
            if (ts.accept("IN")) {
                int from = ts.index();
                ts.until(t -> t.is("MODE"));
                mode = ts.textFrom(from).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
                ts.expect("MODE");
            }
            ts.accept("NOWAIT");
            end();
            List<Change> out = new ArrayList<>();
            for (QualifiedName n : names) {
                out.add(new LockTable(st, n, mode));
            }
            return out;
        }

        // ---------------------------------------------------------------- misc

        private String doLanguage() {
            int lang = -1;
            for (int k = 0; k < ts.size(); k++) {
                if (ts.get(k).is("LANGUAGE")) {
                    lang = k;
                }
            }
            return lang >= 0 && ts.get(lang + 1) != null ? ts.get(lang + 1).identifier().toLowerCase(Locale.ROOT) : "plpgsql";
        }

        private List<Change> select() {
            String text = st.getText();
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("(?is)^SELECT\\s+(?:pg_catalog\\.)?set_config\\s*\\(\\s*'([^']+)'\\s*,\\s*'([^']*)'\\s*,\\s*(true|false)\\s*\\)\\s*$")
                    .matcher(text);
            if (m.matches()) {
                String name = m.group(1).toLowerCase(Locale.ROOT);
                return List.of(new SetSetting(st, null, name, m.group(2), Settings.millis(name, m.group(2)),
                        m.group(3).equalsIgnoreCase("true")));
            }
            String unknown = PgFunctions.firstUnknownFunction(text);
            if (unknown != null) {
                return List.of(new ProceduralBlock(st, null, "sql", "calls " + unknown
                        + "(), a function SchemaGate does not know, so its effect cannot be seen"));
            }
            if (text.matches("(?is)^SELECT\\b.*\\b(setval|nextval)\\s*\\(.*")) {
                return List.of(new OtherDdl(st, null, "SEQUENCE", "ALTER", null, false));
            }
            return List.of(new OtherDdl(st, null, "QUERY", "SELECT", null, false));
        }

        private QualifiedName commentTarget() {
            ts.next();
            ts.expect("ON");
            if (ts.accept("TABLE") || ts.accept("MATERIALIZED", "VIEW") || ts.accept("VIEW")) {
                return PgNames.qualified(ts);
            }
            if (ts.accept("COLUMN")) {
                QualifiedName q = PgNames.qualified(ts);
                return q.getSchema() == null ? null : qn(q.getSchema());
            }
            return null;
        }

        private QualifiedName afterOn() {
            while (!ts.atEnd() && !ts.at("ON")) {
                ts.next();
            }
            ts.expect("ON");
            return PgNames.qualified(ts);
        }
    }

    static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        if ((t.startsWith("E'") || t.startsWith("e'")) && t.endsWith("'")) {
            return t.substring(2, t.length() - 1);
        }
        return t;
    }
}
