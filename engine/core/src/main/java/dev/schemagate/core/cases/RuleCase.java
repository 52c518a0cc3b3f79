package dev.schemagate.core.cases;

import java.util.List;
import java.util.Map;

/** One case of a cases file: a migration that must (fail) or must not (pass) produce the rule's finding. */
public final class RuleCase {
    /** What a fail case expects of one finding; null fields are not checked. */
    public static final class Expectation {
        public Integer line;
        public Integer column;
        public String risk;
        public String messageContains;
        public String lock;
        public Boolean rewrite;
        public Boolean scan;
        public String changeType;
        public Boolean suppressed;
        public String sqlContains;

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("{");
            if (line != null) {
                sb.append(" line=").append(line);
            }
            if (column != null) {
                sb.append(" column=").append(column);
            }
            if (risk != null) {
                sb.append(" risk=").append(risk);
            }
            if (messageContains != null) {
                sb.append(" message~'").append(messageContains).append("'");
            }
            if (lock != null) {
                sb.append(" lock=").append(lock);
            }
            if (rewrite != null) {
                sb.append(" rewrite=").append(rewrite);
            }
            if (scan != null) {
                sb.append(" scan=").append(scan);
            }
            if (changeType != null) {
                sb.append(" changeType=").append(changeType);
            }
            if (suppressed != null) {
                sb.append(" suppressed=").append(suppressed);
            }
            if (sqlContains != null) {
                sb.append(" sql~'").append(sqlContains).append("'");
            }
            return sb.append(" }").toString();
        }
    }

    public final String name;
    public final boolean fail;
    /** Migration files in order: name to SQL (one entry for a plain fail/pass case). */
    public final Map<String, String> files;
    public final String givenSchema;
    public final String doc;
    public final Map<String, Object> config;
    public final List<Expectation> expect;
    public final List<String> alsoEnable;
    public final int line;

    public RuleCase(String name, boolean fail, Map<String, String> files, String givenSchema, String doc,
                    Map<String, Object> config, List<Expectation> expect, List<String> alsoEnable, int line) {
        this.name = name;
        this.fail = fail;
        this.files = files;
        this.givenSchema = givenSchema;
        this.doc = doc;
        this.config = config;
        this.expect = expect;
        this.alsoEnable = alsoEnable;
        this.line = line;
    }

    /** The SQL shown in docs: the single file's text, or every file under a header. */
    public String sql() {
        if (files.size() == 1) {
            return files.values().iterator().next();
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : files.entrySet()) {
            sb.append("-- ").append(e.getKey()).append('\n').append(e.getValue());
            if (!e.getValue().endsWith("\n")) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
