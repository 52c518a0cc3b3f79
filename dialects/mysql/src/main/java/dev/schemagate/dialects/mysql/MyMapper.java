package dev.schemagate.dialects.mysql;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.parser.AbstractJSqlParser;

/**
 * Maps MySQL and MariaDB statements to changes of the shared model with a strict reader that follows the
 * servers' grammar: multi-action ALTER TABLE (ADD/DROP/MODIFY/CHANGE/RENAME, indexes, keys, checks, partitions,
 * ALGORITHM= and LOCK=, CONVERT TO CHARACTER SET), CREATE TABLE with its options, generated columns, stored
 * programs, the {@code SET @s = IF(..., 'ALTER ...', ...); PREPARE; EXECUTE} guard idiom (the DDL inside the
 * string literal is read at its own position, marked {@code guarded}), and session settings. A statement the
 * reader does not know is handed to JSqlParser (MySQL dialect, per-statement time limit) only to name its kind;
 * anything neither can read becomes an {@link Unparsed} change with the position of the problem.
 */
final class MyMapper {
    static final String READER = "reader";
    private static final Set<String> COLUMN_ATTRS = Set.of("NOT", "NULL", "DEFAULT", "AUTO_INCREMENT", "UNIQUE",
            "PRIMARY", "KEY", "COMMENT", "COLLATE", "COLUMN_FORMAT", "STORAGE", "GENERATED", "AS", "VIRTUAL", "STORED",
            "PERSISTENT", "REFERENCES", "CHECK", "CONSTRAINT", "ON", "INVISIBLE", "VISIBLE", "SRID",
            "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE", "FIRST", "AFTER", "CHARACTER", "CHARSET");

    private static final Set<String> TABLE_OPTIONS = Set.of("ENGINE", "ROW_FORMAT", "KEY_BLOCK_SIZE", "AUTO_INCREMENT",
            "COMMENT", "STATS_PERSISTENT", "STATS_AUTO_RECALC", "STATS_SAMPLE_PAGES", "AVG_ROW_LENGTH", "MAX_ROWS",
            "MIN_ROWS", "PACK_KEYS", "CHECKSUM", "DELAY_KEY_WRITE", "COMPRESSION", "ENCRYPTION", "INSERT_METHOD",
            "TABLESPACE", "CONNECTION", "PASSWORD", "PAGE_CHECKSUM", "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL",
            "TRANSACTIONAL", "AUTOEXTEND_SIZE", "SECONDARY_ENGINE", "ENCRYPTION_KEY_ID", "ENCRYPTED", "IETF_QUOTES",
            "SEQUENCE", "WITH_SYSTEM_VERSIONING");

    private final Dialect dialect;
    private final long timeoutMs;

    MyMapper(Dialect dialect, long timeoutMs) {
        this.dialect = dialect;
        this.timeoutMs = timeoutMs;
    }

    /** Per-file reading state: prepared-statement variables whose SQL was read from a literal. */
    static final class FileContext {
        final Map<String, Boolean> userVarsModelled = new HashMap<>();
        final Map<String, Boolean> preparedModelled = new HashMap<>();
        /** Stored procedures created in this file: their body statements, or null when the body cannot be read. */
        final Map<String, List<Statement>> procedures = new HashMap<>();
    }

    List<Change> map(Statement st) {
        return map(st, new FileContext());
    }

    List<List<Change>> mapAll(List<Statement> sts) {
        FileContext fc = new FileContext();
        List<List<Change>> out = new ArrayList<>(sts.size());
        for (Statement st : sts) {
            List<Change> cs;
            try {
                cs = map(st, fc);
            } catch (RuntimeException | StackOverflowError e) {
                cs = null;
            }
            out.add(cs);
        }
        return out;
    }

    List<Change> map(Statement st, FileContext fc) {
        if (st.getSplitError() != null) {
            return List.of(unparsed(st, st.getSplitError(), st.getErrorLine(), st.getErrorColumn()));
        }
        String text = st.getText();
        // parentheses that do not balance cannot be valid MySQL: the reader below reads a statement's start and
        // modelled an UPDATE with 2,500 parentheses never closed (fuzz finding 25); nothing asks JSqlParser either
        Mapping.Lexed lexed = Mapping.lex(st, dialect, Lexer.Options.mysql());
        if (lexed.unbalanced() != null) {
            return List.of(lexed.unbalanced());
        }
        TokenStream ts = new TokenStream(text, lexed.tokens());
        try {
            List<Change> out = new Reader(st, ts, fc).statement();
            if (out != null) {
                return tag(out, "mysql");
            }
        } catch (ReadError e) {
            JSqlRunner.Outcome parsed = JSqlRunner.parse(text, jsqlDialect(), timeoutMs);
            int[] pos = position(st, e.offset());
            if (parsed.ok()) {
                return List.of(unparsed(st, e.getMessage() + " (SchemaGate's MySQL reader)", pos[0], pos[1]));
            }
            return List.of(unparsed(st, e.getMessage(), pos[0], pos[1]));
        }
        JSqlRunner.Outcome parsed = JSqlRunner.parse(text, jsqlDialect(), timeoutMs);
        if (parsed.ok()) {
            String kind = parsed.statement.getClass().getSimpleName().toUpperCase(Locale.ROOT);
            return List.of(unparsed(st, "statement type " + kind + " is not supported by SchemaGate's MySQL reader",
                    st.getLine(), st.getColumn()));
        }
        return List.of(Mapping.unparsedFromParser(st, dialect, parsed));
    }

    private AbstractJSqlParser.Dialect jsqlDialect() {
        return dialect == Dialect.MARIADB ? AbstractJSqlParser.Dialect.MARIADB : AbstractJSqlParser.Dialect.MYSQL;
    }

    private List<Change> tag(List<Change> changes, String reader) {
        int part = 0;
        for (Change c : changes) {
            c.setDialect(dialect);
            if (c.option(READER) == null) {
                c.setOption(READER, reader);
            }
            c.setPart(part++);
        }
        return changes;
    }

    private Unparsed unparsed(Statement st, String reason, int line, int col) {
        return Mapping.unparsed(st, dialect, reason, line, col);
    }

    /** File line and column of a character offset inside the statement text. */
    static int[] position(Statement st, int offset) {
        return Mapping.position(st, offset);
    }

    /** Reads one statement. */
    private final class Reader {
        private final Statement st;
        private final TokenStream ts;
        private final FileContext fc;

        Reader(Statement st, TokenStream ts, FileContext fc) {
            this.st = st;
            this.ts = ts;
            this.fc = fc;
        }

        List<Change> statement() {
            if (ts.atEnd()) {
                return List.of(new OtherDdl(st, null, "EMPTY", "META", null, false));
            }
            Token first = ts.peek();
            if (first.isOp("(")) {
                return List.of(new OtherDdl(st, null, "QUERY", "SELECT", null, false));
            }
            if (first.kind != Token.Kind.WORD) {
                return null;
            }
            switch (first.upper()) {
                case "CREATE": ts.next(); return create();
                case "ALTER": ts.next(); return alter();
                case "DROP": ts.next(); return drop();
                case "RENAME": ts.next(); return rename();
                case "TRUNCATE": ts.next(); ts.accept("TABLE"); return end(List.of(new TruncateTable(st, qn(), false)));
                case "INSERT": case "REPLACE": return insert();
                case "UPDATE": return update();
                case "DELETE": return delete();
                case "LOAD": return List.of(new DataChange(st, loadTarget(), "INSERT", false, true));
                case "SET": ts.next(); return set();
                case "START": case "BEGIN": case "COMMIT": case "ROLLBACK": case "SAVEPOINT": case "RELEASE": case "XA":
                    return transaction();
                case "LOCK": ts.next(); return lockTables();
                case "UNLOCK": return List.of(new OtherDdl(st, null, "TABLES", "UNLOCK", null, false));
                case "PREPARE": return prepare();
                case "EXECUTE": return execute();
                case "DEALLOCATE": return List.of(new OtherDdl(st, null, "PREPARED_STATEMENT", "META", null, false));
                case "CALL":
                    return call();
                case "DO":
                    return List.of(new OtherDdl(st, null, "QUERY", "SELECT", null, false));
                case "SELECT": case "WITH": case "SHOW": case "DESCRIBE": case "DESC": case "EXPLAIN": case "VALUES":
                case "TABLE": case "HELP":
                    return List.of(new OtherDdl(st, null, "QUERY", "SELECT", null, false));
                case "USE":
                    ts.next();
                    return List.of(new OtherDdl(st, null, "DATABASE", "META", ts.atEnd() ? null : ts.next().identifier(), false));
                case "ANALYZE": case "OPTIMIZE": case "CHECK": case "REPAIR": case "CHECKSUM":
                    return maintenance();
                case "GRANT": case "REVOKE":
                    return List.of(new OtherDdl(st, null, "PRIVILEGE", first.upper(), null, false));
                case "FLUSH": case "RESET": case "PURGE": case "KILL": case "INSTALL": case "UNINSTALL": case "CHANGE":
                case "HANDLER": case "CACHE": case "SHUTDOWN": case "BINLOG":
                    return List.of(new OtherDdl(st, null, first.upper(), "OTHER", null, false));
                default:
                    return null;
            }
        }

