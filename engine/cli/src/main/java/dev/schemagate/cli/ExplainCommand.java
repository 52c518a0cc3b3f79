package dev.schemagate.cli;

import dev.schemagate.core.Engine;
import dev.schemagate.core.docs.RuleDocs;
import dev.schemagate.model.finding.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explains one rule: what it catches, why, the safe way, and examples.")
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    PolicyOptions policyOptions = new PolicyOptions();

    @Parameters(paramLabel = "RULE", description = "Rule id, e.g. pg.set-not-null (the prefix may be left out).")
    String rule;

    @Override
    public Integer call() {
        PolicyOptions.Loaded loaded = policyOptions.loadForListing();
        Engine engine = loaded.engine;
        RuleInfo found = engine.rule(rule);
        List<String> similar = new ArrayList<>();
        if (found == null) {
            for (RuleInfo r : engine.rules()) {
                String tail = r.getId().substring(r.getId().indexOf('.') + 1);
                if (tail.equals(rule)) {
                    found = r;
                    break;
                }
                if (r.getId().contains(rule) || rule.contains(tail)) {
                    similar.add(r.getId());
                }
            }
        }
        if (found == null) {
            throw new Main.UsageProblem("no rule '" + rule + "'" + (similar.isEmpty() ? "" : "; did you mean "
                    + String.join(", ", similar.subList(0, Math.min(5, similar.size()))) + "?")
                    + " (schemagate rules lists them all)");
        }
        spec.commandLine().getOut().print(new RuleDocs(loaded.docsLoader()).page(found));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
