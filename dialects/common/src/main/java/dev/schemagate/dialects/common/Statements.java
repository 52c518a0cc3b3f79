package dev.schemagate.dialects.common;

import dev.schemagate.model.Comment;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import java.util.List;

/** Helpers for splitters: build positioned statements and comments from offsets. */
public final class Statements {
    private Statements() {
    }

    /** A statement covering [start, end) of {@code text}. */
    public static Statement make(Migration m, int index, String text, LineMap lines, int start, int end,
                                 List<Comment> comments) {
        int last = Math.max(start, end - 1);
        return new Statement(m, index, lines.line(start), lines.column(start), lines.line(last), lines.column(last),
                text, start, end, comments);
    }

    /** Like {@link #make}, with the splitter's problem (an unterminated token at {@code errorAt}) when there is one. */
    public static Statement make(Migration m, int index, String text, LineMap lines, int start, int end,
                                 List<Comment> comments, String error, int errorAt) {
        Statement s = make(m, index, text, lines, start, end, comments);
        if (error != null) {
            s.setSplitError(error, lines.line(errorAt), lines.column(errorAt));
        }
        return s;
    }

    /** A comment token as a {@link Comment}, without its markers. */
    public static Comment comment(Token t, LineMap lines) {
        String s = t.text();
        if (s.startsWith("--")) {
            s = s.substring(2);
        } else if (s.startsWith("#") || s.startsWith("//")) {
            s = s.substring(s.startsWith("//") ? 2 : 1);
        } else if (s.startsWith("/*")) {
            s = s.substring(2, s.endsWith("*/") && s.length() >= 4 ? s.length() - 2 : s.length());
        }
        return new Comment(lines.line(t.start), lines.column(t.start), s.trim());
    }

    /** Describes an unterminated token for an error message. */
    public static String describeUnterminated(Token t) {
        String s = t.text();
        if (s.startsWith("/*")) {
            return "unterminated block comment";
        }
        if (s.startsWith("$")) {
            return "unterminated dollar-quoted string " + s.substring(0, Math.max(1, s.indexOf('$', 1) + 1));
        }
        if (s.startsWith("\"") || s.startsWith("`") || s.startsWith("[")) {
            return "unterminated quoted identifier";
        }
        return "unterminated string literal";
    }
}