        private List<Change> end(List<Change> out) {
            if (!ts.atEnd()) {
                throw ts.fail("unexpected '" + ts.peek().text() + "'");
            }
            if (out.isEmpty()) {
                // SET or LOCK TABLES with nothing after them: a statement must never vanish
                throw ts.fail("incomplete statement: nothing follows " + ts.get(0).upper());
            }
            return out;
        }

        private String ident() {
            Token t = ts.next();
            if (!t.isIdentifierLike() && t.kind != Token.Kind.STRING) {
                throw ts.fail("expected a name but found '" + t.text() + "'");
            }
            return MyTypes.name(t);
        }

        private String col() {
            return ident().toLowerCase(Locale.ROOT);
        }

        private QualifiedName qn() {
            String a = ident();
            if (ts.at(".")) {
                ts.next();
                return new QualifiedName(a, ident());
            }
            return new QualifiedName(null, a);
        }

        /** Skips DEFINER = user, SQL SECURITY x, ALGORITHM = x (of views) before the object keyword. */
        private void skipCreatePrefix() {
            while (true) {
                if (ts.at("DEFINER")) {
                    ts.next();
                    ts.expect("=");
                    ts.next();
                    if (ts.at("@")) {
                        ts.next();
                        ts.next();
                    } else if (ts.peek() != null && ts.peek().text().startsWith("@")) {
                        ts.next();
                    }
                    if (ts.at("(") ) {
                        ts.parens();
                    }
                } else if (ts.at("SQL", "SECURITY")) {
                    ts.next();
                    ts.next();
                    ts.next();
                } else if (ts.at("ALGORITHM")) {
                    ts.next();
                    ts.expect("=");
                    ts.next();
                } else if (ts.accept("OR", "REPLACE") || ts.accept("AGGREGATE") || ts.accept("ONLINE")) {
                    // prefixes that do not change what is created
                } else {
                    return;
                }
            }
        }

        // ---------------------------------------------------------------- CREATE

        private List<Change> create() {
            boolean orReplace = ts.at("OR", "REPLACE");
            skipCreatePrefix();
            boolean temp = ts.accept("TEMPORARY");
            if (ts.accept("TABLE")) {
                return createTable(temp, orReplace);
            }
            boolean unique = false;
            String method = null;
            if (ts.accept("UNIQUE")) {
                unique = true;
            } else if (ts.at("FULLTEXT") || ts.at("SPATIAL")) {
                method = ts.next().upper();
            }
            if (ts.accept("INDEX") || ts.accept("KEY")) {
                return createIndex(unique, method);
            }
            String kind = ts.peek() == null ? "" : ts.peek().upper();
            switch (kind) {
                case "VIEW": ts.next(); return List.of(new OtherDdl(st, null, "VIEW", orReplace ? "REPLACE" : "CREATE", qn().toString(), false));
                case "PROCEDURE": case "FUNCTION": {
                    ts.next();
                    ts.accept("IF", "NOT", "EXISTS");
                    QualifiedName n = qn();
                    if (kind.equals("PROCEDURE")) {
                        fc.procedures.put(n.getName().toLowerCase(Locale.ROOT), body());
                    }
                    return List.of(new OtherDdl(st, null, kind, "CREATE", n.toString(), false));
                }
                case "TRIGGER": ts.next(); return createTrigger();
                case "EVENT": {
                    ts.next();
                    ts.accept("IF", "NOT", "EXISTS");
                    return List.of(new OtherDdl(st, null, "EVENT", "CREATE", qn().toString(), false));
                }
                case "DATABASE": case "SCHEMA": {
                    ts.next();
                    ts.accept("IF", "NOT", "EXISTS");
                    return List.of(new OtherDdl(st, null, "DATABASE", "CREATE", ident(), false));
                }
                case "USER": case "ROLE": case "SEQUENCE": case "SERVER": case "TABLESPACE": case "LOGFILE":
                case "SPATIAL": case "RESOURCE":
                    ts.next();
                    return List.of(new OtherDdl(st, null, kind, "CREATE", null, false));
                default:
                    return null;
            }
        }

        private static final Set<String> BODY_STARTERS = Set.of("ALTER", "CREATE", "DROP", "RENAME", "TRUNCATE", "INSERT",
                "UPDATE", "DELETE", "REPLACE", "PREPARE", "EXECUTE", "CALL");
        private static final Set<String> BODY_OPENERS = Set.of("THEN", "ELSE", "BEGIN", "DO", "LOOP", "REPEAT", ":");

        /**
         * The statements of a procedure body (BEGIN ... END), each at its own position: the SQL statements that
         * follow THEN/ELSE/BEGIN/DO or start a body statement; control flow, DECLARE and SET are left out. Null when
         * the body is not a BEGIN ... END block.
         */
        private List<Statement> body() {
            int begin = -1;
            for (int k = ts.index(); k < ts.size(); k++) {
                if (ts.get(k).is("BEGIN")) {
                    begin = k;
                    break;
                }
            }
            int end = -1;
            for (int k = ts.size() - 1; k > begin && begin >= 0; k--) {
                if (ts.get(k).is("END")) {
                    end = k;
                    break;
                }
            }
            ts.seek(ts.size());
            if (begin < 0 || end < 0) {
                return null;
            }
            List<Statement> out = new ArrayList<>();
            int pieceStart = begin + 1;
            for (int k = begin + 1; k <= end; k++) {
                boolean last = k == end;
                if (!ts.get(k).kind.equals(Token.Kind.SEMICOLON) && !last) {
                    continue;
                }
                int from = -1;
                for (int j = pieceStart; j < k; j++) {
                    Token t = ts.get(j);
                    Token prev = j == pieceStart ? null : ts.get(j - 1);
                    if (t.kind == Token.Kind.WORD && BODY_STARTERS.contains(t.upper())
                            && (prev == null || BODY_OPENERS.contains(prev.upper()) || prev.isOp(":"))) {
                        from = j;
                        break;
                    }
                }
                if (from >= 0 && k > from) {
                    int a = ts.get(from).start;
                    int b = ts.get(k - 1).end;
                    int[] pa = position(st, a);
                    int[] pb = position(st, b - 1);
                    out.add(new Statement(st.getMigration(), st.getIndex(), pa[0], pa[1], pb[0], pb[1],
                            st.getText().substring(a, b), st.getComments()));
                }
                pieceStart = k + 1;
            }
            return out;
        }

