package dev.schemagate.dialects.common;

import java.util.Arrays;

/**
 * Maps character offsets of a source text to 1-based line and column. A line ends at {@code \n}, at
 * {@code \r\n} or at a lone {@code \r}, so CRLF and mixed line endings count the same as LF. Columns count
 * UTF-16 code units, as SARIF does by default.
 */
public final class LineMap {
    private final int[] starts;
    private final int length;

    public LineMap(CharSequence text) {
        int[] s = new int[64];
        int n = 0;
        s[n++] = 0;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= len || text.charAt(i + 1) != '\n'))) {
                if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                }
                s[n++] = i + 1;
            }
        }
        this.starts = Arrays.copyOf(s, n);
        this.length = len;
    }

    /** 1-based line of {@code offset}. */
    public int line(int offset) {
        int i = Arrays.binarySearch(starts, Math.min(Math.max(offset, 0), length));
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** 1-based column of {@code offset}. */
    public int column(int offset) {
        int o = Math.min(Math.max(offset, 0), length);
        return o - starts[line(o) - 1] + 1;
    }

    /** Offset of the first character of 1-based {@code line}. */
    public int lineStart(int line) {
        return starts[Math.min(Math.max(line, 1), starts.length) - 1];
    }

    public int lineCount() {
        return starts.length;
    }
}
