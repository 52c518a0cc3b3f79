package dev.schemagate.core;

/** A problem with the input rather than the migration's risk: a missing file, unreadable bytes, a bad setting. */
public final class InputError {
    private final String file;
    private final int line;
    private final int column;
    private final String message;

    public InputError(String file, int line, int column, String message) {
        this.file = file;
        this.line = line;
        this.column = column;
        this.message = message;
    }

    public String getFile() {
        return file;
    }

    public int getLine() {
        return line;
    }

    public int getColumn() {
        return column;
    }

    public String getMessage() {
        return message;
    }

    /** {@code file:line:column: message}, leaving out what is unknown. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line).append(':').append(Math.max(column, 1));
            }
            sb.append(": ");
        }
        return sb.append(message).toString();
    }
}