        private List<Change> call() {
            ts.next();
            QualifiedName n = qn();
            List<Statement> body = fc.procedures.get(n.getName().toLowerCase(Locale.ROOT));
            if (body == null) {
                return List.of(new ProceduralBlock(st, null, "sql", "CALL " + n
                        + " runs a stored procedure whose effect SchemaGate cannot see (it is not created in this file)"));
            }
            List<Change> out = new ArrayList<>();
            fc.procedures.remove(n.getName().toLowerCase(Locale.ROOT)); // a procedure calling itself is not followed
            try {
                for (Statement s : body) {
                    for (Change c : map(s, fc)) {
                        if (c instanceof Unparsed || c instanceof ProceduralBlock) {
                            return List.of(new ProceduralBlock(st, null, "sql", "CALL " + n + " runs a procedure body with "
                                    + (c instanceof Unparsed ? "a statement SchemaGate cannot read at line " + s.getLine()
                                    : "dynamic SQL") + ": its effect is uncertain"));
                        }
                        if (c instanceof OtherDdl && "META".equals(((OtherDdl) c).getAction())) {
                            continue;
                        }
                        c.setOption("guarded", "CALL " + n.getName());
                        c.setOption(READER, "mysql");
                        out.add(c);
                    }
                }
            } finally {
                fc.procedures.put(n.getName().toLowerCase(Locale.ROOT), body);
            }
            if (out.isEmpty()) {
                out.add(new OtherDdl(st, null, "PROCEDURE", "CALL", n.toString(), false));
            }
            return out;
        }

        private List<Change> createTrigger() {
            ts.accept("IF", "NOT", "EXISTS");
            QualifiedName name = qn();
            String timing = ts.acceptAny("BEFORE", "AFTER");
            String event = ts.acceptAny("INSERT", "UPDATE", "DELETE");
            if (timing == null || event == null) {
                throw ts.fail("expected BEFORE|AFTER INSERT|UPDATE|DELETE");
            }
            ts.expect("ON");
            QualifiedName table = qn();
            TriggerChange t = new TriggerChange(st, table, name.getName(), "create");
            t.setOption("event", timing + " " + event);
            return List.of(t);
        }

        private List<Change> createTable(boolean temp, boolean orReplace) {
            boolean ifNotExists = ts.accept("IF", "NOT", "EXISTS");
            QualifiedName name = qn();
            List<ColumnSpec> cols = new ArrayList<>();
            List<ConstraintSpec> cons = new ArrayList<>();
            List<Change> extra = new ArrayList<>();
            Map<String, String> opts = new LinkedHashMap<>();
            boolean asSelect = false;
            if (ts.accept("LIKE") || (ts.at("(") && ts.peek(1) != null && ts.peek(1).is("LIKE"))) {
                boolean paren = ts.accept("(");
                if (paren) {
                    ts.expect("LIKE");
                }
                QualifiedName like = qn();
                if (paren) {
                    ts.expect(")");
                }
                opts.put("like", like.toString());
                return end(List.of(new CreateTable(st, name, cols, cons, ifNotExists, temp, false, null, null, false, opts)));
            }
            if (ts.at("(") && !(ts.peek(1) != null && (ts.peek(1).is("SELECT") || ts.peek(1).is("WITH")))) {
                int close = ts.matching(ts.index());
                if (close < 0) {
                    throw ts.fail("unbalanced parentheses");
                }
                ts.next();
                while (ts.index() < close) {
                    element(name, cols, cons, extra);
                    if (ts.at(",")) {
                        ts.next();
                    } else if (ts.index() < close) {
                        throw ts.fail("expected ',' or ')' but found '" + ts.peek().text() + "'");
                    }
                }
                ts.expect(")");
            }
            String partitionBy = tableOptions(opts);
            if (ts.accept("IGNORE") || ts.accept("REPLACE")) {
                opts.put("on_duplicate", "true");
            }
            if (ts.accept("AS") || ts.at("SELECT") || ts.at("WITH") || ts.at("(")) {
                asSelect = true;
                ts.seek(ts.size());
            }
            if (orReplace) {
                opts.put("or_replace", "true");
            }
            List<Change> out = new ArrayList<>();
            out.add(new CreateTable(st, name, cols, cons, ifNotExists, temp, false, partitionBy, null, asSelect, opts));
            out.addAll(extra);
            return end(out);
        }

        /** Reads table options and a PARTITION BY clause; returns the partitioning text or null. */
        private String tableOptions(Map<String, String> opts) {
            String partition = null;
            while (!ts.atEnd()) {
                if (ts.accept(",") && ts.atEnd()) {
                    throw ts.fail("a table option was expected after ','");
                }
                if (ts.accept("DEFAULT")) {
                    continue;
                }
                if (ts.at("PARTITION", "BY")) {
                    int from = ts.index();
                    ts.seek(ts.size());
                    partition = ts.textFrom(from);
                    break;
                }
                if (ts.accept("WITH", "SYSTEM", "VERSIONING")) {
                    opts.put("system_versioning", "true");
                    continue;
                }
                Token t = ts.peek();
                if (t.kind != Token.Kind.WORD || t.is("AS") || t.is("SELECT") || t.is("WITH") || t.is("IGNORE")
                        || t.is("REPLACE")) {
                    break;
                }
                String key;
                if (ts.accept("CHARACTER", "SET") || ts.accept("CHARSET")) {
                    key = "charset";
                } else {
                    key = ts.next().text().toLowerCase(Locale.ROOT);
                    if (key.equals("data") || key.equals("index")) {
                        ts.accept("DIRECTORY");
                        key = key + "_directory";
                    }
                }
                ts.accept("=");
                if (ts.atEnd()) {
                    throw ts.fail("expected a value for table option " + key);
                }
                if (key.equals("union") && ts.at("(")) {
                    ts.parens();
                    continue;
                }
                Token v = ts.next();
                String value = MyTypes.name(v).toLowerCase(Locale.ROOT);
                if (key.equals("collate") && !opts.containsKey("charset")) {
                    int u = value.indexOf('_');
                    opts.put("charset", u < 0 ? value : value.substring(0, u));
                }
                if (key.equals("charset")) {
                    value = MyTypes.normalise(value);
                }
                opts.put(key, value);
            }
            return partition;
        }

        private boolean isConstraintStart() {
            return ts.at("CONSTRAINT") || ts.at("PRIMARY") || ts.at("UNIQUE") || ts.at("FOREIGN") || ts.at("CHECK")
                    || ts.at("INDEX") || ts.at("KEY") || ts.at("FULLTEXT") || ts.at("SPATIAL");
        }

        private void element(QualifiedName table, List<ColumnSpec> cols, List<ConstraintSpec> cons, List<Change> extra) {
            if (isConstraintStart()) {
                Object k = keyOrConstraint();
                if (k instanceof ConstraintSpec) {
                    cons.add((ConstraintSpec) k);
                } else {
                    extra.add(new CreateIndex(st, table, (IndexSpec) k, false, false, false));
                }
                return;
            }
            Map<String, String> attrs = new HashMap<>();
            cols.add(column(attrs));
        }

        /**
         * Reads a table-level key or constraint. Returns a ConstraintSpec (PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK)
         * or an IndexSpec (plain, FULLTEXT or SPATIAL index).
         */
        private Object keyOrConstraint() {
            String cname = null;
            if (ts.accept("CONSTRAINT")) {
                if (!(ts.at("PRIMARY") || ts.at("UNIQUE") || ts.at("FOREIGN") || ts.at("CHECK"))) {
                    cname = ident();
                }
            }
            if (ts.accept("PRIMARY", "KEY")) {
                String using = indexType();
                List<String> c = keyColumns();
                indexOptions();
                return new ConstraintSpec(cname, ConstraintKind.PRIMARY_KEY, c, null, null, null, false, null, null, null, false);
            }
            if (ts.accept("UNIQUE")) {
                if (!ts.accept("INDEX")) {
                    ts.accept("KEY");
                }
                String iname = ts.at("(") || ts.at("USING") ? null : ident();
                indexType();
                List<String> c = keyColumns();
                indexOptions();
                return new ConstraintSpec(iname != null ? iname : cname, ConstraintKind.UNIQUE, c, null, null, null, false,
                        null, null, null, false);
            }
            if (ts.accept("FOREIGN", "KEY")) {
                String iname = ts.at("(") ? null : ident();
                List<String> c = keyColumns();
                String[] ref = references();
                List<String> refCols = new ArrayList<>();
                for (String r : ref[1].isEmpty() ? new String[0] : ref[1].split(",")) {
                    refCols.add(r);
                }
                return new ConstraintSpec(cname != null ? cname : iname, ConstraintKind.FOREIGN_KEY, c, null,
                        parseName(ref[0]), refCols,
                        false, null, ref[2], ref[3], false);
            }
            if (ts.accept("CHECK")) {
                String expr = ts.parens();
                boolean notEnforced = false;
                if (ts.accept("NOT", "ENFORCED")) {
                    notEnforced = true;
                } else {
                    ts.accept("ENFORCED");
                }
                return new ConstraintSpec(cname, ConstraintKind.CHECK, List.of(), expr, null, null, false, null, null, null,
                        notEnforced);
            }
            String method = null;
            if (ts.at("FULLTEXT") || ts.at("SPATIAL")) {
                method = ts.next().upper();
            }
            if (!ts.accept("INDEX")) {
                ts.accept("KEY");
            }
            String iname = ts.at("(") || ts.at("USING") ? null : ident();
            String using = indexType();
            List<String> c = keyColumns();
            String using2 = indexOptions();
            return new IndexSpec(iname, c, false, null, method != null ? method : using != null ? using : using2, List.of());
        }

