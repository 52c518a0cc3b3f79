package dev.schemagate.rules.testkit;

import dev.schemagate.core.cases.CaseFile;
import dev.schemagate.core.cases.RuleCase;
import dev.schemagate.model.finding.RuleInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The catalog contract of a rules module: every rule compiled into the pack has its three files side by side,
 * named after the rule and placed in the folder of its first tag; metadata is complete and well formed; the
 * prose does not repeat metadata; the cases hold at least one failing and one passing case, with exactly one
 * {@code doc: bad} before at least one {@code doc: good}. Returns the problems found (empty when all is well).
 */
public final class RuleCatalogChecks {
    private static final Pattern ID = Pattern.compile("^(pg|mysql|mariadb|sqlite|mongo|core|[a-z0-9-]+)\\.[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern PEER = Pattern.compile("^[a-z_]+:[A-Za-z0-9_.\\-]+$");

    private RuleCatalogChecks() {
    }

    public static List<String> check(Path resourceRoot, List<RuleInfo> compiled) {
        List<String> problems = new ArrayList<>();
        Map<String, RuleFiles> files = new HashMap<>();
        for (RuleFiles f : RuleFiles.scan(resourceRoot)) {
            if (files.put(f.id, f) != null) {
                problems.add(f.id + ": declared in more than one DRL file");
            }
        }
        for (RuleInfo r : compiled) {
            String id = r.getId();
            RuleFiles f = files.remove(id);
            if (f == null) {
                problems.add(id + ": compiled but no DRL file declares it under " + resourceRoot);
                continue;
            }
            if (!ID.matcher(id).matches()) {
                problems.add(id + ": id must be <prefix>.<kebab-name>");
            }
            String tail = id.substring(id.indexOf('.') + 1);
            if (!f.drl.getFileName().toString().equals(tail + ".drl")) {
                problems.add(id + ": DRL file must be named " + tail + ".drl, is " + f.drl.getFileName());
            }
            if (r.getTags().isEmpty()) {
                problems.add(id + ": needs @tags; the first tag is its folder");
            } else if (!f.drl.getParent().getFileName().toString().equals(r.getTags().get(0))) {
                problems.add(id + ": lives in folder " + f.drl.getParent().getFileName() + " but its first tag is "
                        + r.getTags().get(0));
            }
            if (r.getSummary().endsWith(".")) {
                problems.add(id + ": @summary must not end with a period");
            }
            if (r.getMitigations().isEmpty()) {
                problems.add(id + ": needs at least one @mitigation");
            }
            if (r.getSince() == null) {
                problems.add(id + ": needs @since");
            }
            for (String p : r.getPeers()) {
                if (!PEER.matcher(p).matches()) {
                    problems.add(id + ": peer '" + p + "' must be tool:rule");
                }
            }
            if (!Files.isRegularFile(f.md)) {
                problems.add(id + ": missing prose doc " + f.md.getFileName());
            } else {
                try {
                    String md = Files.readString(f.md, StandardCharsets.UTF_8);
                    for (String owned : new String[] {"Risk:", "**Risk**", "Peers:", "@risk", "Since:"}) {
                        if (md.contains(owned)) {
                            problems.add(id + ": " + f.md.getFileName() + " repeats metadata ('" + owned
                                    + "'); the DRL owns it");
                        }
                    }
                    if (!md.contains("## ")) {
                        problems.add(id + ": " + f.md.getFileName() + " needs sections (## Problem, ## Mitigation)");
                    }
                } catch (java.io.IOException e) {
                    problems.add(id + ": cannot read " + f.md);
                }
            }
            if (!Files.isRegularFile(f.cases)) {
                problems.add(id + ": missing cases file " + f.cases.getFileName());
                continue;
            }
            try {
                CaseFile cf = CaseFile.load(f.cases);
                if (!cf.rule.equals(id)) {
                    problems.add(id + ": " + f.cases.getFileName() + " says rule: " + cf.rule);
                }
                int fails = 0;
                int passes = 0;
                int bad = 0;
                int good = 0;
                boolean goodBeforeBad = false;
                for (RuleCase c : cf.cases) {
                    if (c.fail) {
                        fails++;
                    } else {
                        passes++;
                    }
                    if ("bad".equals(c.doc)) {
                        bad++;
                        if (!c.fail) {
                            problems.add(id + ": " + c.name + " is doc: bad but passes");
                        }
                        if (good > 0) {
                            goodBeforeBad = true;
                        }
                    }
                    if ("good".equals(c.doc)) {
                        good++;
                        if (c.fail) {
                            problems.add(id + ": " + c.name + " is doc: good but fails");
                        }
                    }
                }
                if (fails == 0 || passes == 0) {
                    problems.add(id + ": needs at least one failing and one passing case (has " + fails + " and " + passes + ")");
                }
                if (bad != 1 || good < 1 || goodBeforeBad) {
                    problems.add(id + ": needs exactly one doc: bad case before at least one doc: good case");
                }
            } catch (CaseFile.Invalid e) {
                problems.add(e.getMessage());
            }
        }
        for (String left : files.keySet()) {
            problems.add(left + ": declared in DRL but not compiled into the pack");
        }
        return problems;
    }
}
