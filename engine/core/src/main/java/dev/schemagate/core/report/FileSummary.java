package dev.schemagate.core.report;

import dev.schemagate.model.ChangeType;
import java.util.EnumMap;
import java.util.Map;

/** What happened to one input file: how many statements, how many were modelled, which could not be read. */
public final class FileSummary {
    private final String path;
    private final String migration;
    private final String dialect;
    private final String tool;
    private final int statements;
    private final int modelled;
    private final int fallback;
    private final int unparsed;
    private final String skipped;
    private final String warning;
    private final Map<ChangeType, Integer> changeTypes;

    public FileSummary(String path, String migration, String dialect, String tool, int statements, int modelled,
                       int fallback, int unparsed, String skipped, String warning) {
        this(path, migration, dialect, tool, statements, modelled, fallback, unparsed, skipped, warning, Map.of());
    }

    public FileSummary(String path, String migration, String dialect, String tool, int statements, int modelled,
                       int fallback, int unparsed, String skipped, String warning, Map<ChangeType, Integer> changeTypes) {
        this.changeTypes = changeTypes.isEmpty() ? Map.of() : new EnumMap<>(changeTypes);
        this.path = path;
        this.migration = migration;
        this.dialect = dialect;
        this.tool = tool;
        this.statements = statements;
        this.modelled = modelled;
        this.fallback = fallback;
        this.unparsed = unparsed;
        this.skipped = skipped;
        this.warning = warning;
    }

    public String getPath() {
        return path;
    }

    public String getMigration() {
        return migration;
    }

    public String getDialect() {
        return dialect;
    }

    public String getTool() {
        return tool;
    }

    public int getStatements() {
        return statements;
    }

    /** Statements mapped to the change model (including those read by the fallback reader). */
    public int getModelled() {
        return modelled;
    }

    /** Of the modelled statements, those JSqlParser could not read and SchemaGate's own reader did. */
    public int getFallback() {
        return fallback;
    }

    public int getUnparsed() {
        return unparsed;
    }

    /** Why the file was not checked, or null. */
    public String getSkipped() {
        return skipped;
    }

    public String getWarning() {
        return warning;
    }

    /** How many modelled changes of each type the file makes (before rules refine a finding's type). */
    public Map<ChangeType, Integer> getChangeTypes() {
        return changeTypes;
    }
}