        private QualifiedName parseName(String dotted) {
            int dot = dotted.indexOf('.');
            return dot < 0 ? new QualifiedName(null, dotted) : new QualifiedName(dotted.substring(0, dot), dotted.substring(dot + 1));
        }

        private String indexType() {
            if (ts.accept("USING")) {
                return ts.next().upper();
            }
            return null;
        }

        /** Index options after the key list; returns USING type when written there. */
        private String indexOptions() {
            String using = null;
            while (!ts.atEnd()) {
                if (ts.accept("USING")) {
                    using = ts.next().upper();
                } else if (ts.accept("KEY_BLOCK_SIZE") || ts.accept("COMMENT")) {
                    ts.accept("=");
                    ts.next();
                } else if (ts.accept("WITH", "PARSER")) {
                    ts.next();
                } else if (ts.accept("VISIBLE") || ts.accept("INVISIBLE") || ts.accept("IGNORED") || ts.accept("NOT", "IGNORED")
                        || ts.accept("CLUSTERING") ) {
                    if (ts.accept("=")) {
                        ts.next();
                    }
                } else if (ts.at("ENGINE_ATTRIBUTE") || ts.at("SECONDARY_ENGINE_ATTRIBUTE")) {
                    ts.next();
                    ts.accept("=");
                    ts.next();
                } else {
                    break;
                }
            }
            return using;
        }

        /** (col [(len)] [ASC|DESC], ...) with names normalised; functional parts kept as written. */
        private List<String> keyColumns() {
            List<String> out = new ArrayList<>();
            for (String part : ts.parenList()) {
                String p = part.trim();
                p = p.replaceAll("(?i)\\s+(ASC|DESC)$", "");
                String name = p.replaceAll("\\(\\s*\\d+\\s*\\)$", "").trim();
                if (name.startsWith("`") && name.endsWith("`") && name.length() > 1) {
                    name = name.substring(1, name.length() - 1);
                }
                out.add(name.startsWith("(") ? name : name.toLowerCase(Locale.ROOT));
            }
            return out;
        }

        /** REFERENCES t (cols) [MATCH x] [ON DELETE a] [ON UPDATE a]: table, cols joined, on delete, on update. */
        private String[] references() {
            ts.expect("REFERENCES");
            QualifiedName t = qn();
            List<String> cols = ts.at("(") ? keyColumns() : List.of();
            String onDelete = null;
            String onUpdate = null;
            while (true) {
                if (ts.accept("MATCH")) {
                    ts.next();
                } else if (ts.accept("ON", "DELETE")) {
                    onDelete = ts.referentialAction();
                } else if (ts.accept("ON", "UPDATE")) {
                    onUpdate = ts.referentialAction();
                } else {
                    break;
                }
            }
            return new String[] {t.toString(), String.join(",", cols), onDelete, onUpdate};
        }


        /** name type [attributes]; attrs receives default, comment, auto_increment, position, on_update, visible. */
        private ColumnSpec column(Map<String, String> attrs) {
            String name = col();
            ColumnType type = MyTypes.read(ts);
            boolean notNull = false;
            String def = null;
            Volatility vol = null;
            ColumnSpec.Generated gen = ColumnSpec.Generated.NONE;
            String genExpr = null;
            boolean autoInc = false;
            boolean pk = false;
            boolean unique = false;
            QualifiedName ref = null;
            List<String> refCols = null;
            String check = null;
            String collation = MyTypes.collation(type);
            while (!ts.atEnd() && !ts.at(",") && !ts.at(")")) {
                if (ts.accept("NOT", "NULL")) {
                    notNull = true;
                } else if (ts.accept("NULL")) {
                    notNull = false;
                } else if (ts.accept("DEFAULT")) {
                    int from = ts.index();
                    if (ts.at("(")) {
                        ts.parens();
                        def = ts.textFrom(from);
                        vol = Volatility.VOLATILE;
                    } else {
                        Token v = ts.next();
                        if (v.isOp("-") || v.isOp("+")) {
                            ts.next();
                        }
                        if (ts.at("(")) {
                            ts.parens();
                        }
                        def = ts.textFrom(from);
                        String u = def.toUpperCase(Locale.ROOT);
                        vol = u.startsWith("CURRENT_TIMESTAMP") || u.startsWith("NOW") || u.startsWith("LOCALTIME")
                                ? Volatility.STABLE : Volatility.CONSTANT;
                    }
                    attrs.put("default", def);
                } else if (ts.accept("AUTO_INCREMENT")) {
                    autoInc = true;
                } else if (ts.accept("UNIQUE")) {
                    ts.accept("KEY");
                    unique = true;
                } else if (ts.accept("PRIMARY", "KEY") || ts.accept("KEY")) {
                    pk = true;
                } else if (ts.accept("COMMENT")) {
                    attrs.put("comment", ts.next().text());
                } else if (ts.accept("COLLATE")) {
                    ts.accept("=");
                    collation = MyTypes.name(ts.next()).toLowerCase(Locale.ROOT);
                } else if (ts.accept("CHARACTER", "SET") || ts.accept("CHARSET")) {
                    ts.accept("=");
                    attrs.put("charset", MyTypes.name(ts.next()).toLowerCase(Locale.ROOT));
                } else if (ts.accept("COLUMN_FORMAT") || ts.accept("STORAGE") || ts.accept("SRID")) {
                    ts.next();
                } else if (ts.accept("ENGINE_ATTRIBUTE") || ts.accept("SECONDARY_ENGINE_ATTRIBUTE")) {
                    ts.accept("=");
                    ts.next();
                } else if (ts.accept("GENERATED", "ALWAYS") || ts.at("AS")) {
                    ts.expect("AS");
                    genExpr = ts.parens();
                    gen = ColumnSpec.Generated.VIRTUAL;
                    String g = ts.acceptAny("VIRTUAL", "STORED", "PERSISTENT");
                    if ("STORED".equals(g) || "PERSISTENT".equals(g)) {
                        gen = ColumnSpec.Generated.STORED;
                    }
                } else if (ts.at("REFERENCES")) {
                    String[] r = references();
                    ref = parseName(r[0]);
                    refCols = r[1].isEmpty() ? List.of() : List.of(r[1].split(","));
                } else if (ts.accept("CONSTRAINT")) {
                    if (!ts.at("CHECK")) {
                        ident();
                    }
                } else if (ts.accept("CHECK")) {
                    check = ts.parens();
                    if (!ts.accept("NOT", "ENFORCED")) {
                        ts.accept("ENFORCED");
                    }
                } else if (ts.accept("ON", "UPDATE")) {
                    int from = ts.index();
                    ts.next();
                    if (ts.at("(")) {
                        ts.parens();
                    }
                    attrs.put("on_update", ts.textFrom(from));
                } else if (ts.accept("INVISIBLE")) {
                    attrs.put("invisible", "true");
                } else if (ts.accept("VISIBLE")) {
                    continue;
                } else if (ts.at("FIRST")) {
                    ts.next();
                    attrs.put("position", "FIRST");
                } else if (ts.at("AFTER")) {
                    ts.next();
                    attrs.put("position", "AFTER " + col());
                } else if (ts.accept("WITH", "SYSTEM", "VERSIONING") || ts.accept("WITHOUT", "SYSTEM", "VERSIONING")) {
                    continue;
                } else {
                    throw ts.fail("unexpected '" + ts.peek().text() + "' in the definition of column " + name);
                }
            }
            if (autoInc) {
                attrs.put("auto_increment", "true");
            }
            if (collation != null && MyTypes.collation(type) == null) {
                type = withSuffix(type, " collate " + collation);
            }
            if (attrs.containsKey("charset") && MyTypes.charset(type) == null) {
                type = withSuffix(type, " character set " + MyTypes.normalise(attrs.get("charset")));
            }
            return new ColumnSpec(name, type, notNull, def, vol, gen, genExpr, false, autoInc, pk, unique, ref, refCols,
                    check, collation);
        }

