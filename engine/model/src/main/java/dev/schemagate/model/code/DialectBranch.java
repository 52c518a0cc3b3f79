package dev.schemagate.model.code;

import dev.schemagate.model.Dialect;
import java.util.Map;
import java.util.Set;

/**
 * What code migration readers share when a migration branches on the database it runs on
 * ({@code if (knex.client.config.client === 'pg')}, {@code if op.get_bind().dialect.name == "postgresql":}): the
 * names each tool gives the databases at run time, and the value of a condition in three (four) states, combined
 * the way the language does ({@code and}, {@code or}, {@code not}).
 * <p>
 * A comparison is decided only against a dialect the project names (configuration or {@code --dialect}), never an
 * assumed one; a name of a variant of the project's database (CockroachDB, Redshift, Aurora) is not decided
 * either, as the project may run on it.
 */
public final class DialectBranch {
    private DialectBranch() {
    }

    /** The value of a condition, or of one part of it. */
    public enum Value {
        /** Holds on the project's database. */
        TRUE,
        /** Does not hold on the project's database. */
        FALSE,
        /** Depends on something other than the database (a variable, the live schema): read as before. */
        RUNTIME,
        /** Depends on the database, but SchemaGate cannot tell how (an assumed dialect, a name built at run time). */
        UNDECIDED;

        public Value not() {
            return this == TRUE ? FALSE : this == FALSE ? TRUE : this;
        }

        public Value and(Value o) {
            if (this == FALSE || o == FALSE) {
                return FALSE;
            }
            if (this == TRUE) {
                return o;
            }
            if (o == TRUE) {
                return this;
            }
            return this == UNDECIDED || o == UNDECIDED ? UNDECIDED : RUNTIME;
        }

        public Value or(Value o) {
            return not().and(o.not()).not();
        }
    }

    /** The tools whose run-time names are listed here. */
    public enum Tool {
        /** {@code knex.client.config.client} (the knexfile's client) and {@code knex.client.dialect}. */
        KNEX,
        /** {@code connection.options.type}. */
        TYPEORM,
        /** SQLAlchemy's {@code dialect.name}. */
        SQLALCHEMY,
        /** Django's {@code connection.vendor}. */
        DJANGO
    }

    private static final Map<Tool, Map<String, Set<Dialect>>> NAMES = Map.of(
            Tool.KNEX, Map.of("pg", Set.of(Dialect.POSTGRES), "postgres", Set.of(Dialect.POSTGRES),
                    "postgresql", Set.of(Dialect.POSTGRES), "pg-native", Set.of(Dialect.POSTGRES),
                    // Knex has no MariaDB client: the mysql drivers serve both
                    "mysql", Set.of(Dialect.MYSQL, Dialect.MARIADB), "mysql2", Set.of(Dialect.MYSQL, Dialect.MARIADB),
                    "sqlite3", Set.of(Dialect.SQLITE), "sqlite", Set.of(Dialect.SQLITE),
                    "better-sqlite3", Set.of(Dialect.SQLITE)),
            Tool.TYPEORM, Map.of("postgres", Set.of(Dialect.POSTGRES), "mysql", Set.of(Dialect.MYSQL),
                    "mariadb", Set.of(Dialect.MARIADB), "sqlite", Set.of(Dialect.SQLITE),
                    "better-sqlite3", Set.of(Dialect.SQLITE), "sqljs", Set.of(Dialect.SQLITE),
                    "capacitor", Set.of(Dialect.SQLITE), "expo", Set.of(Dialect.SQLITE),
                    "cordova", Set.of(Dialect.SQLITE), "react-native", Set.of(Dialect.SQLITE)),
            Tool.SQLALCHEMY, Map.of("postgresql", Set.of(Dialect.POSTGRES), "mysql", Set.of(Dialect.MYSQL),
                    "mariadb", Set.of(Dialect.MARIADB), "sqlite", Set.of(Dialect.SQLITE)),
            // Django's MySQL backend serves MariaDB too (vendor 'mysql')
            Tool.DJANGO, Map.of("postgresql", Set.of(Dialect.POSTGRES), "mysql", Set.of(Dialect.MYSQL, Dialect.MARIADB),
                    "sqlite", Set.of(Dialect.SQLITE)));

    /** Names of databases that speak the protocol of one SchemaGate reads: a project read as that one may be them. */
    private static final Map<String, Dialect> VARIANTS = Map.of("cockroachdb", Dialect.POSTGRES,
            "redshift", Dialect.POSTGRES, "aurora-postgres", Dialect.POSTGRES, "aurora-mysql", Dialect.MYSQL,
            "aurora-data-api", Dialect.MYSQL, "aurora-data-api-pg", Dialect.POSTGRES, "yugabytedb", Dialect.POSTGRES);

    /**
     * The dialect a tool's run-time database name stands for (the first one it serves), or null for a name that
     * is not one of a database SchemaGate reads.
     */
    public static Dialect dialectOf(Tool tool, String name) {
        Set<Dialect> s = name == null ? null : NAMES.get(tool).get(name);
        if (s == null) {
            return null;
        }
        return s.contains(Dialect.MYSQL) ? Dialect.MYSQL : s.iterator().next();
    }

    /**
     * Whether the tool's run-time database name equals {@code name} on the project's database {@code project}:
     * UNDECIDED when {@code project} is null (not named by the project) or {@code name} is a variant of it.
     */
    public static Value equalsName(Tool tool, String name, Dialect project) {
        if (project == null || name == null) {
            return Value.UNDECIDED;
        }
        Set<Dialect> s = NAMES.get(tool).get(name);
        if (s != null) {
            return s.contains(project) ? Value.TRUE : Value.FALSE;
        }
        Dialect v = VARIANTS.get(name);
        if (v != null && (v == project || v.isMysqlFamily() && project.isMysqlFamily())) {
            return Value.UNDECIDED;
        }
        // any other name (mssql, oracle, a misspelling) is never the name of the project's database
        return Value.FALSE;
    }

    /** Why {@link #compare} cannot decide a comparison, or null when it can. */
    public static String whyUndecided(Tool tool, String name, Dialect project, boolean named) {
        if (!named || project == null) {
            return "the project's dialect is assumed, not named (give --dialect or " + CONFIG.get(tool) + ")";
        }
        return equalsName(tool, name, project) == Value.UNDECIDED
                ? "'" + name + "' is a database read as " + project.id() + ", and the project may run on it" : null;
    }

    /**
     * Whether the tool's run-time database name equals {@code name} on the project's database: UNDECIDED (see
     * {@link #whyUndecided}) when the dialect is only assumed ({@code named} false) or {@code name} is a variant.
     */
    public static Value compare(Tool tool, String name, Dialect project, boolean named) {
        return named ? equalsName(tool, name, project) : Value.UNDECIDED;
    }

    /** Where each tool's configuration names the database, for messages. */
    private static final Map<Tool, String> CONFIG = Map.of(Tool.KNEX, "the knexfile client",
            Tool.TYPEORM, "the data source type", Tool.SQLALCHEMY, "a literal sqlalchemy.url",
            Tool.DJANGO, "a literal ENGINE in settings.py");
}
