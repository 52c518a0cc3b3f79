package dev.schemagate.dialects.python;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native libraries are unpacked into a directory of SchemaGate's own and never written in place (finding 23: the
 * binding's shared default file was rewritten under a running check by another program, which then died).
 */
class NativeLibrariesTest {
    private static final List<String> RESOURCES = NativeLibraries.resources(NativeLibraries.NAMES);

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = NativeLibraries.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    @Test
    void installs_by_content_and_never_writes_a_file_in_place(@TempDir Path base) throws Exception {
        assertNotNull(RESOURCES, "this platform has no tree-sitter library in the binding");
        Path dir = NativeLibraries.install(base, RESOURCES);
        assertEquals(base, dir.getParent());
        assertTrue(dir.getFileName().toString().matches("[0-9a-f]{20}"), dir.toString());
        for (String r : RESOURCES) {
            assertArrayEquals(resource(r), Files.readAllBytes(dir.resolve(r)), r);
        }
        Path py = dir.resolve(RESOURCES.get(1));
        Object inode = Files.readAttributes(py, BasicFileAttributes.class).fileKey();

        // same bytes already there: left alone (same file, not rewritten)
        assertEquals(dir, NativeLibraries.install(base, RESOURCES));
        assertEquals(inode, Files.readAttributes(py, BasicFileAttributes.class).fileKey());

        // other bytes there (as another writer would leave them): replaced by a new file; a process holding the old
        // one keeps reading exactly what it had
        byte[] other = new byte[1000];
        Files.write(py, other, StandardOpenOption.TRUNCATE_EXISTING);
        try (FileChannel held = FileChannel.open(py, StandardOpenOption.READ)) {
            assertEquals(dir, NativeLibraries.install(base, RESOURCES));
            assertArrayEquals(resource(RESOURCES.get(1)), Files.readAllBytes(py));
            ByteBuffer b = ByteBuffer.allocate(2000);
            int n = held.read(b, 0);
            assertEquals(1000, n, "the old file was written in place");
            assertArrayEquals(other, java.util.Arrays.copyOf(b.array(), n));
        }
        assertFalse(Files.list(py.getParent()).anyMatch(p -> p.toString().endsWith(".part")), "temporary file left");
    }

    @Test
    void refuses_a_directory_others_can_write_to_or_a_link(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path fresh = tmp.resolve("fresh").resolve("native");
        NativeLibraries.install(fresh, RESOURCES);
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"),
                Files.getPosixFilePermissions(fresh));

        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> NativeLibraries.install(shared, RESOURCES));
        assertTrue(e.getMessage().contains("can be written by other users"), e.getMessage());
        assertEquals(0, Files.list(shared).count(), "wrote into a directory others can write to");

        Path theirs = Files.createDirectory(tmp.resolve("theirs"));
        Files.setPosixFilePermissions(theirs, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        boolean chowned;
        try { // only root can give a directory away: as root (CI) the owner check is tested too
            Files.setOwner(theirs, tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
            chowned = true;
        } catch (java.io.IOException | UnsupportedOperationException notRoot) {
            chowned = false;
        }
        if (chowned) {
            e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> NativeLibraries.install(theirs, RESOURCES));
            assertTrue(e.getMessage().contains("belongs to another user"), e.getMessage());
        }

        Path link = Files.createSymbolicLink(tmp.resolve("link"), fresh);
        e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> NativeLibraries.install(link, RESOURCES));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }

    @Test
    void the_parser_loads_the_libraries_from_that_directory() throws Exception {
        assertTrue(PyParser.parse("def upgrade():\n    pass\n").errors().isEmpty());
        String dir = System.getProperty(NativeLibraries.PROPERTY);
        assertNotNull(dir, "the binding was not pointed at a directory of our own");
        assertFalse(Path.of(dir).equals(Path.of(System.getProperty("user.home"), ".tree-sitter")), dir);
        for (String r : RESOURCES) {
            assertArrayEquals(resource(r), Files.readAllBytes(Path.of(dir, r)), r);
        }
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) { // Linux: the library mapped into this process is the one in that directory
            String name = Path.of(RESOURCES.get(1)).getFileName().toString();
            List<String> mapped = Files.readAllLines(maps).stream().filter(l -> l.endsWith("/" + name)).toList();
            assertFalse(mapped.isEmpty(), "tree-sitter-python is not mapped");
            for (String l : mapped) {
                assertTrue(l.endsWith(Path.of(dir, RESOURCES.get(1)).toString()), l);
            }
        }
    }

    /**
     * The crash of finding 23, end to end: a JVM parses Python in a loop while the file at the binding's shared
     * default location is overwritten in place (what the binding of another program with another tree-sitter-python
     * does). Before the fix the JVM had that file loaded and died with SIGSEGV (exit 134); now it is not its file.
     */
    @Test
    void a_check_survives_another_program_rewriting_the_shared_library(@TempDir Path home) throws Exception {
        Path shared = home.resolve(".tree-sitter").resolve(RESOURCES.get(1));
        Files.createDirectories(shared.getParent());
        byte[] lib = resource(RESOURCES.get(1));
        Files.write(shared, lib);
        Files.write(home.resolve(".tree-sitter").resolve(RESOURCES.get(0)), resource(RESOURCES.get(0)));

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-XX:ErrorFile=" + home.resolve("hs_err.log"),
                "-cp", System.getProperty("java.class.path"), ParseLoop.class.getName(), "3")
                .redirectErrorStream(true);
        pb.environment().remove("XDG_CACHE_HOME");
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            out.append(line).append('\n');
            assertEquals("parsing", line, "the child did not start parsing");
            // overwrite in place, same length, as the binding does (RandomAccessFile "rw", no truncation)
            try (RandomAccessFile f = new RandomAccessFile(shared.toFile(), "rw")) {
                f.write(new byte[lib.length]);
            }
            for (String l; (l = r.readLine()) != null; ) {
                out.append(l).append('\n');
            }
        }
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "no result after 2 minutes");
        assertEquals(0, p.exitValue(), out.toString());
        assertTrue(out.toString().matches("(?s)parsing\nparsed \\d+ files\n"), out.toString());
        assertNotEquals(0, Files.size(shared));
    }

    /** The child of the test above: parses for the given seconds, printing a line when the libraries are loaded. */
    public static final class ParseLoop {
        public static void main(String[] args) {
            String src = "from alembic import op\nimport sqlalchemy as sa\n\ndef upgrade():\n"
                    + "    op.add_column('users', sa.Column('email', sa.String(255), nullable=True))\n";
            PyParser.parse(src);
            System.out.println("parsing");
            System.out.flush();
            long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000_000L;
            int n = 1;
            while (System.nanoTime() < end) {
                if (!PyParser.parse(src).errors().isEmpty()) {
                    throw new AssertionError("syntax error in a valid file");
                }
                n++;
            }
            System.out.println("parsed " + n + " files");
        }
    }
}