        private ColumnType withSuffix(ColumnType t, String suffix) {
            return new ColumnType(t.getName(), t.getSqlType(), t.getPrecision(), t.getScale(), false,
                    t.getWritten() + suffix, t.isUserDefined());
        }

        private List<Change> createIndex(boolean unique, String method) {
            ts.accept("IF", "NOT", "EXISTS");
            String name = ident();
            String using = indexType();
            ts.expect("ON");
            QualifiedName table = qn();
            List<String> c = keyColumns();
            String using2 = indexOptions();
            Map<String, String> options = new HashMap<>();
            algorithmLock(options);
            IndexSpec spec = new IndexSpec(name, c, unique, null, method != null ? method : using != null ? using : using2,
                    List.of());
            CreateIndex ci = new CreateIndex(st, table, spec, false, false, false);
            options.forEach(ci::setOption);
            return end(List.of(ci));
        }

        /** ALGORITHM [=] x and LOCK [=] x clauses (CREATE/DROP INDEX: space separated; ALTER TABLE: items). */
        private void algorithmLock(Map<String, String> options) {
            while (true) {
                if (ts.accept("ALGORITHM")) {
                    ts.accept("=");
                    options.put("algorithm", ts.next().upper());
                } else if (ts.accept("LOCK")) {
                    ts.accept("=");
                    options.put("lock", ts.next().upper());
                } else if (ts.accept("WAIT")) {
                    ts.next();
                } else if (ts.accept("NOWAIT")) {
                    options.put("nowait", "true");
                } else {
                    return;
                }
            }
        }

        // ---------------------------------------------------------------- ALTER

        private List<Change> alter() {
            ts.accept("ONLINE");
            ts.accept("IGNORE");
            if (ts.accept("TABLE")) {
                return alterTable();
            }
            skipCreatePrefix();
            String kind = ts.peek() == null ? "" : ts.peek().upper();
            switch (kind) {
                case "VIEW": case "PROCEDURE": case "FUNCTION": case "EVENT": {
                    ts.next();
                    return List.of(new OtherDdl(st, null, kind, "ALTER", qn().toString(), false));
                }
                case "DATABASE": case "SCHEMA": case "USER": case "ROLE": case "SEQUENCE": case "SERVER": case "TABLESPACE":
                case "INSTANCE": case "LOGFILE": case "RESOURCE":
                    ts.next();
                    return List.of(new OtherDdl(st, null, kind.equals("SCHEMA") ? "DATABASE" : kind, "ALTER", null, false));
                default:
                    return null;
            }
        }

        private List<Change> alterTable() {
            ts.accept("IF", "EXISTS");
            QualifiedName table = qn();
            List<Change> out = new ArrayList<>();
            Map<String, String> options = new HashMap<>();
            ts.accept("WAIT");
            if (ts.at("NOWAIT")) {
                ts.next();
            }
            while (!ts.atEnd()) {
                if (ts.at("ALGORITHM") || ts.at("LOCK")) {
                    algorithmLock(options);
                } else if (ts.at("PARTITION", "BY")) {
                    int from = ts.index();
                    ts.seek(ts.size());
                    out.add(new AlterTableOption(st, table, "partition_by", ts.textFrom(from)));
                } else {
                    action(table, out, options);
                }
                if (!ts.atEnd()) {
                    if (ts.at(",")) {
                        ts.next();
                    } else if (!(ts.at("PARTITION", "BY") || ts.at("ALGORITHM") || ts.at("LOCK")
                            || ts.at("REMOVE", "PARTITIONING"))) {
                        throw ts.fail("expected ',' but found '" + ts.peek().text() + "'");
                    }
                }
            }
            if (out.isEmpty()) {
                out.add(new AlterTableOption(st, table, "none", null));
            }
            boolean dropsPk = false;
            boolean addsPk = false;
            for (Change c : out) {
                dropsPk |= c instanceof DropConstraint && "PRIMARY".equals(((DropConstraint) c).getConstraintName());
                addsPk |= c instanceof AddConstraint && ((AddConstraint) c).getConstraint().isPrimaryKey();
            }
            for (Change c : out) {
                options.forEach(c::setOption);
                c.setOption("actions", String.valueOf(out.size()));
                if (dropsPk && addsPk) {
                    c.setOption("replaces_primary_key", "true");
                }
            }
            return out;
        }

