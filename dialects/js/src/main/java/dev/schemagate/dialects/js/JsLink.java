package dev.schemagate.dialects.js;

import java.util.List;

/**
 * One link of a member or call chain: {@code collection('users')} in {@code db.collection('users').drop()} is a
 * link named {@code collection} that is called with one argument. The root of a chain is a link that is not
 * called (an identifier such as {@code db}) unless the chain starts with a plain function call.
 */
public final class JsLink {
    private final String name;
    private final Object computed;
    private final boolean call;
    private final List<Object> args;
    private final boolean awaited;
    private final List<JsElement> argPlaces;

    public JsLink(String name, Object computed, boolean call, List<Object> args) {
        this(name, computed, call, args, false, List.of());
    }

    private JsLink(String name, Object computed, boolean call, List<Object> args, boolean awaited, List<JsElement> argPlaces) {
        this.name = name;
        this.computed = computed;
        this.call = call;
        this.args = args == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
        this.awaited = awaited;
        this.argPlaces = List.copyOf(argPlaces);
    }

    /**
     * The call's arguments with their places and source text, one per argument (empty when the link was read
     * through a constant bound elsewhere, whose text is not at the call).
     */
    public List<JsElement> getArgPlaces() {
        return argPlaces;
    }

    JsLink withCall(List<Object> a, List<JsElement> places) {
        return new JsLink(name, computed, true, a, awaited, places);
    }

    /**
     * True when this link ends the initializer of a constant that was awaited ({@code const docs = await
     * coll.find().toArray()}): the links after it act on the awaited result, not on the chain.
     */
    public boolean isAwaited() {
        return awaited;
    }

    public JsLink asAwaited() {
        return new JsLink(name, computed, call, args, true, argPlaces);
    }

    /** The property or identifier name; null for a computed member ({@code db[name]}) whose key is unknown. */
    public String getName() {
        return name;
    }

    /** The key of a computed member as read ({@code db[name]}), or null for a plain name. */
    public Object getComputed() {
        return computed;
    }

    public boolean isCall() {
        return call;
    }

    /** The call's arguments, read with {@link JsValue}'s rules. */
    public List<Object> getArgs() {
        return args;
    }

    public JsLink withCall(List<Object> a) {
        return new JsLink(name, computed, true, a, awaited, List.of());
    }

    @Override
    public String toString() {
        String n = name != null ? name : "[" + computed + "]";
        return call ? n + "(" + args.size() + ")" : n;
    }
}
