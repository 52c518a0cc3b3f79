package dev.schemagate.core.input;

import dev.schemagate.model.Migration;
import java.nio.file.Path;

/** A migration file found on disk, with what its location says about it. */
public final class SourceFile {
    /** Which part of the file holds this migration. */
    public enum Part {
        /** The whole file is one migration in one direction. */
        WHOLE,
        /** dbmate: the lines after {@code -- migrate:up} (up to {@code -- migrate:down}). */
        DBMATE_UP,
        /** dbmate: the lines after {@code -- migrate:down}. */
        DBMATE_DOWN,
        /** A Liquibase changelog (XML, YAML, JSON or formatted SQL): its changeSets, read by the Liquibase reader. */
        LIQUIBASE,
        /** A code migration (Alembic, Django, Knex, TypeORM) read by the {@code CodeMigrationReader} of its tool. */
        CODE
    }

    private final Path path;
    private final Migration migration;
    private final String skipReason;
    private final Part part;

    public SourceFile(Path path, Migration migration, String skipReason) {
        this(path, migration, skipReason, Part.WHOLE);
    }

    public SourceFile(Path path, Migration migration, String skipReason, Part part) {
        this.path = path;
        this.migration = migration;
        this.skipReason = skipReason;
        this.part = part == null ? Part.WHOLE : part;
    }

    public Path getPath() {
        return path;
    }

    public Migration getMigration() {
        return migration;
    }

    /** Why the file is not replayed (another dialect, unreachable), or null. */
    public String getSkipReason() {
        return skipReason;
    }

    public Part getPart() {
        return part;
    }

    public SourceFile skipped(String reason) {
        return new SourceFile(path, migration, reason, part);
    }

    public SourceFile withMigration(Migration m) {
        return new SourceFile(path, m, skipReason, part);
    }

    @Override
    public String toString() {
        return migration.getPath() + (part == Part.WHOLE ? "" : " (" + part + ")") + " " + migration.getDirection();
    }
}