        private void action(QualifiedName table, List<Change> out, Map<String, String> options) {
            Token t = ts.peek();
            String w = t.upper();
            switch (w) {
                case "ADD": ts.next(); add(table, out); return;
                case "DROP": ts.next(); dropAction(table, out); return;
                case "MODIFY": {
                    ts.next();
                    ts.accept("COLUMN");
                    ts.accept("IF", "EXISTS");
                    Map<String, String> attrs = new HashMap<>();
                    ColumnSpec c = column(attrs);
                    out.add(redefine(table, c.getName(), c, attrs, "MODIFY"));
                    return;
                }
                case "CHANGE": {
                    ts.next();
                    ts.accept("COLUMN");
                    ts.accept("IF", "EXISTS");
                    String old = col();
                    Map<String, String> attrs = new HashMap<>();
                    ColumnSpec c = column(attrs);
                    if (!old.equals(c.getName())) {
                        RenameColumn r = new RenameColumn(st, table, old, c.getName());
                        r.setOption("via", "CHANGE");
                        out.add(r);
                    }
                    out.add(redefine(table, c.getName(), c, attrs, "CHANGE"));
                    return;
                }
                case "ALTER": {
                    ts.next();
                    if (ts.accept("INDEX") || ts.accept("KEY")) {
                        String name = ident();
                        String v = ts.acceptAny("VISIBLE", "INVISIBLE", "IGNORED");
                        if (v == null && ts.accept("NOT", "IGNORED")) {
                            v = "VISIBLE";
                        }
                        if (v == null) {
                            throw ts.fail("expected VISIBLE or INVISIBLE");
                        }
                        out.add(new AlterIndex(st, table, name, v.equals("VISIBLE") ? "visible" : "invisible", null));
                        return;
                    }
                    if (ts.accept("CHECK") || ts.accept("CONSTRAINT")) {
                        String name = ident();
                        boolean not = ts.accept("NOT");
                        ts.expect("ENFORCED");
                        if (not) {
                            out.add(new AlterTableOption(st, table, "check_not_enforced", name));
                        } else {
                            out.add(new AlterTableOption(st, table, "check_enforced", name));
                        }
                        return;
                    }
                    ts.accept("COLUMN");
                    String c = col();
                    if (ts.accept("SET", "DEFAULT")) {
                        int from = ts.index();
                        if (ts.at("(")) {
                            ts.parens();
                        } else {
                            Token v = ts.next();
                            if (v.isOp("-")) {
                                ts.next();
                            }
                        }
                        String def = ts.textFrom(from);
                        out.add(new SetDefault(st, table, c, def, def.startsWith("(") ? Volatility.VOLATILE : Volatility.CONSTANT));
                    } else if (ts.accept("DROP", "DEFAULT")) {
                        out.add(new DropDefault(st, table, c));
                    } else if (ts.accept("SET", "VISIBLE") || ts.accept("SET", "INVISIBLE")) {
                        out.add(new AlterColumnOption(st, table, c, "visibility", ts.get(ts.index() - 1).upper()));
                    } else {
                        throw ts.fail("expected SET DEFAULT, DROP DEFAULT or SET VISIBLE|INVISIBLE");
                    }
                    return;
                }
                case "RENAME": {
                    ts.next();
                    if (ts.accept("COLUMN")) {
                        String a = col();
                        ts.expect("TO");
                        out.add(new RenameColumn(st, table, a, col()));
                    } else if (ts.accept("INDEX") || ts.accept("KEY")) {
                        String a = ident();
                        ts.expect("TO");
                        out.add(new AlterIndex(st, table, a, "rename", ident()));
                    } else {
                        if (!ts.accept("TO")) {
                            ts.accept("AS");
                        }
                        out.add(new RenameTable(st, table, qn()));
                    }
                    return;
                }
                case "CONVERT": {
                    ts.next();
                    ts.expect("TO");
                    if (!ts.accept("CHARACTER", "SET")) {
                        ts.expect("CHARSET");
                    }
                    String cs = MyTypes.normalise(MyTypes.name(ts.next()));
                    String co = null;
                    if (ts.accept("COLLATE")) {
                        co = MyTypes.name(ts.next()).toLowerCase(Locale.ROOT);
                    }
                    AlterTableOption o = new AlterTableOption(st, table, "convert_charset", cs);
                    if (co != null) {
                        o.setOption("collate", co);
                    }
                    out.add(o);
                    return;
                }
                case "DEFAULT": case "CHARACTER": case "CHARSET": case "COLLATE": {
                    ts.accept("DEFAULT");
                    String key = ts.accept("CHARACTER", "SET") || ts.accept("CHARSET") ? "default_charset" : null;
                    if (key == null) {
                        ts.expect("COLLATE");
                        key = "default_collate";
                    }
                    ts.accept("=");
                    String v = MyTypes.name(ts.next()).toLowerCase(Locale.ROOT);
                    AlterTableOption o = new AlterTableOption(st, table, key, key.equals("default_charset") ? MyTypes.normalise(v) : v);
                    if (ts.accept("COLLATE")) {
                        ts.accept("=");
                        o.setOption("collate", MyTypes.name(ts.next()).toLowerCase(Locale.ROOT));
                    }
                    out.add(o);
                    return;
                }
                case "FORCE": ts.next(); out.add(new AlterTableOption(st, table, "force", null)); return;
                case "ORDER": {
                    ts.next();
                    ts.expect("BY");
                    ts.until(x -> x.isOp(","));
                    out.add(new AlterTableOption(st, table, "order_by", null));
                    return;
                }
                case "ENABLE": case "DISABLE": case "DISCARD": case "IMPORT": {
                    ts.next();
                    String what = ts.next().upper();
                    out.add(new AlterTableOption(st, table, w.toLowerCase(Locale.ROOT) + "_" + what.toLowerCase(Locale.ROOT), null));
                    return;
                }
                case "REMOVE": ts.next(); ts.expect("PARTITIONING"); out.add(new AlterTableOption(st, table, "remove_partitioning", null)); return;
                case "TRUNCATE": case "COALESCE": case "REORGANIZE": case "EXCHANGE": case "ANALYZE": case "CHECK":
                case "OPTIMIZE": case "REBUILD": case "REPAIR": {
                    ts.next();
                    if (!ts.accept("PARTITION")) {
                        throw ts.fail("expected PARTITION");
                    }
                    String rest = ts.until(x -> x.isOp(","));
                    out.add(new AlterTableOption(st, table, w.toLowerCase(Locale.ROOT) + "_partition", rest));
                    return;
                }
                case "WITH": case "WITHOUT": {
                    ts.next();
                    ts.expect("VALIDATION");
                    return;
                }
                default:
                    break;
            }
            if (t.kind == Token.Kind.WORD && TABLE_OPTIONS.contains(w) && ts.peek(1) != null) {
                // table option: ENGINE=InnoDB, ROW_FORMAT=DYNAMIC, AUTO_INCREMENT=5, COMMENT 'x', STATS_PERSISTENT=0
                String key = ts.next().text().toLowerCase(Locale.ROOT);
                ts.accept("=");
                Token v = ts.next();
                out.add(new AlterTableOption(st, table, key, MyTypes.name(v)));
                return;
            }
            throw ts.fail("unknown ALTER TABLE action '" + t.text() + "'");
        }

        /** MODIFY/CHANGE: the column is redefined as a whole. */
        private AlterColumnType redefine(QualifiedName table, String name, ColumnSpec c, Map<String, String> attrs, String via) {
            AlterColumnType a = new AlterColumnType(st, table, name, c.getType(), null, c.isNotNull());
            a.setOption("via", via);
            a.setOption("nullable", c.isNotNull() ? "false" : "true");
            attrs.forEach(a::setOption);
            if (c.isGeneratedColumn()) {
                a.setOption("generated", c.getGenerated().name());
            }
            return a;
        }

        private void add(QualifiedName table, List<Change> out) {
            if (ts.at("PARTITION")) {
                ts.next();
                out.add(new AlterTableOption(st, table, "add_partition", ts.at("(") ? ts.parens() : ts.until(x -> x.isOp(","))));
                return;
            }
            if (ts.accept("SYSTEM", "VERSIONING")) {
                out.add(new AlterTableOption(st, table, "add_system_versioning", null));
                return;
            }
            if (ts.at("PERIOD")) {
                ts.until(x -> x.isOp(","));
                out.add(new AlterTableOption(st, table, "add_period", null));
                return;
            }
            if (isConstraintStart()) {
                Object k = keyOrConstraint();
                if (k instanceof IndexSpec) {
                    out.add(new CreateIndex(st, table, (IndexSpec) k, false, false, false));
                } else {
                    ConstraintSpec cs = (ConstraintSpec) k;
                    if (cs.isUnique()) {
                        out.add(new CreateIndex(st, table, new IndexSpec(cs.getName(), cs.getColumns(), true, null, null, List.of()),
                                false, false, false));
                    } else {
                        out.add(new AddConstraint(st, table, cs, false));
                    }
                }
                return;
            }
            ts.accept("COLUMN");
            boolean ifNotExists = ts.accept("IF", "NOT", "EXISTS");
            if (ts.at("(")) {
                int close = ts.matching(ts.index());
                ts.next();
                while (ts.index() < close) {
                    if (isConstraintStart()) {
                        ts.seek(close);
                        throw ts.fail("keys inside ADD COLUMN (...) are not supported");
                    }
                    Map<String, String> attrs = new HashMap<>();
                    out.add(addColumn(table, column(attrs), attrs, ifNotExists));
                    ts.accept(",");
                }
                ts.expect(")");
                return;
            }
            Map<String, String> attrs = new HashMap<>();
            out.add(addColumn(table, column(attrs), attrs, ifNotExists));
        }

        private AddColumn addColumn(QualifiedName table, ColumnSpec c, Map<String, String> attrs, boolean ifNotExists) {
            AddColumn a = new AddColumn(st, table, c, ifNotExists, attrs.get("position"));
            attrs.forEach(a::setOption);
            return a;
        }

        private void dropAction(QualifiedName table, List<Change> out) {
            if (ts.accept("PRIMARY", "KEY")) {
                out.add(new DropConstraint(st, table, "PRIMARY", false, false));
                return;
            }
            if (ts.accept("FOREIGN", "KEY")) {
                boolean ie = ts.accept("IF", "EXISTS");
                DropConstraint d = new DropConstraint(st, table, ident(), ie, false);
                d.setOption("kind", "FOREIGN_KEY");
                out.add(d);
                return;
            }
            if (ts.accept("INDEX") || ts.accept("KEY")) {
                boolean ie = ts.accept("IF", "EXISTS");
                out.add(new DropIndex(st, table, ident(), false, ie, false));
                return;
            }
            if (ts.accept("CHECK") || ts.accept("CONSTRAINT")) {
                boolean ie = ts.accept("IF", "EXISTS");
                out.add(new DropConstraint(st, table, ident(), ie, false));
                return;
            }
            if (ts.accept("PARTITION")) {
                int from = ts.index();
                ts.seek(ts.size());
                out.add(new AlterTableOption(st, table, "drop_partition", ts.textFrom(from)));
                return;
            }
            if (ts.accept("SYSTEM", "VERSIONING")) {
                out.add(new AlterTableOption(st, table, "drop_system_versioning", null));
                return;
            }
            ts.accept("COLUMN");
            boolean ie = ts.accept("IF", "EXISTS");
            String c = col();
            boolean cascade = ts.accept("CASCADE");
            ts.accept("RESTRICT");
            out.add(new DropColumn(st, table, c, ie, cascade));
        }

