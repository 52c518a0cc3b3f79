package dev.schemagate.rules.postgres;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.catalog.ColumnType;
import dev.schemagate.model.change.AddColumn;
import dev.schemagate.model.change.AddConstraint;
import dev.schemagate.model.change.AlterColumnType;
import dev.schemagate.model.change.AlterIndex;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.ColumnSpec;
import dev.schemagate.model.change.ConstraintSpec;
import dev.schemagate.model.change.CreateIndex;
import dev.schemagate.model.change.CreateTable;
import dev.schemagate.model.change.CreateType;
import dev.schemagate.model.change.DataChange;
import dev.schemagate.model.change.DropIndex;
import dev.schemagate.model.change.OtherDdl;
import dev.schemagate.model.change.ProceduralBlock;
import dev.schemagate.model.change.Reindex;
import dev.schemagate.model.change.RenameColumn;
import dev.schemagate.model.change.RenameConstraint;
import dev.schemagate.model.change.RenameTable;
import dev.schemagate.model.change.SetSetting;
import dev.schemagate.model.change.TransactionControl;
import dev.schemagate.model.change.Unparsed;
import dev.schemagate.rules.common.Sizes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts and safe SQL for the schema-design rules: the columns a statement declares and their types, identifier
 * lengths, repeated columns, and foreign keys without a supporting index. Each finding is a {@link Hit}, one per
 * column or name, so a CREATE TABLE with three problems gives three findings.
 */
public final class DesignSql {
    /** PostgreSQL keeps identifiers to NAMEDATALEN - 1 bytes. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    private DesignSql() {
    }

    /** One problem found in a statement: what to say and, when there is one, the corrected SQL. */
    public static final class Hit {
        public final String message;
        public final String sql;

        Hit(String message, String sql) {
            this.message = message;
            this.sql = sql;
        }
    }

    /** A column a statement declares or retypes, with the name of its table. */
    private static final class Declared {
        final String name;
        final ColumnType type;
        final ColumnSpec spec;

        Declared(String name, ColumnType type, ColumnSpec spec) {
            this.name = name;
            this.type = type;
            this.spec = spec;
        }
    }

    private static List<Declared> declared(Change c) {
        List<Declared> out = new ArrayList<>();
        if (c instanceof CreateTable) {
            for (ColumnSpec s : ((CreateTable) c).getColumns()) {
                if (s.getType() != null && !s.getName().startsWith("*like*")) {
                    out.add(new Declared(s.getName(), s.getType(), s));
                }
            }
        } else if (c instanceof AddColumn) {
            ColumnSpec s = ((AddColumn) c).getColumn();
            if (s.getType() != null) {
                out.add(new Declared(s.getName(), s.getType(), s));
            }
        } else if (c instanceof AlterColumnType) {
            AlterColumnType a = (AlterColumnType) c;
            if (a.getNewType() != null) {
                out.add(new Declared(a.getColumnName(), a.getNewType(), null));
            }
        }
        return out;
    }

    private static String where(Change c) {
        return c.getTable() + ".";
    }

    /**
     * The statement with the column's written type replaced, or a one-line hint when the written type cannot be
     * found in the text.
     */
    static String retype(Change c, Declared d, String newType) {
        String text = c.getStatement().getText().trim();
        StringBuilder typeRe = new StringBuilder();
        for (String part : d.type.getWritten().trim().split("\\s+")) {
            typeRe.append(typeRe.length() == 0 ? "" : "\\s+").append(Pattern.quote(part));
        }
        String before = c instanceof AlterColumnType ? "(\\bTYPE\\s+)"
                : "((?:^|[\\s,(])\"?" + Pattern.quote(d.name) + "\"?\\s+)";
        Matcher m = Pattern.compile("(?i)" + before + typeRe + "(?![\\w(])").matcher(text);
        if (m.find()) {
            return text.substring(0, m.start()) + m.group(1) + newType + text.substring(m.end()) + ";";
        }
        return "-- declare " + d.name + " as " + newType;
    }

