package dev.schemagate.core;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Risk;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a check run can be told: from command-line options, a {@code schemagate.yaml}, or policy packs
 * (in that order of precedence, applied by the caller). Defaults are what a new user gets with no options.
 */
public final class Settings {
    /** Row counts and sizes of one table, from a stats file or a live database. */
    public static final class TableStats {
        public Long rows;
        public Long bytes;
        public Double writesPerSecond;

        public TableStats() {
        }

        public TableStats(Long rows, Long bytes, Double writesPerSecond) {
            this.rows = rows;
            this.bytes = bytes;
            this.writesPerSecond = writesPerSecond;
        }
    }

    private Dialect dialect;
    private final Map<Dialect, String> versions = new EnumMap<>(Dialect.class);
    private Risk failOn = Risk.HIGH;
    private Boolean assumeInTransaction;
    private final Set<String> include = new LinkedHashSet<>();
    private final Set<String> exclude = new LinkedHashSet<>();
    private final Map<String, Risk> riskOverrides = new LinkedHashMap<>();
    private Risk uncertainRisk;
    private Long externalLockTimeoutMs;
    private Long externalStatementTimeoutMs;
    private final Map<String, TableStats> stats = new LinkedHashMap<>();
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private long parseTimeoutMs = 2000;
    private long maxFileBytes = dev.schemagate.core.input.SourceReader.DEFAULT_MAX_MB * 1024L * 1024L;
    private int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private final List<String> schemaFiles = new ArrayList<>();
    private final Set<String> onlyRules = new LinkedHashSet<>();
    private final dev.schemagate.model.review.ReviewPolicy review = new dev.schemagate.model.review.ReviewPolicy();
    private final Map<String, Long> thresholds = new LinkedHashMap<>();
    private final List<dev.schemagate.model.finding.Waiver> waivers = new ArrayList<>();
    private java.time.LocalDate today;
    private String tool;

    /** The migration tool named by the user ({@code --tool}), or null to detect it. */
    public String getTool() {
        return tool;
    }

    public Settings setTool(String tool) {
        this.tool = tool;
        return this;
    }

    /** The dialect named by the user, or null to detect it from the files (PostgreSQL when nothing says). */
    public Dialect getDialect() {
        return dialect;
    }

    public Settings setDialect(Dialect dialect) {
        this.dialect = dialect;
        return this;
    }

    /** The server version for a dialect: the user's, or the dialect's current release. */
    public String version(Dialect d) {
        return versions.getOrDefault(d, d.defaultVersion());
    }

    public boolean hasVersion(Dialect d) {
        return versions.containsKey(d);
    }

    public Settings setVersion(Dialect d, String v) {
        versions.put(d, v);
        return this;
    }

    public Risk getFailOn() {
        return failOn;
    }

    public Settings setFailOn(Risk failOn) {
        this.failOn = failOn;
        return this;
    }

    /** Whether files of unknown tools run inside a transaction; null means "not in a transaction". */
    public Boolean getAssumeInTransaction() {
        return assumeInTransaction;
    }

    public Settings setAssumeInTransaction(Boolean b) {
        this.assumeInTransaction = b;
        return this;
    }

    /** Rules that are off by default and turned on. */
    public Set<String> getInclude() {
        return include;
    }

    public Set<String> getExclude() {
        return exclude;
    }

    public Map<String, Risk> getRiskOverrides() {
        return riskOverrides;
    }

    /** Flyway placeholder values ({@code placeholders:}), over those of the project's Flyway configuration. */
    public Map<String, String> getPlaceholders() {
        return placeholders;
    }

    /** Risk given to statements SchemaGate could not read (default CRITICAL). */
    public Risk getUncertainRisk() {
        return uncertainRisk;
    }

    public Settings setUncertainRisk(Risk r) {
        this.uncertainRisk = r;
        return this;
    }

    /** lock_timeout the deployment sets outside the migration files (role, PGOPTIONS, tool config), or null. */
    public Long getExternalLockTimeoutMs() {
        return externalLockTimeoutMs;
    }

    public Settings setExternalLockTimeoutMs(Long ms) {
        this.externalLockTimeoutMs = ms;
        return this;
    }

    public Long getExternalStatementTimeoutMs() {
        return externalStatementTimeoutMs;
    }

    public Settings setExternalStatementTimeoutMs(Long ms) {
        this.externalStatementTimeoutMs = ms;
        return this;
    }

    /** Table sizes by table name ("table" or "schema.table"). */
    public Map<String, TableStats> getStats() {
        return stats;
    }

    /** Largest migration file read; a larger one is an input error (memory stays bounded). */
    public long getMaxFileBytes() {
        return maxFileBytes;
    }

    public Settings setMaxFileBytes(long bytes) {
        this.maxFileBytes = bytes;
        return this;
    }

    public long getParseTimeoutMs() {
        return parseTimeoutMs;
    }

    public Settings setParseTimeoutMs(long ms) {
        this.parseTimeoutMs = ms;
        return this;
    }

    public int getThreads() {
        return threads;
    }

    public Settings setThreads(int threads) {
        this.threads = Math.max(1, threads);
        return this;
    }

    /** When not empty, only these rules may report (rule cases and {@code --rule}). */
    public Set<String> getOnlyRules() {
        return onlyRules;
    }

    /** SQL files describing the schema before the checked migrations (replayed first, never judged). */
    public List<String> getSchemaFiles() {
        return schemaFiles;
    }

    /** Design review: whole schema or touched tables only, embedding dimensions, required indexes and constraints. */
    public dev.schemagate.model.review.ReviewPolicy getReview() {
        return review;
    }

    /**
     * Numbers a policy sets for planning and rules, by key: {@code multi_phase_rows} (tables at least this big get
     * a multi-phase plan), {@code max_lock_timeout} (milliseconds), {@code batch_size} (rows per backfill batch).
     */
    public Map<String, Long> getThresholds() {
        return thresholds;
    }

    /** Policy waivers (inline {@code schemagate:waive} comments are read from the migrations). */
    public List<dev.schemagate.model.finding.Waiver> getWaivers() {
        return waivers;
    }

    /** The date waivers expire against: {@code --today}, {@code SCHEMAGATE_TODAY}, else the current UTC date. */
    public java.time.LocalDate getToday() {
        if (today != null) {
            return today;
        }
        String env = System.getenv("SCHEMAGATE_TODAY");
        if (env != null && !env.isBlank()) {
            try {
                return java.time.LocalDate.parse(env.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("SCHEMAGATE_TODAY is '" + env + "'; expected a date such as 2026-05-31");
            }
        }
        return java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    }

    public Settings setToday(java.time.LocalDate today) {
        this.today = today;
        return this;
    }
}