        // ---------------------------------------------------------------- DROP / RENAME

        private List<Change> drop() {
            boolean temp = ts.accept("TEMPORARY");
            if (ts.accept("TABLE") || ts.accept("TABLES")) {
                boolean ie = ts.accept("IF", "EXISTS");
                List<Change> out = new ArrayList<>();
                do {
                    out.add(new DropTable(st, qn(), ie, false));
                } while (ts.accept(","));
                boolean cascade = ts.accept("CASCADE");
                ts.accept("RESTRICT");
                if (temp) {
                    for (Change c : out) {
                        c.setOption("temporary", "true");
                    }
                }
                return end(out);
            }
            if (ts.accept("INDEX") || ts.accept("KEY")) {
                boolean ie = ts.accept("IF", "EXISTS");
                String name = ident();
                ts.expect("ON");
                QualifiedName table = qn();
                Map<String, String> options = new HashMap<>();
                algorithmLock(options);
                DropIndex d = new DropIndex(st, table, name, false, ie, false);
                options.forEach(d::setOption);
                return end(List.of(d));
            }
            if (ts.accept("TRIGGER")) {
                ts.accept("IF", "EXISTS");
                QualifiedName n = qn();
                return end(List.of(new TriggerChange(st, null, n.getName(), "drop")));
            }
            if (ts.accept("PREPARE")) {
                return List.of(new OtherDdl(st, null, "PREPARED_STATEMENT", "META", null, false));
            }
            String kind = ts.peek() == null ? "" : ts.peek().upper();
            switch (kind) {
                case "VIEW": case "PROCEDURE": case "FUNCTION": case "EVENT": case "DATABASE": case "SCHEMA": case "USER":
                case "ROLE": case "SEQUENCE": case "SERVER": case "TABLESPACE": case "LOGFILE": case "SPATIAL": {
                    ts.next();
                    boolean ie = ts.accept("IF", "EXISTS");
                    String name = ts.atEnd() ? null : ts.rest();
                    OtherDdl o = new OtherDdl(st, null, kind.equals("SCHEMA") ? "DATABASE" : kind, "DROP", name, false);
                    if (ie) {
                        o.setOption("if_exists", "true");
                    }
                    return List.of(o);
                }
                default:
                    return null;
            }
        }

        private List<Change> rename() {
            if (ts.accept("USER")) {
                return List.of(new OtherDdl(st, null, "USER", "RENAME", null, false));
            }
            if (!ts.accept("TABLE")) {
                ts.expect("TABLES");
            }
            List<Change> out = new ArrayList<>();
            do {
                QualifiedName a = qn();
                ts.expect("TO");
                out.add(new RenameTable(st, a, qn()));
            } while (ts.accept(","));
            return end(out);
        }

        // ---------------------------------------------------------------- DML

        private QualifiedName loadTarget() {
            while (!ts.atEnd()) {
                if (ts.accept("INTO", "TABLE")) {
                    return qn();
                }
                ts.next();
            }
            return null;
        }

        /** Indices of the tokens from the cursor to the end that lie outside parentheses. */
        private List<Integer> topLevel() {
            List<Integer> out = new ArrayList<>();
            int depth = 0;
            for (int k = ts.index(); k < ts.size(); k++) {
                Token x = ts.get(k);
                if (x.isOp("(")) {
                    depth++;
                } else if (x.isOp(")")) {
                    depth--;
                } else if (depth == 0) {
                    out.add(k);
                }
            }
            return out;
        }

        private List<Change> insert() {
            String op = ts.next().upper().equals("REPLACE") ? "UPSERT" : "INSERT";
            while (ts.acceptAny("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE") != null) {
                // modifiers
            }
            ts.accept("INTO");
            QualifiedName t = qn();
            boolean fromQuery = false;
            for (int k = ts.index(); k < ts.size(); k++) {
                fromQuery |= ts.get(k).is("SELECT") || ts.get(k).is("TABLE");
            }
            boolean upsert = topLevel().stream().anyMatch(k -> ts.get(k).is("DUPLICATE"));
            return List.of(new DataChange(st, t, upsert ? "UPSERT" : op, false, fromQuery));
        }

        private List<Change> update() {
            ts.next();
            while (ts.acceptAny("LOW_PRIORITY", "IGNORE") != null) {
                // modifiers
            }
            QualifiedName t = qn();
            boolean multi = false;
            List<String> setCols = new ArrayList<>();
            boolean where = false;
            boolean inSet = false;
            for (int k : topLevel()) {
                Token x = ts.get(k);
                if (x.is("JOIN") || (x.isOp(",") && !inSet)) {
                    multi = true;
                } else if (x.is("SET")) {
                    inSet = true;
                } else if (x.is("WHERE")) {
                    where = true;
                    inSet = false;
                } else if (inSet && x.isOp("=") && k > 0 && ts.get(k - 1).isIdentifierLike()) {
                    setCols.add(ts.get(k - 1).identifier().toLowerCase(Locale.ROOT));
                }
            }
            return List.of(new DataChange(st, t, "UPDATE", where, multi, setCols));
        }

        private List<Change> delete() {
            ts.next();
            while (ts.acceptAny("LOW_PRIORITY", "QUICK", "IGNORE") != null) {
                // modifiers
            }
            boolean multi = !ts.at("FROM");
            ts.accept("FROM");
            QualifiedName t = qn();
            boolean where = false;
            for (int k : topLevel()) {
                where |= ts.get(k).is("WHERE");
                multi |= ts.get(k).is("USING") || ts.get(k).is("JOIN");
            }
            return List.of(new DataChange(st, t, "DELETE", where, multi));
        }

        // ---------------------------------------------------------------- sessions, transactions, dynamic SQL

        private List<Change> set() {
            if (ts.at("NAMES") || ts.at("CHARACTER") || ts.at("CHARSET")) {
                return List.of(new SetSetting(st, null, "names", ts.rest(), null, false));
            }
            if (ts.at("TRANSACTION") || (ts.at("SESSION", "TRANSACTION")) || ts.at("GLOBAL", "TRANSACTION")) {
                return List.of(new SetSetting(st, null, "transaction", ts.rest(), null, false));
            }
            if (ts.at("PASSWORD") || ts.at("ROLE") || ts.at("DEFAULT", "ROLE") || ts.at("STATEMENT")) {
                return List.of(new SetSetting(st, null, ts.peek().text().toLowerCase(Locale.ROOT), ts.rest(), null, false));
            }
            List<Change> out = new ArrayList<>();
            while (!ts.atEnd()) {
                boolean global = false;
                String scope = ts.acceptAny("SESSION", "LOCAL", "GLOBAL", "PERSIST", "PERSIST_ONLY");
                if (scope != null && !scope.equals("SESSION") && !scope.equals("LOCAL")) {
                    global = true;
                }
                Token v = ts.next();
                String name = v.text();
                boolean userVar = false;
                if (v.isOp("@")) {
                    Token n2 = ts.next();
                    if (n2.isOp("@")) {
                        Token n3 = ts.next();
                        name = n3.identifier();
                        if (ts.at(".")) {
                            String sc = name.toLowerCase(Locale.ROOT);
                            global = sc.equals("global") || sc.equals("persist");
                            ts.next();
                            name = ts.next().identifier();
                        }
                    } else {
                        name = "@" + n2.identifier();
                        userVar = true;
                    }
                } else {
                    name = v.identifier();
                }
                if (!ts.accept("=")) {
                    ts.expect(":=");
                }
                int from = ts.index();
                ts.until(x -> x.isOp(","));
                String value = ts.textFrom(from).trim();
                String lower = name.toLowerCase(Locale.ROOT);
                if (userVar) {
                    out.addAll(userVariable(lower, from));
                } else {
                    out.add(setting(lower, value, global));
                }
                if (!ts.accept(",")) {
                    break;
                }
            }
            return end(out);
        }

