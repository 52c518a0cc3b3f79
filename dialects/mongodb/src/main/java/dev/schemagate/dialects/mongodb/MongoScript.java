package dev.schemagate.dialects.mongodb;

import dev.schemagate.dialects.js.JsModule;
import dev.schemagate.dialects.js.JsSyntaxError;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations of a MongoDB migration file as a program that runs them needs them ({@code schemagate verify}):
 * the up part exactly as {@code check} reads it, and for migrate-mongo files the calls of {@code down()} too.
 */
public final class MongoScript {
    /**
     * One operation at its place. {@code method} is the mongosh method ({@code createIndex}, {@code runCommand},
     * ...), null for a file that could not be read; {@code uncertain} says why it cannot be known statically.
     */
    public record Op(int line, int column, int endLine, int endColumn, String text, String method, String collection,
                     List<Object> args, String uncertain, String loop) {
        public Object arg(int i) {
            return i < args.size() ? args.get(i) : null;
        }
    }

    private MongoScript() {
    }

    /** The up operations (the whole file for mongosh scripts, JSON commands and changelogs). */
    public static List<Op> up(String path, String text) {
        return ops(MongoDialect.read(path, text));
    }

    /** The operations of a migrate-mongo file's {@code down()}, or null when the file exports no down. */
    public static List<Op> down(String path, String text) {
        String shape = MongoDialect.shape(path, text);
        if (!shape.equals("javascript") && !shape.equals("typescript")) {
            return null;
        }
        try {
            JsModule m = JsModule.parse(text, shape.equals("typescript"));
            if (!m.exportsName("up")) {
                return null;
            }
            List<Located> l = JsOps.readDown(m);
            return l == null ? null : ops(l);
        } catch (JsSyntaxError e) {
            return List.of(new Op(Math.max(1, e.getLine()), Math.max(1, e.getColumn()), Math.max(1, e.getLine()),
                    Math.max(1, e.getColumn()), text, null, null, List.of(), "syntax error: " + e.getMessage(), null));
        }
    }

    private static List<Op> ops(List<Located> located) {
        List<Op> out = new ArrayList<>();
        for (Located l : located) {
            if (l.error != null) {
                out.add(new Op(l.line, l.column, l.endLine, l.endColumn, l.text, null, null, List.of(), l.error, null));
            } else {
                MongoOp o = l.op;
                out.add(new Op(l.line, l.column, l.endLine, l.endColumn, l.text, o.getMethod(), o.getCollection(),
                        o.getArgs(), o.getUncertain(), o.getLoop()));
            }
        }
        return out;
    }
}
