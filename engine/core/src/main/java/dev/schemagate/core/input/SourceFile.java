package dev.schemagate.core.input;

import dev.schemagate.model.Migration;
import java.nio.file.Path;

/** A migration file found on disk, with what its location says about it. */
public final class SourceFile {
    private final Path path;
    private final Migration migration;
    private final String skipReason;

    public SourceFile(Path path, Migration migration, String skipReason) {
        this.path = path;
        this.migration = migration;
        this.skipReason = skipReason;
    }

    public Path getPath() {
        return path;
    }

    public Migration getMigration() {
        return migration;
    }

    /** Why the file is not replayed (a down migration, another dialect), or null. */
    public String getSkipReason() {
        return skipReason;
    }

    public SourceFile skipped(String reason) {
        return new SourceFile(path, migration, reason);
    }

    public SourceFile withMigration(Migration m) {
        return new SourceFile(path, m, skipReason);
    }
}