    // ------------------------------------------------------------------ DES-01 integer keys

    public static List<Hit> smallIntegerKeys(Change c) {
        List<Hit> out = new ArrayList<>();
        Set<String> pk = new LinkedHashSet<>();
        if (c instanceof CreateTable) {
            for (ConstraintSpec k : ((CreateTable) c).getConstraints()) {
                if (k.isPrimaryKey()) {
                    pk.addAll(k.getColumns());
                }
            }
        }
        for (Declared d : declared(c)) {
            if (d.spec == null || d.type.isArray()) {
                continue;
            }
            String n = d.type.getName();
            boolean small = n.equals("smallint");
            if (!small && !n.equals("integer")) {
                continue;
            }
            String role = d.spec.isPrimaryKey() || pk.contains(d.name) ? "primary key"
                    : d.spec.isIdentity() ? "identity column" : d.spec.isSerial() ? "serial column" : null;
            if (role == null) {
                continue;
            }
            String max = small ? "32,767" : "2,147,483,647";
            String wide = d.spec.isSerial() ? "bigserial" : "bigint";
            out.add(new Hit(where(c) + d.name + " is a " + (small ? "16-bit" : "32-bit") + " " + role + " (" + d.type.getWritten()
                    + ", at most " + max + " values): when the values run out, changing it to bigint rewrites the table"
                    + " and every column that references it, under an ACCESS EXCLUSIVE lock",
                    retype(c, d, wide)));
        }
        return out;
    }

    // ------------------------------------------------------------------ DES-02 serial

    public static List<Hit> serialColumns(Change c) {
        List<Hit> out = new ArrayList<>();
        if (c instanceof AddColumn && c.isExistingTable()) {
            return out;
        }
        for (Declared d : declared(c)) {
            if (d.spec == null || !d.spec.isSerial()) {
                continue;
            }
            out.add(new Hit(where(c) + d.name + " is " + d.type.getWritten() + ": its sequence is a separate object that needs its"
                    + " own grants (USAGE for every role that inserts) and is shared by copies made with CREATE TABLE ... LIKE;"
                    + " an identity column (the SQL-standard form) ties the sequence to the column",
                    retype(c, d, d.type.getName() + " GENERATED BY DEFAULT AS IDENTITY")));
        }
        return out;
    }

    // ------------------------------------------------------------------ DES-03, 04, 05 types

    public static List<Hit> varcharColumns(Change c) {
        List<Hit> out = new ArrayList<>();
        for (Declared d : declared(c)) {
            if (!d.type.getName().equals("varchar") || !d.type.hasPrecision() || d.type.isUserDefined()) {
                continue;
            }
            int n = d.type.getPrecision();
            String arr = d.type.isArray() ? "[]" : "";
            String sql = retype(c, d, "text" + arr);
            if (!d.type.isArray() && !(c instanceof AlterColumnType)) {
                sql = sql + "\n-- if the limit is a rule of the data, state it as a constraint, which can later change without a rewrite:\n"
                        + "-- CHECK (char_length(" + PgSql.ident(d.name) + ") <= " + n + ")";
            }
            out.add(new Hit(where(c) + d.name + " is " + d.type.getWritten() + ": the length limit saves no space over text,"
                    + " and raising it is free since PostgreSQL 9.2 (lowering it rewrites the table), so this is a matter"
                    + " of style; prefer text, with a CHECK when the limit is a rule of the data", sql));
        }
        return out;
    }

    public static List<Hit> timestampColumns(Change c) {
        List<Hit> out = new ArrayList<>();
        for (Declared d : declared(c)) {
            if (!d.type.getName().equals("timestamp") || d.type.isUserDefined()) {
                continue;
            }
            String p = d.type.hasPrecision() ? "(" + d.type.getPrecision() + ")" : "";
            out.add(new Hit(where(c) + d.name + " is timestamp without time zone: it stores the wall-clock reading with no"
                    + " zone, so values written from sessions or servers in different time zones cannot be compared;"
                    + " timestamptz stores an instant and costs the same 8 bytes",
                    retype(c, d, "timestamptz" + p + (d.type.isArray() ? "[]" : ""))));
        }
        return out;
    }

