package dev.schemagate.core.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a migration file as text. A byte-order mark decides the encoding (UTF-8, UTF-16 LE/BE); without one the
 * file must be valid UTF-8, and otherwise it is read as Windows-1252 with a warning. Files with NUL bytes (or mostly
 * control bytes) and no UTF-16 mark are binary and refused. Only regular files are read (a FIFO would block the
 * run), and only up to a size limit, so one huge file cannot take all the memory.
 */
public final class SourceReader {
    /** Decoded text, plus a warning about how it was decoded (or null). */
    public static final class Text {
        public final String text;
        public final String warning;

        Text(String text, String warning) {
            this.text = text;
            this.warning = warning;
        }
    }

    /** A file that cannot be used, with a message for the user. */
    public static final class Unreadable extends Exception {
        private final int line;
        private final int column;

        public Unreadable(String message) {
            this(message, 0, 0);
        }

        /** A refusal at a place in the file (1-based line and column; 0 when it is the whole file). */
        public Unreadable(String message, int line, int column) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }

        public int getLine() {
            return line;
        }

        public int getColumn() {
            return column;
        }
    }

    private SourceReader() {
    }

    /** Default largest file read, in MB ({@code max_file_mb}). */
    public static final int DEFAULT_MAX_MB = 64;

    public static Text read(Path p) throws Unreadable {
        return read(p, DEFAULT_MAX_MB * 1024L * 1024L);
    }

    /** Reads {@code p} if it is a regular file of at most {@code maxBytes}. */
    public static Text read(Path p, long maxBytes) throws Unreadable {
        byte[] b;
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                throw new Unreadable(a.isDirectory() ? "a folder, not a migration file"
                        : "not a regular file (a FIFO, socket or device): SchemaGate reads only regular files");
            }
            if (a.size() > maxBytes) {
                throw new Unreadable("the file is " + mb(a.size()) + ", above the " + mb(maxBytes)
                        + " limit for one migration: split it, or raise max_file_mb in schemagate.yaml");
            }
            b = Files.readAllBytes(p);
            if (b.length > maxBytes) {
                throw new Unreadable("the file grew past the " + mb(maxBytes) + " limit while it was read");
            }
        } catch (java.nio.file.AccessDeniedException e) {
            throw new Unreadable("permission denied: cannot read the file (check its permissions)");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new Unreadable(Files.isSymbolicLink(p) ? "broken symbolic link (its target is missing, or the links form a loop)"
                    : "the file disappeared while SchemaGate ran");
        } catch (java.nio.file.FileSystemException e) {
            throw new Unreadable("cannot read the file: " + (e.getReason() != null ? e.getReason() : e.getMessage()));
        } catch (IOException e) {
            throw new Unreadable("cannot read the file: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new Unreadable("the file is too large to read into memory");
        }
        return decode(b);
    }

    public static Text decode(byte[] b) throws Unreadable {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return strict(b, 3, StandardCharsets.UTF_8, null);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return strict(b, 2, StandardCharsets.UTF_16LE, null);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return strict(b, 2, StandardCharsets.UTF_16BE, null);
        }
        int control = 0;
        for (byte x : b) {
            if (x == 0) {
                throw new Unreadable("binary file (contains NUL bytes), not a SQL migration");
            }
            if (x > 0 && x < 0x20 && x != '\t' && x != '\n' && x != '\r' && x != '\f') {
                control++;
            }
        }
        if (b.length >= 16 && control * 10L > b.length) {
            throw new Unreadable("binary file (" + (control * 100L / b.length) + "% control bytes), not a SQL migration");
        }
        try {
            return strict(b, 0, StandardCharsets.UTF_8, null);
        } catch (Unreadable e) {
            return new Text(new String(b, Charset.forName("windows-1252")),
                    "not valid UTF-8; read as Windows-1252 (Latin-1): save the file as UTF-8 to silence this");
        }
    }

    static String mb(long bytes) {
        return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : bytes + " bytes";
    }

    /**
     * Decodes {@code b} from {@code offset}, refusing malformed input. The bytes are first checked through a small
     * buffer, then decoded once into the string: decoding into one buffer of the whole text would hold it twice
     * more (as UTF-16 characters, then as the string).
     */
    private static Text strict(byte[] b, int offset, Charset cs, String warning) throws Unreadable {
        CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, offset, b.length - offset);
        CharBuffer out = CharBuffer.allocate(8192);
        int line = 1;
        int column = 1;
        char prev = 0;
        while (true) {
            CoderResult r = dec.decode(in, out, true);
            out.flip();
            while (out.hasRemaining()) { // line ends as the readers count them: LF, CRLF, a lone CR
                char c = out.get();
                if (c == '\n' && prev == '\r') {
                    column = 1;
                } else if (c == '\n' || c == '\r') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
                prev = c;
            }
            out.clear();
            if (r.isError()) {
                throw new Unreadable("not valid " + cs.name() + " (byte offset " + in.position() + (offset > 0 ? ", after its byte-order mark" : "") + "): save the file as "
                        + (offset > 0 ? cs.name() + " again, or as UTF-8 without the byte-order mark" : "UTF-8"),
                        line, column);
            }
            if (r.isUnderflow()) {
                break;
            }
        }
        while (dec.flush(out).isOverflow()) {
            out.clear();
        }
        return new Text(new String(b, offset, b.length - offset, cs), warning);
    }
}
