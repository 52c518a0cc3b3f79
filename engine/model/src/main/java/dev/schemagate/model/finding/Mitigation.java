package dev.schemagate.model.finding;

/** One way to make a change safe: what to do, and the SQL (or script) to do it when it can be written out. */
public final class Mitigation {
    private final String text;
    private final String sql;

    public Mitigation(String text, String sql) {
        this.text = text;
        this.sql = sql;
    }

    public String getText() {
        return text;
    }

    /** Safe SQL for this statement, or null when the mitigation is a practice rather than a rewrite. */
    public String getSql() {
        return sql;
    }
}
