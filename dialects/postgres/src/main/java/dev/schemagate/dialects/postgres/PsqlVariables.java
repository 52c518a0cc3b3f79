package dev.schemagate.dialects.postgres;

import dev.schemagate.dialects.common.Token;
import java.util.List;

/**
 * psql variables: a script run with {@code psql -v schema=app} (as Sqitch and many hand-rolled runners do) writes
 * {@code :schema}, {@code :'schema'} or {@code :"schema"}, and psql puts the value in before the server sees the
 * statement. SchemaGate does not know the value, so it reads the reference as the variable's name: {@code :schema.t}
 * as the table {@code schema.t}, {@code :'v'} as the string {@code 'v'}, {@code :"v"} as the identifier {@code "v"}.
 * Only the colon changes (to a space), so every line and column stays where it was.
 */
final class PsqlVariables {
    private PsqlVariables() {
    }

    /**
     * The text with the colon of each psql variable reference blanked, or {@code text} itself when there is none.
     * A reference is a lone {@code :} (not {@code ::} or {@code :=}) directly followed by a name, a string or a
     * quoted identifier, outside square brackets (where {@code a[1:n]} is an array slice).
     */
    static String blank(String text, List<Token> tokens) {
        char[] out = null;
        int brackets = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind != Token.Kind.OP) {
                continue;
            }
            if (t.isOp("[")) {
                brackets++;
            } else if (t.isOp("]")) {
                brackets = Math.max(0, brackets - 1);
            } else if (t.isOp(":") && brackets == 0 && i + 1 < tokens.size()) {
                Token next = tokens.get(i + 1);
                boolean named = next.start == t.end && (next.kind == Token.Kind.WORD || next.kind == Token.Kind.QUOTED_IDENT
                        && next.text().startsWith("\"") || next.kind == Token.Kind.STRING && next.text().startsWith("'"));
                if (named) {
                    if (out == null) {
                        out = text.toCharArray();
                    }
                    out[t.start] = ' ';
                }
            }
        }
        return out == null ? text : new String(out);
    }
}
