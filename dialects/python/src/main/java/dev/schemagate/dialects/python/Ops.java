package dev.schemagate.dialects.python;

import dev.schemagate.model.code.CodeOp;
import java.util.ArrayList;
import java.util.List;

/** The operations of one up or down part as they are found, placed at their Python nodes. */
final class Ops {
    final List<CodeOp> list = new ArrayList<>();
    /** Inside Alembic's {@code autocommit_block()}. */
    boolean outside;

    void generated(PyNode at, String sql) {
        add(CodeOp.generated(at.line(), at.column(), at.endLine(), at.endColumn(), call(at), sql));
    }

    void literal(PyNode at, PyExpr.Str s) {
        add(CodeOp.literal(s.line(), s.column(), at.endLine(), at.endColumn(), call(at), s.value()));
    }

    void uncertain(PyNode at, String table, String reason) {
        add(CodeOp.uncertain(at.line(), at.column(), at.endLine(), at.endColumn(), call(at), table, reason));
    }

    private void add(CodeOp op) {
        list.add(outside ? op.outside() : op);
    }

    /** The callee of a call ({@code op.create_index}), else the first line of the node's text. */
    static String call(PyNode at) {
        if (at.is("call")) {
            String d = PyExpr.dotted(at.get("function"));
            if (d != null) {
                return d;
            }
        }
        String t = at.text().strip();
        int nl = t.indexOf('\n');
        t = nl < 0 ? t : t.substring(0, nl);
        return t.length() > 60 ? t.substring(0, 60) : t;
    }
}
