package dev.schemagate.core.input;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which files are MongoDB migrations: migrate-mongo scripts ({@code .js}, {@code .mjs}, {@code .cjs}, {@code .ts}
 * under a folder holding {@code migrate-mongo-config.*}, or any such script when the dialect is mongodb),
 * golang-migrate JSON command files ({@code 1_name.up.json}) and Liquibase-MongoDB changelogs (XML, YAML or JSON
 * naming {@code databaseChangeLog} and MongoDB change types).
 */
final class MongoFiles {
    private static final Pattern GOLANG_JSON = Pattern.compile("^([0-9]+)_(.+)\\.(up|down)\\.json$");
    private static final Pattern SCRIPT = Pattern.compile(".*\\.(js|mjs|cjs|ts|mts|cts)$");
    private static final Pattern CHANGELOG = Pattern.compile(".*\\.(xml|ya?ml|json)$");
    private static final Pattern MONGO_CHANGE = Pattern.compile(
            "\\b(collectionName|ext:createCollection|ext:createIndex|ext:runCommand|ext:adminCommand|ext:insertMany|ext:insertOne)\\b");

    private MongoFiles() {
    }

    static boolean isCandidate(Path f, Path root, Dialect dialect) {
        if (!Files.isRegularFile(f)) {
            return false;
        }
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (GOLANG_JSON.matcher(name).matches()) {
            return true;
        }
        if (SCRIPT.matcher(name).matches()) {
            if (name.startsWith("migrate-mongo-config.") || name.endsWith(".d.ts") || name.endsWith(".test.js")
                    || name.endsWith(".spec.js") || name.endsWith(".test.ts") || name.endsWith(".spec.ts")) {
                return false;
            }
            return dialect == Dialect.MONGODB || underMigrateMongo(f, root);
        }
        return CHANGELOG.matcher(name).matches() && isLiquibaseMongo(f);
    }

    private static final Pattern MIGRATIONS_DIR = Pattern.compile("migrationsDir\\s*:\\s*['\"`]([^'\"`]+)['\"`]");

    /**
     * True when a folder above the file (up to the input root) holds migrate-mongo-config.* and the file is in its
     * migrations folder ({@code migrationsDir}, "migrations" by default): helper modules beside it are not migrations.
     */
    static boolean underMigrateMongo(Path f, Path root) {
        Path file = f.toAbsolutePath().normalize();
        Path stop = root == null ? null : root.toAbsolutePath().normalize().getParent();
        for (Path d = file.getParent(); d != null && !d.equals(stop); d = d.getParent()) {
            for (String ext : new String[] {"js", "cjs", "mjs", "ts"}) {
                Path cfg = d.resolve("migrate-mongo-config." + ext);
                if (Files.isRegularFile(cfg)) {
                    String dir = "migrations";
                    try {
                        Matcher m = MIGRATIONS_DIR.matcher(Files.readString(cfg));
                        if (m.find()) {
                            dir = m.group(1);
                        }
                    } catch (IOException | RuntimeException e) {
                        // unreadable config: keep the default folder
                    }
                    try {
                        return file.getParent().equals(d.resolve(dir).normalize());
                    } catch (java.nio.file.InvalidPathException e) {
                        return false; // Discovery reports the bad migrationsDir
                    }
                }
            }
        }
        return false;
    }

    private static boolean isLiquibaseMongo(Path f) {
        try {
            if (Files.size(f) > 4_000_000) {
                return false;
            }
            String t = Files.readString(f);
            return t.contains("databaseChangeLog") && MONGO_CHANGE.matcher(t).find();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The description of a MongoDB migration file, or null when the file is not one by its name. */
    static SourceFile describe(Path f, String display) {
        String name = f.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        Matcher m = GOLANG_JSON.matcher(lower);
        if (m.matches()) {
            boolean down = m.group(3).equals("down");
            return new SourceFile(f, new Migration(display, m.group(1), Dialect.MONGODB,
                    down ? Migration.Direction.DOWN : Migration.Direction.UP, "golang-migrate", Migration.TxMode.NONE),
                    null);
        }
        if (SCRIPT.matcher(lower).matches()) {
            String id = name.replaceAll("(\\.(js|mjs|cjs|ts|mts|cts))+$", "");
            return new SourceFile(f, new Migration(display, id, Dialect.MONGODB, Migration.Direction.UP,
                    underMigrateMongo(f, null) ? "migrate-mongo" : "mongosh", Migration.TxMode.NONE), null);
        }
        if (CHANGELOG.matcher(lower).matches() && Files.isRegularFile(f) && isLiquibaseMongo(f)) {
            return new SourceFile(f, new Migration(display, name, Dialect.MONGODB, Migration.Direction.UP, "liquibase",
                    Migration.TxMode.NONE), null);
        }
        return null;
    }
}
