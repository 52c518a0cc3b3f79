package dev.schemagate.cli;

import dev.schemagate.core.docs.RuleDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "docs", mixinStandardHelpOptions = true,
        description = "Writes the rule reference (one Markdown page per rule and an index) into DIR, "
                + "removing pages of rules that no longer exist.")
final class DocsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    PolicyOptions policyOptions = new PolicyOptions();

    @Parameters(paramLabel = "DIR", description = "Output folder, e.g. docs/rules.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        PolicyOptions.Loaded loaded = policyOptions.loadForListing();
        Map<String, String> pages = new RuleDocs(loaded.docsLoader()).generate(loaded.engine.rules());
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".md")).toList()) {
                if (!pages.containsKey(p.getFileName().toString())) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, String> e : pages.entrySet()) {
            Output.writeAtomically(dir.resolve(e.getKey()), e.getValue());
        }
        spec.commandLine().getOut().println("wrote " + pages.size() + " pages to " + dir);
        return 0;
    }

    static List<String> names(Map<String, String> pages) {
        return List.copyOf(pages.keySet());
    }
}
