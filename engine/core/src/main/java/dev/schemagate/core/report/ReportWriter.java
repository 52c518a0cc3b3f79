package dev.schemagate.core.report;

import java.util.List;
import java.util.Locale;

/** Renders a {@link Report} in one output format. Every writer is deterministic: same report, same bytes. */
public interface ReportWriter {
    /** The report as text in this format, ending with a newline. */
    String write(Report report);

    /** Format names accepted by {@code --format}. */
    List<String> FORMATS = List.of("text", "json", "sarif", "junit", "github", "gitlab", "markdown-summary");

    static ReportWriter forFormat(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "text": return new TextWriter(false);
            case "json": return new JsonWriter();
            case "sarif": return new SarifWriter();
            case "junit": return new JunitWriter();
            case "github": return new GithubWriter();
            case "gitlab": return new GitlabWriter();
            case "markdown-summary": return new MarkdownSummaryWriter(List.of());
            default:
                throw new IllegalArgumentException("unknown format '" + name + "': use one of " + String.join(", ", FORMATS));
        }
    }
}
