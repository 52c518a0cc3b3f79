package dev.schemagate.core.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The files a branch adds or changes, read from git for {@code --changed-since REF}: files added, copied,
 * modified or renamed between the merge base of REF and HEAD ({@code git diff REF...HEAD}), plus the working
 * tree's staged, unstaged and untracked files. Git is only ever asked to read (no index refresh, no locks).
 */
public final class GitChanges {
    private static final long TIMEOUT_SECONDS = 60;

    private GitChanges() {
    }

    /** Why the changed files could not be listed: not a git repository, an unknown ref, no git. */
    public static final class Problem extends Exception {
        Problem(String message) {
            super(message, null, false, false);
        }
    }

    /** Absolute, normalised paths of the files changed since {@code ref}, for the repository holding {@code dir}. */
    public static Set<Path> since(String ref, Path dir) throws Problem {
        if (ref == null || ref.isBlank() || ref.startsWith("-")) {
            throw new Problem("'" + ref + "' is not a git ref (give a branch, tag or commit, e.g. origin/main)");
        }
        Result top = git(dir, "rev-parse", "--show-toplevel");
        if (top.code != 0) {
            throw new Problem(dir + " is not inside a git repository (" + firstLine(top.err)
                    + "); run from the repository or leave out --changed-since");
        }
        Path root = Path.of(top.out.strip());
        // from the top level, so every listing below is relative to it (ls-files would be relative to dir)
        Result verify = git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}");
        if (verify.code != 0) {
            throw new Problem("unknown git ref '" + ref + "' in " + root.getFileName()
                    + " (fetch it first, e.g. git fetch origin main, and use the full depth: fetch-depth 0)");
        }
        Set<Path> out = new TreeSet<>();
        add(out, root, must(git(root, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACMR", "--no-ext-diff",
                ref + "...HEAD", "--"), "git diff " + ref + "...HEAD"));
        Result head = git(root, "rev-parse", "--verify", "--quiet", "HEAD");
        if (head.code == 0) {
            add(out, root, must(git(root, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACMR", "--no-ext-diff",
                    "HEAD", "--"), "git diff HEAD"));
        }
        add(out, root, must(git(root, "ls-files", "-z", "--others", "--exclude-standard"), "git ls-files"));
        return out;
    }

    private static void add(Set<Path> out, Path root, String nulSeparated) {
        for (String name : nulSeparated.split("\u0000")) {
            if (!name.isEmpty()) {
                out.add(normal(root.resolve(name)));
            }
        }
    }

    /** A path in the form {@link #since} returns, for comparison. */
    public static Path normal(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return Files.exists(abs) ? abs.toRealPath() : abs;
        } catch (IOException e) {
            return abs;
        }
    }

    private static String must(Result r, String what) throws Problem {
        if (r.code != 0) {
            throw new Problem(what + " failed: " + firstLine(r.err));
        }
        return r.out;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result git(Path dir, String... args) throws Problem {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.add("--no-pager");
        cmd.add("-c");
        cmd.add("core.quotePath=false");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("GIT_OPTIONAL_LOCKS", "0"); // read only: no index refresh written back
        pb.environment().put("LC_ALL", "C");
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new Problem("cannot run git (" + e.getMessage() + "); install git or leave out --changed-since");
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            String out = drain(p.getInputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new Problem("git " + args[0] + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out, err.join());
        } catch (IOException | UncheckedIOException e) {
            throw new Problem("reading git's output failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new Problem("interrupted while running git");
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
