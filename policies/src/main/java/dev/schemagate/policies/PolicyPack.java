package dev.schemagate.policies;

import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Risk;
import dev.schemagate.model.change.ChangeKind;
import dev.schemagate.model.finding.Waiver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One policy file, read and validated: settings that apply to every environment, per-environment profiles, and
 * custom rules. Plain data; {@link PolicySet} combines packs and applies them.
 */
public final class PolicyPack {
    /** A rule id written in the policy, with where (for errors found once every pack is known). */
    static final class Ref {
        final String id;
        final int line;
        final int column;

        Ref(String id, int line, int column) {
            this.id = id;
            this.line = line;
            this.column = column;
        }
    }

    /** Settings of the pack itself or of one of its profiles; null and empty mean "not set here". */
    static final class Layer {
        Risk failOn;
        Risk uncertainRisk;
        final List<Ref> enable = new ArrayList<>();
        final List<Ref> disable = new ArrayList<>();
        final Map<String, Risk> risk = new LinkedHashMap<>();
        final List<Ref> riskRefs = new ArrayList<>();
        final Map<String, Long> thresholds = new LinkedHashMap<>();
        final List<Protected> protectedTables = new ArrayList<>();
        Boolean requireLockTimeout;
        Boolean requireDestructiveWaiver;
        final List<Waiver> waivers = new ArrayList<>();
        final List<Ref> waiverRefs = new ArrayList<>();
    }

    /** Tables or collections a policy protects. */
    static final class Protected {
        final List<String> tables;
        final List<ChangeType> changes;
        final Risk risk;
        final boolean waiverRequired;
        final String reason;
        final int line;

        Protected(List<String> tables, List<ChangeType> changes, Risk risk, boolean waiverRequired, String reason, int line) {
            this.tables = tables;
            this.changes = changes;
            this.risk = risk;
            this.waiverRequired = waiverRequired;
            this.reason = reason;
            this.line = line;
        }
    }

    /** A name pattern: a glob (see {@link dev.schemagate.core.Glob}) or a regular expression (found anywhere). */
    static final class Pat {
        final String text;
        final Pattern regex;

        Pat(String text, Pattern regex) {
            this.text = text;
            this.regex = regex;
        }

        boolean isGlob() {
            return regex == null;
        }
    }

    /** What a custom rule matches; every set condition must hold, values within one condition are alternatives. */
    static final class Match {
        final List<ChangeKind> kinds = new ArrayList<>();
        final List<ChangeType> changeTypes = new ArrayList<>();
        final List<Dialect> dialects = new ArrayList<>();
        final List<Pat> tables = new ArrayList<>();
        final List<Pat> tablesNot = new ArrayList<>();
        final List<Pat> columns = new ArrayList<>();
        final List<String> columnTypes = new ArrayList<>();
        final List<Pat> files = new ArrayList<>();
        final List<String> locks = new ArrayList<>();
        Long rowsAtLeast;
        Long rowsBelow;
        boolean rowsUnknownMatches;
        Boolean inTransaction;
        Boolean existingTable;
        Boolean newTable;
        Boolean takesLock;
        Boolean rewrite;
        Boolean scan;
        Boolean lockTimeoutMissing;
        Long lockTimeoutAbove;
    }

    /** A custom rule written in YAML. */
    static final class RuleSpec {
        String id;
        String summary;
        String message;
        Risk risk;
        Risk dataLoss;
        ChangeType changeType;
        final List<String> mitigations = new ArrayList<>();
        final List<String> tags = new ArrayList<>();
        final List<String> peers = new ArrayList<>();
        String scope;
        boolean enabled = true;
        boolean suppressible = true;
        Match match = new Match();
        int line;
        int column;
    }

    final String source;
    final java.nio.file.Path path;
    String name;
    String description;
    final Layer base = new Layer();
    final Map<String, Layer> profiles = new LinkedHashMap<>();
    final Map<String, int[]> profilePositions = new LinkedHashMap<>();
    final List<RuleSpec> rules = new ArrayList<>();

    PolicyPack(String source, java.nio.file.Path path) {
        this.source = source;
        this.path = path;
    }

    public String getName() {
        return name;
    }

    public String getSource() {
        return source;
    }

    /** The profile names this pack defines (dev, staging, prod, ...). */
    public List<String> profileNames() {
        return List.copyOf(profiles.keySet());
    }

    /** Every waiver the pack declares, in the base and in every profile. */
    public List<Waiver> allWaivers() {
        List<Waiver> out = new ArrayList<>(base.waivers);
        profiles.values().forEach(l -> out.addAll(l.waivers));
        return out;
    }
}
