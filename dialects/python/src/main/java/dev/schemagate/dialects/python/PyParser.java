package dev.schemagate.dialects.python;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/**
 * Parses Python 3 source with tree-sitter-python (the grammar GitHub and editors use; it knows f-strings,
 * annotations, decorators, {@code match}, walrus and the 3.12 type syntax) and copies the tree into {@link PyNode}s.
 * tree-sitter recovers from syntax errors: the tree is still returned, with the first error's position.
 */
public final class PyParser {
    /** A parsed file: its tree and the syntax errors tree-sitter recovered from (first few, in order). */
    public record Parsed(PyNode root, List<Error> errors) {
    }

    /** A syntax error at a 1-based position. */
    public record Error(int line, int column, String message) {
    }

    private static final int MAX_ERRORS = 5;

    private PyParser() {
    }

    public static Parsed parse(String text) {
        TSParser p = new TSParser();
        p.setLanguage(new TreeSitterPython());
        TSTree tree = p.parseString(null, text);
        Positions pos = new Positions(text);
        List<Error> errors = new ArrayList<>();
        PyNode root = copy(tree.getRootNode(), null, text, pos, errors);
        return new Parsed(root, errors);
    }

    private static PyNode copy(TSNode n, String field, String text, Positions pos, List<Error> errors) {
        int start = pos.charAt(n.getStartByte());
        int end = pos.charAt(n.getEndByte());
        List<PyNode> kids = new ArrayList<>();
        if (n.isError() || n.isMissing()) {
            if (errors.size() < MAX_ERRORS) {
                String what = n.isMissing() ? "missing " + n.getType()
                        : "unexpected " + excerpt(text.substring(start, end));
                errors.add(new Error(pos.line(start), pos.column(start), "Python syntax error: " + what));
            }
        }
        if (n.hasError() || !n.isError()) {
            int count = n.getChildCount();
            for (int i = 0; i < count; i++) {
                TSNode c = n.getChild(i);
                if (c.isNamed() || c.isMissing()) {
                    kids.add(copy(c, n.getFieldNameForChild(i), text, pos, errors));
                }
            }
        }
        return new PyNode(n.getType(), field, text.substring(start, end), pos.line(start), pos.column(start),
                pos.line(Math.max(start, end - 1)), pos.column(Math.max(start, end - 1)), kids);
    }

    private static String excerpt(String s) {
        String t = s.strip().replace('\n', ' ');
        return t.isEmpty() ? "end of input" : "'" + (t.length() > 30 ? t.substring(0, 30) + "..." : t) + "'";
    }

    /** UTF-8 byte offsets (what tree-sitter reports) to character offsets, lines and columns. */
    static final class Positions {
        private final int[] charOfByte;
        private final int[] lineStarts;

        Positions(String text) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            charOfByte = new int[b.length + 1];
            int bi = 0;
            for (int ci = 0; ci < text.length(); ci++) {
                int cp = text.charAt(ci);
                int len;
                if (Character.isHighSurrogate((char) cp) && ci + 1 < text.length()) {
                    len = 4;
                } else if (Character.isLowSurrogate((char) cp)) {
                    continue;
                } else {
                    len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
                }
                for (int k = 0; k < len && bi + k < charOfByte.length; k++) {
                    charOfByte[bi + k] = ci;
                }
                bi += len;
            }
            for (int k = bi; k < charOfByte.length; k++) {
                charOfByte[k] = text.length();
            }
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        int charAt(int byteOffset) {
            return charOfByte[Math.min(Math.max(byteOffset, 0), charOfByte.length - 1)];
        }

        int line(int charOffset) {
            int lo = 0;
            int hi = lineStarts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (lineStarts[mid] <= charOffset) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo + 1;
        }

        int column(int charOffset) {
            return charOffset - lineStarts[line(charOffset) - 1] + 1;
        }
    }
}
