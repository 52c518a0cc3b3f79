package dev.schemagate.model.code;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of a file a code-migration reader looks into while it claims a layout (a migration's class name, a
 * revision id, a knexfile), decoded as the engine decodes the file it then checks: a byte-order mark decides UTF-8
 * or UTF-16, a file without one is UTF-8 when it is valid UTF-8 and Windows-1252 otherwise. Reading these with a
 * strict UTF-8 decoder made a UTF-16 or Latin-1 migration look like no migration, and it was silently left out.
 */
public final class CodeText {
    private CodeText() {
    }

    /** The decoded text of {@code p}; the I/O errors of reading it are the caller's to report. */
    public static String read(Path p) throws IOException {
        return decode(Files.readAllBytes(p));
    }

    /** Text as the engine's reader decodes it; never fails (a malformed byte after a mark becomes U+FFFD). */
    public static String decode(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, Charset.forName("windows-1252"));
        }
    }
}
