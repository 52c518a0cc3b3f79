package dev.schemagate.policies;

import dev.schemagate.core.Glob;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Lock;
import dev.schemagate.model.catalog.ColumnType;
import dev.schemagate.model.change.AddColumn;
import dev.schemagate.model.change.AlterColumnType;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.finding.FindingBuilder;
import dev.schemagate.rules.common.FindingSink;
import dev.schemagate.rules.common.Messages;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The global ({@code m}) that rules compiled from YAML call. User text (patterns, messages) lives here, in Java
 * objects indexed by rule number, and never in the generated DRL: the DRL holds only validated identifiers,
 * enum constants, numbers and these calls, so nothing a policy author writes can become code.
 */
public final class PolicyFacts {
    private final List<PolicyPack.Match> matches;
    private final List<String> messages;

    PolicyFacts(List<PolicyPack.Match> matches, List<String> messages) {
        this.matches = matches;
        this.messages = messages;
    }

    public boolean table(int rule, Change c) {
        return anyName(matches.get(rule).tables, c);
    }

    public boolean tableNot(int rule, Change c) {
        return !anyName(matches.get(rule).tablesNot, c);
    }

    public boolean column(int rule, Change c) {
        String col = columnName(c);
        if (col == null) {
            return false;
        }
        for (PolicyPack.Pat p : matches.get(rule).columns) {
            if (p.isGlob() ? Glob.matches(p.text, col) : p.regex.matcher(col).find()) {
                return true;
            }
        }
        return false;
    }

    public boolean file(int rule, Change c) {
        String f = c.getFile() == null ? "" : c.getFile().replace('\\', '/');
        for (PolicyPack.Pat p : matches.get(rule).files) {
            if (p.isGlob() ? Glob.matchesPath(p.text, f) : p.regex.matcher(f).find()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the column type of an added or retyped column is one of the rule's families or type names. */
    public boolean type(int rule, Change c) {
        ColumnType t = columnType(c);
        if (t == null || t.getSqlType() == null) {
            return false;
        }
        SqlTypeName n = t.getSqlType();
        for (String want : matches.get(rule).columnTypes) {
            if (n.name().equals(want) || (n.getFamily() != null && n.getFamily().name().equals(want))
                    || ("INTEGER".equals(want) && SqlTypeName.INT_TYPES.contains(n))
                    || ("CHARACTER".equals(want) && SqlTypeName.CHAR_TYPES.contains(n))) {
                return true;
            }
        }
        return false;
    }

    public boolean lock(int rule, Change c) {
        Lock l = c.getEffect().getLock();
        return l != null && matches.get(rule).locks.contains(l.getName().toUpperCase(Locale.ROOT));
    }

    /** Rows of the changed table from stats, or -1 when unknown. */
    public long rows(Change c) {
        return c.getCtx() == null || c.getCtx().getRows() == null ? -1 : c.getCtx().getRows();
    }

    /** Whether the change takes a lock that blocks reads or writes of a table. */
    public boolean blocking(Change c) {
        Lock l = c.getEffect().getLock();
        return l != null && l != Lock.NONE && (l.isBlocksReads() || l.isBlocksWrites());
    }

    public boolean newTable(Change c) {
        return c.getCtx() != null && c.getCtx().isTableCreatedInMigration();
    }

    /** The lock_timeout in force for the change in milliseconds, or 0 when none is set (0 also means "wait forever"). */
    public long lockTimeout(Change c) {
        Long ms = c.getCtx() == null ? null : c.getCtx().getLockTimeoutMs();
        return ms == null ? 0 : ms;
    }

    /** Called by the consequence: starts the finding and fills the rule's message. */
    public FindingBuilder report(FindingSink findings, Object drools, Change c, int rule) {
        FindingBuilder b = findings.report(drools, c);
        String template = messages.get(rule);
        if (template != null) {
            b.message(render(template, c));
        }
        return b;
    }

    static String render(String template, Change c) {
        String col = columnName(c);
        ColumnType t = columnType(c);
        String s = template.replace("{column}", col == null ? "" : col)
                .replace("{type}", t == null ? "" : t.display())
                .replace("{change}", c.describe())
                .replace("{kind}", c.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .replace("{dialect}", c.getDialect() == null ? "" : c.getDialect().id())
                .replace("{file}", c.getFile() == null ? "" : c.getFile())
                .replace("{line}", String.valueOf(c.getLine()));
        return Messages.render(s, c);
    }

    static String columnName(Change c) {
        if (c instanceof AddColumn) {
            return ((AddColumn) c).getColumnName();
        }
        try {
            Method m = c.getClass().getMethod("getColumnName");
            Object v = m.invoke(c);
            return v == null ? null : v.toString();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    static ColumnType columnType(Change c) {
        if (c instanceof AddColumn) {
            return ((AddColumn) c).getColumn().getType();
        }
        if (c instanceof AlterColumnType) {
            return ((AlterColumnType) c).getNewType();
        }
        return null;
    }

    /**
     * Table patterns: a glob without a dot matches the table name; one with a dot matches schema.table, where an
     * unqualified PostgreSQL table is in schema public. A regex is searched in schema.table as written.
     */
    private static boolean anyName(List<PolicyPack.Pat> ps, Change c) {
        if (c.getTable() == null) {
            return false;
        }
        String name = c.getTable().toString();
        String qualified = c.getTable().getSchema() == null && c.getDialect() == Dialect.POSTGRES ? "public." + name : name;
        for (PolicyPack.Pat p : ps) {
            if (p.isGlob() ? Glob.matchesName(p.text, name) || Glob.matchesName(p.text, qualified)
                    : p.regex.matcher(name).find()) {
                return true;
            }
        }
        return false;
    }
}
