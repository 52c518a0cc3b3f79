package dev.schemagate.dialects.common;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Statement;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.Unparsed;
import java.util.List;

/**
 * Helpers every dialect's mapper needs: tag the changes of a statement with their dialect, reader and part
 * number, and turn a statement nothing could read into an {@link Unparsed} change at the right file position.
 */
public final class Mapping {
    /** Option naming the reader that produced a change: jsqlparser, fallback (own reader), none, .... */
    public static final String READER = "reader";

    private Mapping() {
    }

    public static List<Change> tag(List<Change> changes, Dialect dialect, String reader) {
        int part = 0;
        for (Change c : changes) {
            c.setDialect(dialect);
            c.setOption(READER, reader);
            c.setPart(part++);
        }
        return changes;
    }

    public static Unparsed unparsed(Statement st, Dialect dialect, String reason, int line, int col) {
        Unparsed u = new Unparsed(st, null, reason, line, col);
        u.setDialect(dialect);
        u.setOption(READER, "none");
        return u;
    }

    /** An unparsed change at JSqlParser's error position (which counts from the statement's start). */
    public static Unparsed unparsedFromParser(Statement st, Dialect dialect, JSqlRunner.Outcome parsed) {
        int line = st.getLine() + Math.max(parsed.line, 1) - 1;
        int col = parsed.line <= 1 ? st.getColumn() + Math.max(parsed.column, 1) - 1 : Math.max(parsed.column, 1);
        return unparsed(st, dialect, (parsed.timedOut ? "" : "JSqlParser: ") + parsed.error, line, col);
    }

    /**
     * A statement whose parentheses do not balance cannot be valid SQL: the reader that follows JSqlParser's
     * rejection must not model it (it would pass unchecked). Returns the unparsed change at the unclosed "(" or the
     * stray ")", or null when they balance.
     */
    public static Unparsed unbalanced(Statement st, Dialect dialect, List<Token> tokens) {
        java.util.ArrayDeque<Token> open = new java.util.ArrayDeque<>();
        for (Token t : tokens) {
            if (t.isOp("(")) {
                open.push(t);
            } else if (t.isOp(")")) {
                if (open.isEmpty()) {
                    int[] pos = position(st, t.start);
                    return unparsed(st, dialect, "unbalanced parentheses: this ) closes nothing", pos[0], pos[1]);
                }
                open.pop();
            }
        }
        if (open.isEmpty()) {
            return null;
        }
        int[] pos = position(st, open.peek().start);
        return unparsed(st, dialect, "unbalanced parentheses: " + open.size() + " ( never closed, the last one here",
                pos[0], pos[1]);
    }

    /**
     * A statement lexed once: its tokens (null for one the splitter could not close) and, when its parentheses do not
     * balance, the unparsed change that says so ({@link #unbalanced}). Such a statement is not handed to JSqlParser:
     * it cannot parse, and 2,500 open parentheses kept JSqlParser busy until its limit (2 s of CPU; fuzz finding 25).
     */
    public record Lexed(List<Token> tokens, Unparsed unbalanced) {
        /** Whether JSqlParser is worth asking. */
        public boolean parseable() {
            return tokens != null && unbalanced == null;
        }
    }

    public static Lexed lex(Statement st, Dialect dialect, Lexer.Options options) {
        if (st.getSplitError() != null) {
            return new Lexed(null, null);
        }
        List<Token> tokens = Lexer.lex(st.getText(), options);
        return new Lexed(tokens, unbalanced(st, dialect, tokens));
    }

    /** File line and column of a character offset inside the statement text. */
    public static int[] position(Statement st, int offset) {
        String t = st.getText();
        int line = st.getLine();
        int col = st.getColumn();
        for (int k = 0; k < Math.min(offset, t.length()); k++) {
            char ch = t.charAt(k);
            if (ch == '\n' || (ch == '\r' && (k + 1 >= t.length() || t.charAt(k + 1) != '\n'))) {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[] {line, col};
    }
}
