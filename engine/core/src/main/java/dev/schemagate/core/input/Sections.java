package dev.schemagate.core.input;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts one migration out of a file that holds several parts, keeping every kept character at its line and column:
 * the other lines are emptied, never removed.
 */
public final class Sections {
    private static final Pattern MARKER = Pattern.compile("^\\s*--\\s*migrate:(up|down)\\b(.*)$");
    private static final Pattern NO_TX = Pattern.compile("transaction\\s*:\\s*false");

    /** A section's text (same line count as the file) and whether its marker turns the transaction off. */
    public static final class Part {
        public final String text;
        public final boolean noTransaction;
        public final int markerLine;

        Part(String text, boolean noTransaction, int markerLine) {
            this.text = text;
            this.noTransaction = noTransaction;
            this.markerLine = markerLine;
        }
    }

    private Sections() {
    }

    /** The {@code -- migrate:up} (or {@code -- migrate:down}) section of a dbmate file. */
    public static Part dbmate(String text, boolean up) {
        String want = up ? "up" : "down";
        StringBuilder sb = new StringBuilder(text.length());
        String current = null;
        boolean noTx = false;
        int markerLine = 0;
        int line = 1;
        int i = 0;
        while (i <= text.length()) {
            int nl = text.indexOf('\n', i);
            int end = nl < 0 ? text.length() : nl;
            String l = text.substring(i, end);
            Matcher m = MARKER.matcher(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
            if (m.matches()) {
                current = m.group(1);
                if (current.equals(want)) {
                    noTx = NO_TX.matcher(m.group(2)).find();
                    markerLine = line;
                }
            } else if (want.equals(current)) {
                sb.append(l);
            }
            if (nl < 0) {
                break;
            }
            sb.append('\n');
            i = nl + 1;
            line++;
        }
        return new Part(sb.toString(), noTx, markerLine);
    }

    /** Whether a SQL text holds no statement: only whitespace, comments and semicolons. */
    public static boolean blank(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == ';') {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '#' && i + 1 < n && sql.charAt(i + 1) == ' ') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int e = sql.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else {
                return false;
            }
        }
        return true;
    }
}
