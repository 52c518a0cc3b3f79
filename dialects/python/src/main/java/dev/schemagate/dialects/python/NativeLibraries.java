package dev.schemagate.dialects.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the tree-sitter native libraries are unpacked before they are loaded.
 *
 * <p>The binding (io.github.bonede) unpacks each library by default to one file per library name under
 * {@code ~/.tree-sitter/lib}, shared by every program of the user, and when that file differs from its own copy it
 * writes its copy over the file in place (without truncating it). A process that has the old file loaded then runs
 * whatever bytes were written there: a check died with SIGSEGV inside tree-sitter-python the moment another program
 * with a different tree-sitter-python version started (fuzzing finding 23, reproduced with two JVMs). So SchemaGate
 * unpacks the libraries itself into a directory named after their content, writes each file under a temporary name
 * and renames it into place (a file a process has loaded is never written again), and points the binding at that
 * directory (its system property {@value #PROPERTY}) before the binding's first class loads: the binding then finds
 * its own bytes there and only loads them. Programs with other versions use other directories or the shared default.
 */
final class NativeLibraries {
    /** The binding's system property for the directory it unpacks to (its default: {@code ~/.tree-sitter}). */
    static final String PROPERTY = "tree-sitter-lib";
    /** The libraries the Python reader loads, by the binding's names (core first, as it loads them). */
    static final List<String> NAMES = List.of("tree-sitter", "tree-sitter-python");

    private NativeLibraries() {
    }

    /**
     * Unpacks the libraries and sets {@value #PROPERTY}, unless it is set already (a user's choice is kept). When no
     * directory can be written, nothing is set and the binding uses its shared default, as before.
     */
    static synchronized void prepare() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        List<String> resources = resources(NAMES);
        if (resources == null) {
            return; // a platform the binding has no library for: it reports that itself
        }
        for (Path base : baseDirectories()) {
            try {
                Path dir = install(base, resources);
                if (dir != null) {
                    System.setProperty(PROPERTY, dir.toString());
                    return;
                }
            } catch (IOException | UncheckedIOException | SecurityException e) {
                // not writable here: try the next place
            }
        }
    }

    /** The cache directory first ({@code $XDG_CACHE_HOME} or {@code ~/.cache}), then the temporary directory. */
    static List<Path> baseDirectories() {
        List<Path> dirs = new ArrayList<>();
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            dirs.add(Path.of(xdg, "schemagate", "native"));
        } else if (home != null && !home.isBlank()) {
            dirs.add(Path.of(home, ".cache", "schemagate", "native"));
        }
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null && !tmp.isBlank()) {
            String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
            dirs.add(Path.of(tmp, "schemagate-native-" + user));
        }
        return dirs;
    }

    /**
     * The class-path resources of the named libraries for this platform, as the binding names them
     * ({@code lib/<arch>-<os>-<name>.<ext>}), or null on a platform it has none for.
     */
    static List<String> resources(List<String> names) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart;
        String ext;
        if (os.contains("windows")) {
            osPart = "windows";
            ext = "dll";
        } else if (os.contains("linux")) {
            osPart = "linux-gnu";
            ext = "so";
        } else if (os.contains("mac")) {
            osPart = "macos";
            ext = "dylib";
        } else {
            return null;
        }
        String archPart = arch.contains("amd64") || arch.contains("x86_64") ? "x86_64"
                : arch.contains("aarch64") ? "aarch64" : null;
        if (archPart == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add("lib/" + archPart + "-" + osPart + "-" + n + "." + ext);
        }
        return out;
    }

    /**
     * Puts the resources under {@code base/<hash of their bytes>/} and returns that directory (the binding's
     * {@value #PROPERTY}), or null when a resource is missing. A file already there with the same bytes is left
     * alone; any other is replaced by a rename, never written in place.
     */
    static Path install(Path base, List<String> resources) throws IOException {
        List<byte[]> contents = new ArrayList<>();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String r : resources) {
            byte[] b = read(r);
            if (b == null) {
                return null;
            }
            contents.add(b);
            sha.update(r.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(b);
        }
        makePrivate(base);
        Path dir = base.resolve(HexFormat.of().formatHex(sha.digest()).substring(0, 20));
        for (int i = 0; i < resources.size(); i++) {
            Path target = dir.resolve(resources.get(i));
            byte[] want = contents.get(i);
            if (Files.isRegularFile(target) && Files.size(target) == want.length
                    && Arrays.equals(Files.readAllBytes(target), want)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            try {
                Files.write(tmp, want);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return dir;
    }

    /**
     * Creates {@code base} (owner-only where the file system has POSIX permissions) and refuses one that is a link,
     * belongs to someone else or that others may write to: code loaded from a directory another user can write to
     * (a shared temporary directory) could be swapped for theirs between the check of its bytes and the load.
     */
    static void makePrivate(Path base) throws IOException {
        boolean posix = base.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
            if (posix) {
                Files.createDirectories(base, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(base);
            }
        }
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(base + " is not a directory");
        }
        if (posix) {
            Path probe = Files.createTempFile(base, "owner", ".part");
            try {
                if (!Files.getOwner(probe).equals(Files.getOwner(base, LinkOption.NOFOLLOW_LINKS))) {
                    throw new IOException(base + " belongs to another user");
                }
            } finally {
                Files.deleteIfExists(probe);
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(base, LinkOption.NOFOLLOW_LINKS);
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IOException(base + " can be written by other users");
            }
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = NativeLibraries.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
