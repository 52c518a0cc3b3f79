package dev.schemagate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.finding.RuleInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rules", mixinStandardHelpOptions = true, description = "Lists the rules with their risk and summary.")
final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    PolicyOptions policyOptions = new PolicyOptions();

    @Option(names = "--dialect", paramLabel = "NAME", description = "Only rules for this dialect (and all-dialect rules).")
    String dialect;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    String format = "text";

    @Override
    public Integer call() throws Exception {
        List<RuleInfo> rules = new ArrayList<>();
        Dialect d = null;
        if (dialect != null) {
            d = Dialect.parse(dialect);
            if (d == null) {
                throw new Main.UsageProblem("--dialect: unknown dialect '" + dialect
                        + "'; use postgres, mysql, mariadb, sqlite or mongodb");
            }
        }
        for (RuleInfo r : policyOptions.loadForListing().engine.rules()) {
            if (d == null || r.getDialect() == null || "any".equals(r.getDialect()) || r.getDialect().equals(d.id())
                    || (d.isMysqlFamily() && "mysql".equals(r.getDialect()))) {
                rules.add(r);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if ("json".equalsIgnoreCase(format)) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode arr = m.createArrayNode();
            for (RuleInfo r : rules) {
                ObjectNode o = arr.addObject();
                o.put("id", r.getId());
                o.put("dialect", r.getDialect());
                o.put("risk", String.valueOf(r.getRisk()));
                o.put("dataLossRisk", String.valueOf(r.getDataLoss()));
                o.put("changeType", r.getChangeType() == null ? null : r.getChangeType().label());
                o.put("lock", r.getLock());
                o.put("summary", r.getSummary());
                o.put("enabledByDefault", r.isEnabledByDefault());
                r.getTags().forEach(o.putArray("tags")::add);
                r.getPeers().forEach(o.putArray("peers")::add);
            }
            out.println(m.writeValueAsString(arr));
            return 0;
        }
        if (!"text".equalsIgnoreCase(format)) {
            throw new Main.UsageProblem("--format: use text or json");
        }
        int w = 4;
        for (RuleInfo r : rules) {
            w = Math.max(w, r.getId().length() + (r.isEnabledByDefault() ? 0 : 1));
        }
        for (RuleInfo r : rules) {
            String id = r.getId() + (r.isEnabledByDefault() ? "" : "*");
            out.printf("%-" + w + "s  %-8s  %s%n", id, r.getRisk(), r.getSummary());
        }
        out.printf("%n%d rules; * = off by default (turn on with --include). Details: schemagate explain RULE%n",
                rules.size());
        return 0;
    }
}
