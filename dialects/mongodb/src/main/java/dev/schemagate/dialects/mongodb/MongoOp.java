package dev.schemagate.dialects.mongodb;

import java.util.List;

/**
 * One database operation as read from a migration, in mongosh terms: a method called on a collection (or on the
 * database), its collection, and its arguments read statically. Command documents ({@code runCommand},
 * golang-migrate JSON, Liquibase {@code runCommand}) keep method {@code runCommand} and the document as argument.
 * An operation that cannot be resolved has an {@link #getUncertain() uncertain} reason instead.
 */
public final class MongoOp {
    /** Method of the check that a migrate-mongo file has a working {@code down()}. */
    public static final String DOWN_CHECK = "$down";

    private final String method;
    private final String collection;
    private final List<Object> args;
    private final String uncertain;
    private final String tool;
    private final String loop;

    MongoOp(String method, String collection, List<Object> args, String uncertain, String tool, String loop) {
        this.method = method;
        this.collection = collection;
        this.args = args == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
        this.uncertain = uncertain;
        this.tool = tool;
        this.loop = loop;
    }

    static MongoOp of(String method, String collection, List<Object> args, String tool) {
        return new MongoOp(method, collection, args, null, tool, null);
    }

    static MongoOp uncertain(String method, String reason, String tool) {
        return new MongoOp(method, null, List.of(), reason, tool, null);
    }

    MongoOp inLoop(String l) {
        return new MongoOp(method, collection, args, uncertain, tool, l);
    }

    public String getMethod() {
        return method;
    }

    /** The collection, or null for database-level operations and unresolved names. */
    public String getCollection() {
        return collection;
    }

    public List<Object> getArgs() {
        return args;
    }

    public Object arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    /** Why the operation cannot be read statically, or null. */
    public String getUncertain() {
        return uncertain;
    }

    /** migrate-mongo, mongosh, liquibase or golang-migrate. */
    public String getTool() {
        return tool;
    }

    /** The loop the call runs in, or null. */
    public String getLoop() {
        return loop;
    }

    @Override
    public String toString() {
        return (collection == null ? "" : collection + ".") + method + args + (uncertain == null ? "" : " uncertain: " + uncertain);
    }
}
