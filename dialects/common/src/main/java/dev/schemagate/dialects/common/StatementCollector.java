package dev.schemagate.dialects.common;

import dev.schemagate.model.Comment;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The bookkeeping every splitter shares while it walks a script's tokens: comments before a statement are kept
 * with it, an unterminated string or comment becomes the statement's split error, and each statement covers
 * the source from its first to its last significant token. The splitter decides only where statements end.
 */
public final class StatementCollector {
    private final Migration migration;
    private final String text;
    private final LineMap lines;
    private final List<Statement> out = new ArrayList<>();
    private List<Comment> pending = new ArrayList<>();
    private int start = -1;
    private int lastEnd = -1;
    private String error;
    private int errorAt = -1;

    public StatementCollector(Migration migration, String text) {
        this.migration = migration;
        this.text = text;
        this.lines = new LineMap(text);
    }

    /** True while a statement has started and not ended. */
    public boolean open() {
        return start >= 0;
    }

    /** Offset where the open statement starts, or -1. */
    public int startOffset() {
        return start;
    }

    /**
     * Takes comments (kept for the next statement) and unterminated tokens (the statement's split error); returns
     * false for every other token, which the splitter handles.
     */
    public boolean common(Token t) {
        if (t.isComment()) {
            if (start < 0) {
                pending.add(Statements.comment(t, lines));
            }
            return true;
        }
        if (t.kind == Token.Kind.UNTERMINATED) {
            if (start < 0) {
                start = t.start;
            }
            fail(Statements.describeUnterminated(t), t.start);
            lastEnd = t.end;
            return true;
        }
        return false;
    }

    /** Adds a token to the statement (starting one if none is open); returns true when it starts a statement. */
    public boolean token(Token t) {
        boolean first = start < 0;
        if (first) {
            start = t.start;
        }
        lastEnd = t.end;
        return first;
    }

    /** Records the open statement's split error (the first one wins). */
    public void fail(String message, int offset) {
        if (error == null) {
            error = message;
            errorAt = offset;
        }
    }

    /** Ends the open statement and returns it (null when none is open). */
    public Statement end() {
        if (start < 0) {
            return null;
        }
        Statement s = Statements.make(migration, out.size(), text, lines, start, lastEnd, pending, error, errorAt);
        out.add(s);
        pending = new ArrayList<>();
        start = -1;
        error = null;
        return s;
    }

    /** A statement made of one token (a psql meta-command), with the comments before it. */
    public void single(Token t) {
        out.add(Statements.make(migration, out.size(), text, lines, t.start, t.end, pending));
        pending = new ArrayList<>();
    }

    /** Ends any open statement and returns every statement, in order. */
    public List<Statement> finish() {
        end();
        return out;
    }
}
