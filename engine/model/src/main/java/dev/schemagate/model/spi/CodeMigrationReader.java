package dev.schemagate.model.spi;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.code.CodeLayout;
import dev.schemagate.model.code.CodeMigration;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads migrations that are program code calling a migration API (Alembic, Django, Knex, TypeORM), statically:
 * the file is parsed, never run. Implementations are found with {@link java.util.ServiceLoader}.
 * <p>
 * Discovery asks every reader to {@link #claim} the files of each input folder first; the files a reader claims
 * are then {@link #read} one by one, and each operation becomes SQL for the dialect's own reader (so every rule,
 * plan and policy applies unchanged) or an uncertain finding at its position.
 */
public interface CodeMigrationReader {
    /** The tool id used by {@code --tool}, the {@code Detected:} line and reports ({@code alembic}, {@code knex}). */
    String tool();

    /**
     * The migration files of this tool's layout under {@code root}, in the order the tool runs them, or null when
     * {@code root} holds no such layout. {@code files} are all regular files under {@code root}, sorted;
     * {@code forced} is the user's {@code --dialect} (or null). Must not throw for bad input: a file whose order
     * cannot be known is still returned, with a {@link CodeLayout#getProblems() problem}.
     */
    CodeLayout claim(Path root, List<Path> files, Dialect forced);

    /** Reads one claimed file. Never throws for bad input: syntax errors are {@link CodeMigration#getProblems()}. */
    CodeMigration read(Migration migration, String text);

    /**
     * Reads one claimed file; {@code dialectNamed} is false when nothing (configuration, {@code --dialect},
     * {@code schemagate.yaml}) names the dialect and the migration's dialect is only assumed: code that branches on
     * the database must then not be decided by it. {@link #read(Migration, String)} treats the dialect as named.
     */
    default CodeMigration read(Migration migration, String text, boolean dialectNamed) {
        return read(migration, text);
    }
}
