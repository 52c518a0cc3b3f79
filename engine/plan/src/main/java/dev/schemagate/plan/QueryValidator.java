package dev.schemagate.plan;

import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.catalog.TypeSystem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql2rel.InitializerExpressionFactory;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * Validates SQL against a replayed {@link Catalog} with Calcite: tables and columns must exist and types must fit.
 * A small model of the PostgreSQL system catalog (pg_class, pg_constraint, pg_index, pg_trigger, pg_attribute,
 * information_schema.columns) and SchemaGate's own checkpoint table let generated catalog queries be checked too.
 */
public final class QueryValidator {
    /** The verdict on one statement. */
    public enum Verdict { OK, BREAKS, UNCHECKED }

    public record Result(Verdict verdict, String message) {
        public boolean breaks() {
            return verdict == Verdict.BREAKS;
        }
    }

    private static final SqlParser.Config PARSER = SqlParser.config().withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false).withConformance(SqlConformanceEnum.LENIENT);

    private final CalciteCatalogReader reader;
    private final RelDataTypeFactory types;

    public QueryValidator(Catalog catalog) {
        this(catalog, Map.of());
    }

    /**
     * @param filled per table name, columns something other than a default fills on INSERT (a sync trigger), so an
     *               INSERT that leaves them out still validates
     */
    public QueryValidator(Catalog catalog, Map<String, List<String>> filled) {
        this.types = new JavaTypeFactoryImpl(TypeSystem.SYSTEM);
        SchemaPlus root = CalciteSchema.createRootSchema(false, false).plus();
        Map<String, Map<String, Table>> schemas = new LinkedHashMap<>();
        String def = catalog.getDefaultSchema().isEmpty() ? "public" : catalog.getDefaultSchema();
        schemas.put(def, new HashMap<>());
        for (TableDef t : catalog.tables()) {
            String s = t.getName().getSchema() == null ? def : t.getName().getSchema().toLowerCase(Locale.ROOT);
            schemas.computeIfAbsent(s, k -> new HashMap<>()).put(t.getName().getName(), table(t,
                    filled.getOrDefault(t.getName().toString(), List.of())));
        }
        systemCatalog(schemas);
        if (def.equals("main")) {
            // SQLite's schema table and the table-valued pragma the plan's checks read
            SqlTypeName v = SqlTypeName.VARCHAR;
            schemas.get(def).putIfAbsent("sqlite_schema", fixed("type", v, "name", v, "tbl_name", v, "sql", v));
            schemas.get(def).putIfAbsent("pragma_foreign_key_check", fixed("table", v, "rowid", SqlTypeName.BIGINT,
                    "parent", v, "fkid", SqlTypeName.BIGINT));
        }
        for (Map.Entry<String, Map<String, Table>> e : schemas.entrySet()) {
            Map<String, Table> tables = e.getValue();
            root.add(e.getKey(), new AbstractSchema() {
                @Override
                protected Map<String, Table> getTableMap() {
                    return tables;
                }
            });
        }
        Properties p = new Properties();
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        CalciteConnectionConfig cfg = new CalciteConnectionConfigImpl(p);
        this.reader = new CalciteCatalogReader(CalciteSchema.from(root), List.of(def), types, cfg);
    }

    private Table table(TableDef t, List<String> filled) {
        List<ColumnDef> cols = new ArrayList<>(t.getColumns());
        InitializerExpressionFactory defaults = new NullInitializerExpressionFactory() {
            @Override
            public ColumnStrategy generationStrategy(RelOptTable table, int i) {
                ColumnDef c = cols.get(i);
                if (c.hasDefault() || c.isIdentity() || c.isGenerated() || filled.stream().anyMatch(c.getName()::equalsIgnoreCase)) {
                    return ColumnStrategy.DEFAULT;
                }
                return c.isNullable() ? ColumnStrategy.NULLABLE : ColumnStrategy.NOT_NULLABLE;
            }
        };
        return new AbstractTable() {
            @Override
            public RelDataType getRowType(RelDataTypeFactory f) {
                RelDataTypeFactory.Builder b = f.builder();
                for (ColumnDef c : cols) {
                    RelDataType rt = c.getType() == null ? f.createSqlType(SqlTypeName.ANY) : f.copyType(c.getType().getRelType());
                    b.add(c.getName(), f.createTypeWithNullability(rt, c.isNullable()));
                }
                return b.build();
            }

            @Override
            public <C> C unwrap(Class<C> type) {
                if (type.isInstance(defaults)) {
                    return type.cast(defaults);
                }
                return super.unwrap(type);
            }
        };
    }

    private static Table fixed(Object... nameType) {
        return new AbstractTable() {
            @Override
            public RelDataType getRowType(RelDataTypeFactory f) {
                RelDataTypeFactory.Builder b = f.builder();
                for (int i = 0; i < nameType.length; i += 2) {
                    b.add((String) nameType[i], f.createTypeWithNullability(f.createSqlType((SqlTypeName) nameType[i + 1]), true));
                }
                return b.build();
            }
        };
    }

    private static void systemCatalog(Map<String, Map<String, Table>> schemas) {
        SqlTypeName n = SqlTypeName.BIGINT;
        SqlTypeName v = SqlTypeName.VARCHAR;
        SqlTypeName b = SqlTypeName.BOOLEAN;
        SqlTypeName ts = SqlTypeName.TIMESTAMP;
        Map<String, Table> pg = schemas.computeIfAbsent("pg_catalog", k -> new HashMap<>());
        pg.put("pg_namespace", fixed("oid", n, "nspname", v));
        pg.put("pg_class", fixed("oid", n, "relname", v, "relnamespace", n, "relkind", v, "reltuples", SqlTypeName.DOUBLE));
        pg.put("pg_constraint", fixed("oid", n, "conname", v, "conrelid", n, "contype", v, "convalidated", b));
        pg.put("pg_index", fixed("indexrelid", n, "indrelid", n, "indisvalid", b, "indisunique", b, "indisready", b));
        pg.put("pg_trigger", fixed("oid", n, "tgname", v, "tgrelid", n, "tgenabled", v));
        pg.put("pg_proc", fixed("oid", n, "proname", v));
        pg.put("pg_attribute", fixed("attrelid", n, "attname", v, "attnotnull", b, "attisdropped", b, "attnum", n));
        Map<String, Table> is = schemas.computeIfAbsent("information_schema", k -> new HashMap<>());
        is.put("columns", fixed("table_schema", v, "table_name", v, "column_name", v, "is_nullable", v,
                "column_default", v, "data_type", v, "is_identity", v));
        is.put("tables", fixed("table_schema", v, "table_name", v, "table_type", v));
        is.put("triggers", fixed("trigger_schema", v, "trigger_name", v, "event_object_table", v, "action_timing", v,
                "event_manipulation", v));
        is.put("statistics", fixed("table_schema", v, "table_name", v, "index_name", v, "column_name", v));
        is.put("table_constraints", fixed("constraint_schema", v, "table_name", v, "constraint_name", v,
                "constraint_type", v));
        is.put("view_column_usage", fixed("view_schema", v, "view_name", v, "table_schema", v, "table_name", v,
                "column_name", v));
        is.put("constraint_column_usage", fixed("table_schema", v, "table_name", v, "column_name", v,
                "constraint_schema", v, "constraint_name", v));
        Map<String, Table> sg = schemas.computeIfAbsent("schemagate", k -> new HashMap<>());
        sg.put("backfill_checkpoint", fixed("job", v, "last_key", n, "max_key", n, "rows_done", n, "batches", n,
                "started_at", ts, "updated_at", ts, "finished_at", ts));
        sg.put("backfill_control", fixed("job", v, "paused", b, "sleep_ms", n, "updated_at", ts));
        sg.put("canary", fixed("stage", v, "table_name", v, "row_count", n, "checksum", v, "taken_at", ts));
    }

    /** PostgreSQL's sequence functions (plans number rows with nextval): a name in, a bigint out. */
    private static final org.apache.calcite.sql.SqlOperatorTable SEQUENCES = org.apache.calcite.sql.util.SqlOperatorTables.of(
            new org.apache.calcite.sql.SqlFunction("NEXTVAL", org.apache.calcite.sql.SqlKind.OTHER_FUNCTION,
                    org.apache.calcite.sql.type.ReturnTypes.BIGINT, null, org.apache.calcite.sql.type.OperandTypes.STRING,
                    org.apache.calcite.sql.SqlFunctionCategory.SYSTEM));

    /** Validates one statement (SELECT, INSERT, UPDATE, DELETE, MERGE). */
    public Result validate(String sql) {
        String s = prepare(sql);
        SqlNode node;
        try {
            node = SqlParser.create(s, PARSER).parseStmt();
        } catch (SqlParseException e) {
            return new Result(Verdict.UNCHECKED, "Calcite could not parse it: " + firstLine(e.getMessage()));
        }
        SqlValidator v = SqlValidatorUtil.newValidator(
                org.apache.calcite.sql.util.SqlOperatorTables.chain(SqlLibraryOperatorTableFactory.INSTANCE
                        .getOperatorTable(SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL), SEQUENCES),
                reader, types, SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.LENIENT)
                        .withIdentifierExpansion(true));
        try {
            v.validate(node);
            return new Result(Verdict.OK, null);
        } catch (RuntimeException e) {
            String msg = rootMessage(e);
            if (msg.contains("No match found for function signature")) {
                return new Result(Verdict.UNCHECKED, "function unknown to Calcite, not checked: " + msg);
            }
            return new Result(Verdict.BREAKS, msg);
        }
    }

    /**
     * Spellings Calcite's parser reads differently: PostgreSQL $1 parameters, {@code ::} casts, trailing ';'; MySQL
     * backquoted identifiers and DATABASE() (the current database, a string).
     */
    static String prepare(String sql) {
        String s = sql.trim();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).trim();
        }
        StringBuilder sb = new StringBuilder();
        List<SqlText.Token> ts = SqlText.tokens(s);
        for (int i = 0; i < ts.size(); i++) {
            SqlText.Token t = ts.get(i);
            if (t.type() == SqlText.T.COMMENT) {
                sb.append(' ');
            } else if (t.type() == SqlText.T.PUNCT && t.text().equals("`")) {
                int j = i + 1;
                StringBuilder id = new StringBuilder();
                while (j < ts.size() && !ts.get(j).text().equals("`")) {
                    id.append(ts.get(j).text());
                    j++;
                }
                sb.append('"').append(id.toString().replace("\"", "\"\"")).append('"');
                i = j;
            } else if (t.type() == SqlText.T.WORD && t.text().equalsIgnoreCase("database") && i + 2 < ts.size()
                    && ts.get(i + 1).text().equals("(") && ts.get(i + 2).text().equals(")")) {
                sb.append("'database'");
                i += 2;
            } else {
                sb.append(t.text());
            }
        }
        // MySQL's NULL-safe equality is the standard IS NOT DISTINCT FROM
        return sb.toString().replaceAll("\\$\\d+", "?").replace("<=>", " IS NOT DISTINCT FROM ");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String msg = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                msg = t.getMessage();
            }
        }
        return firstLine(msg == null ? e.toString() : msg);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return (i < 0 ? s : s.substring(0, i)).trim();
    }
}
