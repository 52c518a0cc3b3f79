package dev.schemagate.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Seed texts for the fuzzers, read at test time: every {@code .sql} file of the shared corpus
 * ({@code schemagate.corpus}, set from the {@code corpus.dir} Maven property) and the repository's examples. Nothing
 * is copied into the repository.
 */
final class Seeds {
    static final Path ROOT = Path.of(System.getProperty("schemagate.root", "../..")).toAbsolutePath().normalize();
    static final Path CORPUS = Path.of(System.getProperty("schemagate.corpus", ROOT.resolve("../shared/corpus").toString()))
            .toAbsolutePath().normalize();

    private static List<String> sql;
    private static List<String> yaml;

    private Seeds() {
    }

    /** Corpus and example SQL files, in a fixed order (so a seed gives the same inputs on every machine). */
    static synchronized List<String> sql() {
        if (sql == null) {
            List<String> out = new ArrayList<>();
            out.addAll(files(CORPUS, ".sql"));
            out.addAll(files(ROOT.resolve("examples"), ".sql"));
            out.addAll(files(ROOT.resolve("examples"), ".js")); // the MongoDB reader gets scripts too
            if (out.isEmpty()) {
                throw new IllegalStateException("no seed SQL under " + CORPUS + " (set -Dcorpus.dir)");
            }
            sql = List.copyOf(out);
        }
        return sql;
    }

    /** Settings and stats YAML: the examples, the README's settings example and hand-written shapes. */
    static synchronized List<String> yaml() {
        if (yaml == null) {
            List<String> out = new ArrayList<>(files(ROOT.resolve("examples"), ".yaml"));
            out.addAll(files(ROOT.resolve("examples"), ".yml"));
            try {
                String readme = Files.readString(ROOT.resolve("README.md"));
                for (String block : readme.split("```yaml")) {
                    int end = block.indexOf("```");
                    if (end > 0 && block != readme) {
                        out.add(block.substring(0, end));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add("dialect: postgres\npg_version: 16\nfail_on: MEDIUM\nthreads: 2\nexclude: [pg.drop-table]\n"
                    + "risk:\n  pg.add-column-default: LOW\nuncertain: HIGH\nlock_timeout: 2s\n");
            out.add("users:\n  rows: 1000000\n  bytes: 2GB\n  writes_per_second: 50\n");
            out.add("policies: [team, ../shared/base.yaml, \"acme/\\0x\"]\nenv: prod\nthresholds: {max_lock_timeout: 2s}\n");
            out.add("- a\n- b: {c: [1, 2, &x 3, *x]}\n? complex\n: key\n");
            yaml = List.copyOf(out);
        }
        return yaml;
    }

    /** Policy packs (the shipped examples). */
    static List<String> policies() {
        return files(ROOT.resolve("policies/examples"), ".yaml");
    }

    /** Folders laid out as each migration tool lays them out (the command line's test layouts). */
    static synchronized List<Path> layouts() {
        List<Path> out = new ArrayList<>();
        for (String base : List.of("engine/cli/src/test/resources/history", "engine/cli/src/test/resources/mongodb")) {
            try (Stream<Path> s = Files.list(ROOT.resolve(base))) {
                s.filter(Files::isDirectory).sorted().forEach(out::add);
            } catch (IOException e) {
                // a layout folder that is not there is not fuzzed
            }
        }
        return out;
    }

    private static List<String> files(Path dir, String ext) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> ps = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext))
                    .sorted().toList();
            List<String> out = new ArrayList<>();
            for (Path p : ps) {
                out.add(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