        private SetSetting setting(String name, String value, boolean global) {
            String v = value.replaceAll("^['\"]|['\"]$", "");
            SetSetting s;
            switch (name) {
                case "lock_wait_timeout":
                    s = new SetSetting(st, null, "lock_timeout", value, seconds(v), false);
                    break;
                case "max_statement_time":
                    s = new SetSetting(st, null, "statement_timeout", value, seconds(v), false);
                    break;
                case "innodb_lock_wait_timeout":
                    s = new SetSetting(st, null, name, value, seconds(v), false);
                    break;
                default:
                    s = new SetSetting(st, null, name, value, null, false);
            }
            s.setOption("variable", name);
            if (global) {
                s.setOption("global", "true");
            }
            return s;
        }

        private Long seconds(String v) {
            try {
                return Math.round(Double.parseDouble(v.trim()) * 1000);
            } catch (NumberFormatException e) {
                return v.equalsIgnoreCase("DEFAULT") ? null : null;
            }
        }

        /**
         * SET @x = ...: when the value holds string literals that are SQL statements (the IF(..., 'ALTER ...',
         * 'SELECT 1') guard idiom), each is read as its own statement at its own position and marked guarded.
         * A value that builds SQL at run time (CONCAT of variables) is procedural: its effect is unknown.
         */
        private List<Change> userVariable(String var, int from) {
            List<Change> out = new ArrayList<>();
            boolean anySql = false;
            boolean dynamic = false;
            for (int k = from; k < ts.index(); k++) {
                Token x = ts.get(k);
                if (x.is("CONCAT") || x.is("CONCAT_WS") || x.is("REPLACE")) {
                    dynamic = true;
                }
                if (x.kind != Token.Kind.STRING) {
                    continue;
                }
                String body = x.text();
                if (body.length() < 2) {
                    continue;
                }
                char q = body.charAt(0);
                if (q != '\'' && q != '"') {
                    continue;
                }
                String inner = body.substring(1, body.length() - 1);
                String head = inner.trim().toUpperCase(Locale.ROOT);
                if (!startsSql(head)) {
                    continue;
                }
                anySql = true;
                if (dynamic) {
                    continue;
                }
                String unescaped = inner.replace(String.valueOf(q) + q, String.valueOf(q)).replace("\\" + q, String.valueOf(q));
                int[] pos = position(st, x.start + 1);
                Statement sub = new Statement(st.getMigration(), st.getIndex(), pos[0], pos[1], pos[0], pos[1] + unescaped.length(),
                        unescaped, st.getComments());
                List<Change> inside = map(sub, fc);
                for (Change c : inside) {
                    c.setOption("guarded", var);
                    if (c.option(READER) == null) {
                        c.setOption(READER, "mysql");
                    }
                    if (head.startsWith("SELECT") || head.startsWith("DO ")) {
                        continue; // the no-op branch of the guard
                    }
                    out.add(c);
                }
            }
            if (anySql && dynamic) {
                fc.userVarsModelled.put(var, false);
                return List.of(new ProceduralBlock(st, null, "sql", "SQL built at run time in " + var
                        + " (CONCAT) and run with PREPARE/EXECUTE: SchemaGate cannot see which statement runs"));
            }
            if (anySql) {
                fc.userVarsModelled.put(var, true);
            }
            if (out.isEmpty()) {
                out.add(new SetSetting(st, null, var, null, null, false));
            }
            return out;
        }

        private boolean startsSql(String head) {
            for (String k : new String[] {"ALTER ", "CREATE ", "DROP ", "RENAME ", "TRUNCATE ", "INSERT ", "UPDATE ",
                "DELETE ", "SELECT ", "DO ", "REPLACE "}) {
                if (head.startsWith(k)) {
                    return true;
                }
            }
            return head.equals("SELECT 1") || head.startsWith("SELECT\n");
        }

        private List<Change> prepare() {
            ts.next();
            String name = ident().toLowerCase(Locale.ROOT);
            ts.expect("FROM");
            Token src = ts.next();
            if (src.kind == Token.Kind.STRING) {
                String inner = src.text().substring(1, src.text().length() - 1);
                int[] pos = position(st, src.start + 1);
                Statement sub = new Statement(st.getMigration(), st.getIndex(), pos[0], pos[1], pos[0], pos[1] + inner.length(),
                        inner, st.getComments());
                fc.preparedModelled.put(name, true);
                List<Change> inside = new ArrayList<>(map(sub, fc));
                for (Change c : inside) {
                    c.setOption("guarded", "PREPARE " + name);
                }
                return inside;
            }
            String var = src.isOp("@") ? "@" + ts.next().identifier().toLowerCase(Locale.ROOT) : src.text();
            fc.preparedModelled.put(name, Boolean.TRUE.equals(fc.userVarsModelled.get(var)));
            return List.of(new OtherDdl(st, null, "PREPARED_STATEMENT", "META", name, false));
        }

        private List<Change> execute() {
            ts.next();
            if (ts.accept("IMMEDIATE")) {
                return List.of(new ProceduralBlock(st, null, "sql", "EXECUTE IMMEDIATE runs SQL SchemaGate cannot see"));
            }
            String name = ident().toLowerCase(Locale.ROOT);
            if (Boolean.TRUE.equals(fc.preparedModelled.get(name))) {
                return List.of(new OtherDdl(st, null, "PREPARED_STATEMENT", "META", name, false));
            }
            return List.of(new ProceduralBlock(st, null, "sql", "EXECUTE " + name
                    + " runs a prepared statement whose SQL SchemaGate could not read"));
        }

        private List<Change> transaction() {
            Token t = ts.next();
            switch (t.upper()) {
                case "START": ts.expect("TRANSACTION"); return List.of(new TransactionControl(st, null, "BEGIN"));
                case "BEGIN": return List.of(new TransactionControl(st, null, "BEGIN"));
                case "COMMIT": return List.of(new TransactionControl(st, null, "COMMIT"));
                case "ROLLBACK":
                    if (ts.accept("TO")) {
                        return List.of(new TransactionControl(st, null, "ROLLBACK_TO"));
                    }
                    return List.of(new TransactionControl(st, null, "ROLLBACK"));
                case "SAVEPOINT": return List.of(new TransactionControl(st, null, "SAVEPOINT"));
                case "RELEASE": return List.of(new TransactionControl(st, null, "RELEASE"));
                default: return List.of(new OtherDdl(st, null, "XA", "OTHER", null, false));
            }
        }

        private List<Change> lockTables() {
            if (!ts.accept("TABLES")) {
                ts.expect("TABLE");
            }
            List<Change> out = new ArrayList<>();
            while (!ts.atEnd()) {
                QualifiedName t = qn();
                if (ts.accept("AS")) {
                    ident();
                } else if (ts.peek() != null && ts.peek().isIdentifierLike() && !ts.at("READ") && !ts.at("WRITE")
                        && !ts.at("LOW_PRIORITY")) {
                    ident();
                }
                ts.accept("LOW_PRIORITY");
                String mode = ts.acceptAny("READ", "WRITE");
                if (mode != null && mode.equals("READ")) {
                    ts.accept("LOCAL");
                }
                out.add(new LockTable(st, t, mode == null ? "WRITE" : mode));
                if (!ts.accept(",")) {
                    break;
                }
            }
            return end(out);
        }

        private List<Change> maintenance() {
            String op = ts.next().upper();
            ts.acceptAny("NO_WRITE_TO_BINLOG", "LOCAL");
            if (!ts.accept("TABLE")) {
                if (op.equals("ANALYZE") || op.equals("OPTIMIZE") || op.equals("CHECK") || op.equals("REPAIR")) {
                    return List.of(new OtherDdl(st, null, op, "OTHER", null, false));
                }
            }
            List<Change> out = new ArrayList<>();
            do {
                out.add(new Maintenance(st, qn(), op, false));
            } while (ts.accept(","));
            return out;
        }
    }
}