    public static List<Hit> charColumns(Change c) {
        List<Hit> out = new ArrayList<>();
        for (Declared d : declared(c)) {
            if (!d.type.getName().equals("char") || d.type.isUserDefined()) {
                continue;
            }
            out.add(new Hit(where(c) + d.name + " is " + d.type.getWritten() + ": char(n) pads values with spaces, ignores"
                    + " trailing spaces in comparisons and is no faster than text; use text (with a CHECK on the length"
                    + " if it matters)", retype(c, d, "text" + (d.type.isArray() ? "[]" : ""))));
        }
        return out;
    }

    // ------------------------------------------------------------------ DES-06 identifier length

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The first 63 bytes of a name, cut on a character boundary as PostgreSQL does. */
    static String truncated(String s) {
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length();) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + n > MAX_IDENTIFIER_BYTES) {
                break;
            }
            sb.appendCodePoint(cp);
            used += n;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static void name(List<String[]> out, String kind, String n) {
        if (n != null && bytes(n) > MAX_IDENTIFIER_BYTES) {
            out.add(new String[] {kind, n});
        }
    }

    private static String last(String dotted) {
        return dotted == null ? null : dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    public static List<Hit> longIdentifiers(Change c) {
        List<String[]> names = new ArrayList<>();
        if (c instanceof CreateTable) {
            CreateTable t = (CreateTable) c;
            name(names, "table name", t.getTable().getName());
            for (ColumnSpec s : t.getColumns()) {
                if (!s.getName().startsWith("*like*")) {
                    name(names, "column name", s.getName());
                }
            }
            for (ConstraintSpec k : t.getConstraints()) {
                name(names, "constraint name", k.getName());
            }
        } else if (c instanceof AddColumn) {
            name(names, "column name", ((AddColumn) c).getColumnName());
        } else if (c instanceof AddConstraint) {
            name(names, "constraint name", ((AddConstraint) c).getConstraint().getName());
        } else if (c instanceof CreateIndex) {
            name(names, "index name", ((CreateIndex) c).getIndex().getName());
        } else if (c instanceof RenameTable) {
            name(names, "table name", ((RenameTable) c).getNewName().getName());
        } else if (c instanceof RenameColumn) {
            name(names, "column name", ((RenameColumn) c).getNewName());
        } else if (c instanceof RenameConstraint) {
            name(names, "constraint name", ((RenameConstraint) c).getNewName());
        } else if (c instanceof CreateType) {
            name(names, "type name", ((CreateType) c).getType().getName().getName());
        } else if (c instanceof OtherDdl) {
            OtherDdl o = (OtherDdl) c;
            if (o.getAction().equals("CREATE") || o.getAction().equals("REPLACE")) {
                name(names, o.getObjectKind().toLowerCase().replace('_', ' ') + " name", last(o.getName()));
            }
        }
        List<Hit> out = new ArrayList<>();
        for (String[] n : names) {
            String cut = truncated(n[1]);
            out.add(new Hit("The " + n[0] + " " + n[1] + " is " + bytes(n[1]) + " bytes; PostgreSQL keeps only the first "
                    + MAX_IDENTIFIER_BYTES + " and silently uses " + cut + ", so two long names that share those bytes"
                    + " collide, and tools that compare names see a different one",
                    "-- use a name of at most " + MAX_IDENTIFIER_BYTES + " bytes; PostgreSQL would store:\n-- " + cut));
        }
        return out;
    }

    // ------------------------------------------------------------------ DES-07 schema

    /** The statement names a table without a schema (first change of the statement only). */
    public static boolean unqualifiedTable(Change c) {
        QualifiedName t = c.getTable();
        if (t == null || t.getSchema() != null || c.getPart() != 0) {
            return false;
        }
        if (c instanceof CreateTable && ((CreateTable) c).isTemporary()) {
            return false;
        }
        // these name an index (the table was looked up in the catalog) or no object at all
        return !(c instanceof DropIndex || c instanceof AlterIndex || c instanceof Reindex || c instanceof SetSetting
                || c instanceof TransactionControl || c instanceof ProceduralBlock || c instanceof Unparsed);
    }

    // ------------------------------------------------------------------ DES-08 duplicate columns

    static List<String> repeated(List<String> names) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                twice.add(n);
            }
        }
        return new ArrayList<>(twice);
    }

    public static List<Hit> duplicateColumns(Change c) {
        List<Hit> out = new ArrayList<>();
        if (c instanceof CreateTable) {
            List<String> names = new ArrayList<>();
            for (ColumnSpec s : ((CreateTable) c).getColumns()) {
                if (!s.getName().startsWith("*like*")) {
                    names.add(s.getName());
                }
            }
            for (String n : repeated(names)) {
                out.add(new Hit("CREATE TABLE " + c.getTable() + " declares column " + n + " more than once: PostgreSQL"
                        + " rejects the statement (column \"" + n + "\" specified more than once)", null));
            }
        } else if (c instanceof DataChange) {
            for (String n : repeated(((DataChange) c).getSetColumns())) {
                out.add(new Hit("UPDATE " + c.getTable() + " assigns column " + n + " more than once: PostgreSQL rejects the"
                        + " statement (multiple assignments to same column \"" + n + "\")", null));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ DES-09 foreign key without index

    /** The table a foreign key with these referencing columns points to, as the change declares it. */
    static QualifiedName referenced(Change c, List<String> cols) {
        if (c instanceof AddConstraint) {
            return ((AddConstraint) c).getConstraint().getRefTable();
        }
        if (c instanceof AddColumn) {
            return ((AddColumn) c).getColumn().getReferences();
        }
        if (c instanceof CreateTable) {
            CreateTable t = (CreateTable) c;
            for (ConstraintSpec k : t.getConstraints()) {
                if (k.isForeignKey() && k.getColumns().equals(cols)) {
                    return k.getRefTable();
                }
            }
            for (ColumnSpec s : t.getColumns()) {
                if (s.isForeignKey() && cols.size() == 1 && s.getName().equals(cols.get(0))) {
                    return s.getReferences();
                }
            }
        }
        return null;
    }

    public static List<Hit> unindexedForeignKeys(Change c) {
        List<Hit> out = new ArrayList<>();
        for (List<String> cols : c.getUnindexedForeignKeys()) {
            QualifiedName ref = referenced(c, cols);
            String list = String.join(", ", cols);
            String parent = ref == null ? "the referenced table" : ref.toString();
            List<String> idents = new ArrayList<>();
            for (String col : cols) {
                idents.add(PgSql.ident(col));
            }
            String idx = PgSql.ident(PgSql.name(c, String.join("_", cols), "idx"));
            boolean fresh = !c.isExistingTable();
            String sql = (fresh ? "CREATE INDEX " : "CREATE INDEX CONCURRENTLY ") + idx + " ON " + PgSql.table(c) + " ("
                    + String.join(", ", idents) + ");"
                    + (fresh ? "" : "\n-- outside a transaction block");
            out.add(new Hit("Foreign key " + c.getTable() + " (" + list + ") -> " + parent + " has no index on (" + list
                    + "): every DELETE from " + parent + ", and every change of its key, scans " + c.getTable()
                    + " for referencing rows, and ON DELETE actions do it row by row"
                    + (c.isExistingTable() && Sizes.isSmall(c) ? "; " + c.getTable() + " is small" + Sizes.rows(c) : ""),
                    sql));
        }
        return out;
    }

    public static boolean smallExisting(Change c) {
        return c.isExistingTable() && Sizes.isSmall(c);
    }
}
