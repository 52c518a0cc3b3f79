package dev.schemagate.core.history;

import dev.schemagate.model.Migration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pairs up migrations with their down migrations the way each tool does, and says which tools expect a down.
 * golang-migrate, ory/popx and Flyway pair by version (ente has {@code 30_add_x.up.sql} with
 * {@code 30_drop_x.down.sql}); popx falls back to the down without a dialect suffix; diesel, Prisma, dbmate and
 * Sqitch pair by migration name. Liquibase (rollback blocks) and migrate-mongo ({@code down} functions) keep
 * up and down in one place and are paired by their readers; so do the code tools (Alembic {@code downgrade()},
 * Knex and TypeORM {@code down}, Django's reverse of each operation), whose down part has the up's path and id.
 */
public final class Pairing {
    private static final Set<String> ALWAYS = Set.of("golang-migrate", "popx", "diesel", "dbmate", "sqitch", "prisma",
            "alembic", "django", "knex", "typeorm");
    private static final Set<String> WHEN_USED = Set.of("flyway", "plain");
    private static final Pattern FLYWAY_VERSION = Pattern.compile("^[VU]([0-9][0-9._]*)__.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_VERSION = Pattern.compile("^([0-9]+)_.*");

    private final Map<String, Migration> downs = new HashMap<>();
    private final Set<String> foldersWithDowns = new HashSet<>();
    private final Map<Migration, Migration> paired = new IdentityHashMap<>();

    /** Pairs the given down migrations with the up migrations asked about later. */
    public Pairing(List<Migration> downMigrations) {
        for (Migration d : downMigrations) {
            downs.putIfAbsent(key(d, dialectKey(d)), d);
            foldersWithDowns.add(d.getTool() + "|" + folder(d));
        }
    }

    /** The down migration of {@code up}, or null. */
    public Migration downOf(Migration up) {
        return paired.computeIfAbsent(up, u -> {
            Migration d = downs.get(key(u, dialectKey(u)));
            if (d == null && u.getTool().equals("popx")) {
                d = downs.get(key(u, "all"));
            }
            return d;
        });
    }

    /** Whether the tool of {@code up} expects a down migration for it. */
    public boolean expectsDown(Migration up) {
        if (up.getTool().equals("flyway") && !up.getId().toUpperCase(java.util.Locale.ROOT).startsWith("V")) {
            return false; // repeatable and baseline migrations have no undo
        }
        return ALWAYS.contains(up.getTool())
                || (WHEN_USED.contains(up.getTool()) && foldersWithDowns.contains(up.getTool() + "|" + folder(up)));
    }

    /** How to write the missing down migration in this tool's layout. */
    public static String howToWriteDown(Migration up) {
        String p = up.getPath();
        switch (up.getTool()) {
            case "golang-migrate":
            case "popx":
            case "plain":
                return "add " + base(p).replaceFirst("\\.up\\.sql$", "").replaceFirst("\\.sql$", "") + ".down.sql next to it";
            case "diesel":
                return "add down.sql next to up.sql";
            case "dbmate":
                return "write the statements that undo it under -- migrate:down";
            case "sqitch":
                return "add revert/" + up.getId() + ".sql";
            case "flyway":
                return "add an undo migration " + base(p).replaceFirst("^V", "U") + " next to it";
            case "prisma":
                return "Prisma Migrate has no down migrations; make one when you create the migration: after editing "
                        + "schema.prisma and before prisma migrate dev, run prisma migrate diff --from-schema-datamodel "
                        + "prisma/schema.prisma --to-migrations prisma/migrations --shadow-database-url \"$SHADOW_URL\" "
                        + "--script > down.sql, move down.sql into the new migration's folder (SchemaGate pairs it "
                        + "from there) and run it with prisma db execute to roll back";
            case "alembic":
                return "write downgrade() in " + base(p) + " with the op calls that undo upgrade() in reverse order";
            case "django":
                return "give every RunSQL a reverse_sql and every RunPython a reverse_code (migrations.RunPython.noop "
                        + "only when there is nothing to undo)";
            case "knex":
                return "export a down function from " + base(p) + " that undoes up in reverse order";
            case "typeorm":
                return "write down(queryRunner) in " + base(p) + " with the calls that undo up in reverse order";
            default:
                return "write a down migration";
        }
    }

    private static String base(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String key(Migration m, String dialect) {
        return m.getTool() + "|" + folder(m) + "|" + dialect + "|" + version(m);
    }

    private static String dialectKey(Migration m) {
        return m.getDialect() == null ? "all" : m.getDialect().isMysqlFamily() ? "mysql" : m.getDialect().id();
    }

    /** The folder that holds the history: the file's folder, or its parent for tools with one folder per migration. */
    private static String folder(Migration m) {
        String p = m.getPath();
        int cut = p.lastIndexOf('/');
        String dir = cut < 0 ? "" : p.substring(0, cut);
        switch (m.getTool()) {
            case "diesel":
            case "prisma":
            case "sqitch":
                int c2 = dir.lastIndexOf('/');
                return c2 < 0 ? "" : dir.substring(0, c2);
            default:
                return dir;
        }
    }

    private static String version(Migration m) {
        String id = m.getId();
        Matcher f;
        switch (m.getTool()) {
            case "flyway":
                f = FLYWAY_VERSION.matcher(id);
                return f.matches() ? f.group(1).replace('_', '.') : id;
            case "popx":
            case "golang-migrate":
                f = LEADING_VERSION.matcher(id);
                return f.matches() ? f.group(1) : id;
            default:
                return id;
        }
    }
}
