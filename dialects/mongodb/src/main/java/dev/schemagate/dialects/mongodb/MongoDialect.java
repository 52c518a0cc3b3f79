package dev.schemagate.dialects.mongodb;

import dev.schemagate.dialects.js.JsModule;
import dev.schemagate.dialects.js.JsSyntaxError;
import dev.schemagate.model.Comment;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import dev.schemagate.model.Version;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.ColumnType;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.Effect;
import dev.schemagate.model.change.TypeChange;
import dev.schemagate.model.spi.SqlDialect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * MongoDB: reads migrate-mongo migrations (CommonJS and ES modules, JavaScript and TypeScript), mongosh scripts,
 * Liquibase-MongoDB changelogs (XML, YAML, JSON) and golang-migrate JSON command files. {@link #split} finds the
 * database operations with their exact place (one statement each); {@link #map} turns one into changes.
 */
public final class MongoDialect implements SqlDialect {
    /** What split read for each statement; statements are compared by identity. */
    private final Map<Statement, Located> read = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public List<Dialect> dialects() {
        return List.of(Dialect.MONGODB);
    }

    @Override
    public String defaultSchema() {
        return "";
    }

    /** The shape of a file, from its name and (for JSON) its content. */
    static String shape(String path, String text) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".xml")) {
            return "liquibase-xml";
        }
        if (p.endsWith(".yaml") || p.endsWith(".yml")) {
            return "liquibase-yaml";
        }
        if (p.endsWith(".json")) {
            return text.contains("databaseChangeLog") ? "liquibase-json" : "golang-migrate";
        }
        if (p.endsWith(".ts") || p.endsWith(".mts") || p.endsWith(".cts")) {
            return "typescript";
        }
        return "javascript";
    }

    /** Reads a file into its operations. */
    static List<Located> read(String path, String text) {
        switch (shape(path, text)) {
            case "liquibase-xml": return ChangelogReader.liquibaseXml(text);
            case "liquibase-yaml": return ChangelogReader.liquibaseTree(text, true);
            case "liquibase-json": return ChangelogReader.liquibaseTree(text, false);
            case "golang-migrate": return ChangelogReader.golangMigrate(text);
            default: {
                boolean ts = shape(path, text).equals("typescript");
                try {
                    return JsOps.read(JsModule.parse(text, ts));
                } catch (JsSyntaxError e) {
                    List<Located> l = new ArrayList<>();
                    l.add(Located.error((ts ? "TypeScript" : "JavaScript") + " syntax error: " + e.getMessage(),
                            e.getLine(), e.getColumn(), text));
                    return l;
                }
            }
        }
    }

    @Override
    public List<Statement> split(Migration migration, String text, Problems problems) {
        List<Located> ops = read(migration.getPath(), text);
        List<Statement> out = new ArrayList<>(ops.size());
        String[] lines = text.split("\r\n|\r|\n", -1); // line ends as the reader counts them: a lone CR ends one too
        for (Located l : ops) {
            Statement s;
            if (l.error != null) {
                problems.add(l.line, l.column, l.error);
                s = new Statement(migration, out.size(), 1, 1, Math.max(1, lines.length), 1, text.strip(), List.of());
            } else {
                s = new Statement(migration, out.size(), l.line, l.column, l.endLine, l.endColumn, l.text,
                        comments(lines, l.line));
            }
            read.put(s, l);
            out.add(s);
        }
        return out;
    }

    /** {@code //} and {@code #} comment lines right above a line (where suppressions are written). */
    static List<Comment> comments(String[] lines, int line) {
        List<Comment> out = new ArrayList<>();
        for (int i = Math.min(line - 2, lines.length - 1); i >= 0; i--) {
            String t = lines[i].strip();
            String body;
            if (t.startsWith("//")) {
                body = t.substring(2);
            } else if (t.startsWith("#")) {
                body = t.substring(1);
            } else if (t.startsWith("<!--") && t.endsWith("-->")) {
                body = t.substring(4, t.length() - 3);
            } else {
                break;
            }
            out.add(0, new Comment(i + 1, lines[i].indexOf(t) + 1, body.strip()));
        }
        return out;
    }

    @Override
    public List<Change> map(Statement statement) {
        return MongoMapper.map(statement, read.get(statement));
    }

    @Override
    public Effect effect(Change change, Catalog before, Version version) {
        MongoEffects.validation(change, before);
        return MongoEffects.of(change, version);
    }

    @Override
    public TypeChange typeChange(ColumnType from, ColumnType to, String using, Version version) {
        return TypeChange.INCOMPATIBLE;
    }

    @Override
    public ColumnType parseType(String written) {
        return ColumnType.of(written, JsonSchema.sqlType(written));
    }
}
