package dev.schemagate.model.code;

import dev.schemagate.model.Dialect;
import java.nio.file.Path;
import java.util.List;

/** What a {@link dev.schemagate.model.spi.CodeMigrationReader} found in a folder: its files in run order. */
public final class CodeLayout {
    /**
     * One migration file with the id the tool knows it by (Alembic revision, Django app.name, file name), and the
     * dialect of its own folder when the project keeps one folder per dialect (null: the layout's dialect).
     */
    public record File(Path path, String id, Dialect dialect) {
        public File(Path path, String id) {
            this(path, id, null);
        }
    }

    /** A problem tied to a file of the layout (an unknown {@code down_revision}, a dependency cycle). */
    public record Problem(Path path, int line, int column, String message) {
    }

    private final List<File> files;
    private final Dialect dialect;
    private final String evidence;
    private final List<Path> markers;
    private final List<Problem> problems;

    /**
     * @param files    migration files in the order the tool runs them
     * @param dialect  the dialect the project's configuration names, or null when it names none
     * @param evidence what told the reader (for the {@code Detected:} line), e.g. "alembic.ini, versions/*.py"
     * @param markers  configuration files the layout consumed (never reported as unread)
     */
    public CodeLayout(List<File> files, Dialect dialect, String evidence, List<Path> markers, List<Problem> problems) {
        this.files = List.copyOf(files);
        this.dialect = dialect;
        this.evidence = evidence;
        this.markers = List.copyOf(markers);
        this.problems = List.copyOf(problems);
    }

    public List<File> getFiles() {
        return files;
    }

    public Dialect getDialect() {
        return dialect;
    }

    public String getEvidence() {
        return evidence;
    }

    public List<Path> getMarkers() {
        return markers;
    }

    public List<Problem> getProblems() {
        return problems;
    }
}
