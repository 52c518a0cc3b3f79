package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code schemagate --version} and {@code --help} behave as users expect. */
class VersionHelpTest {
    @Test
    void versionComesFromTheBuildAndExitsZero() throws Exception {
        Matcher m = Pattern.compile("<artifactId>schemagate-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Cli.ROOT.resolve("pom.xml")));
        assertTrue(m.find());
        String expected = "schemagate " + m.group(1);
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"check", "--version"}}) {
            Cli r = Cli.run(args);
            assertEquals(0, r.code, r.toString());
            assertEquals(expected, r.out.lines().findFirst().orElse(""), String.join(" ", args));
            assertEquals("", r.err);
        }
    }

    @Test
    void helpListsEverySubcommandAndTheExitCodes() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.startsWith("Usage: schemagate "), r.out);
        for (String name : new CommandLine(new Main()).getSubcommands().keySet()) {
            assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(name) + "\\b").matcher(r.out).find(), name + " in\n" + r.out);
        }
        for (String code : new String[] {"0  passed", "1  policy failed", "2  usage or input error", "3  internal error"}) {
            assertTrue(r.out.contains("  " + code), code);
        }
        Cli check = Cli.run("check", "--help");
        assertEquals(0, check.code);
        assertTrue(check.out.contains("--changed-since=REF") && check.out.contains("markdown-summary"), check.out);
    }

    @Test
    void noCommandIsAUsageError() {
        Cli r = Cli.run();
        assertEquals(2, r.code, r.toString());
        assertEquals("", r.out);
        assertTrue(r.err.startsWith("schemagate: a command is required") && r.err.contains("Usage: schemagate"), r.err);
    }
}
