package dev.schemagate.core.input;

import java.util.List;

/**
 * A migration layout found under an input: which tool's conventions the folder follows, the dialects its files
 * are for, and what told SchemaGate so (a marker file such as {@code migration_lock.toml}, file names, or the
 * user's {@code --tool}).
 */
public final class Layout {
    private final String root;
    private final String tool;
    private final List<String> dialects;
    private final String evidence;
    private final int files;

    public Layout(String root, String tool, List<String> dialects, String evidence, int files) {
        this.root = root;
        this.tool = tool;
        this.dialects = List.copyOf(dialects);
        this.evidence = evidence;
        this.files = files;
    }

    /** The folder (display path) the layout was found in. */
    public String getRoot() {
        return root;
    }

    public String getTool() {
        return tool;
    }

    /** Dialect ids of its files, sorted; "unknown" for files nothing names a dialect for. */
    public List<String> getDialects() {
        return dialects;
    }

    public String getEvidence() {
        return evidence;
    }

    /** Migration files (up and down parts counted once per file). */
    public int getFiles() {
        return files;
    }

    /** One line for people: {@code db/migration: flyway, postgres (file names V<version>__<desc>.sql), 8 files}. */
    public String describe() {
        return (root.isEmpty() ? "." : root) + ": " + tool + ", " + String.join("+", dialects) + " (" + evidence + "), "
                + files + " file" + (files == 1 ? "" : "s");
    }
}
