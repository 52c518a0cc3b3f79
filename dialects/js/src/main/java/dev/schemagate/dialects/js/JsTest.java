package dev.schemagate.dialects.js;

/**
 * A condition as written ({@code if (test)}, {@code test ? a : b}), read statically: comparisons, {@code !},
 * {@code &&}, {@code ||} and {@code list.includes(x)} keep their shape with their operands evaluated (a constant
 * bound to a condition is followed), anything else is one evaluated {@link Kind#VALUE}.
 */
public final class JsTest {
    public enum Kind {
        /** {@code left == right} / {@code ===}; {@link #isNegated()} for {@code !=} / {@code !==}. */
        EQUALS,
        NOT,
        AND,
        OR,
        /** {@code left.includes(right)}. */
        INCLUDES,
        /** Any other expression: {@link #getLeft()} is its value. */
        VALUE
    }

    private final Kind kind;
    private final boolean negated;
    private final Object left;
    private final Object right;
    private final JsTest a;
    private final JsTest b;
    private final String text;

    JsTest(Kind kind, boolean negated, Object left, Object right, JsTest a, JsTest b, String text) {
        this.kind = kind;
        this.negated = negated;
        this.left = left;
        this.right = right;
        this.a = a;
        this.b = b;
        this.text = text;
    }

    public Kind getKind() {
        return kind;
    }

    public boolean isNegated() {
        return negated;
    }

    /** The left operand's value ({@link JsValue}), the list of INCLUDES, or the value of VALUE. */
    public Object getLeft() {
        return left;
    }

    public Object getRight() {
        return right;
    }

    /** The operand of NOT, the first of AND/OR. */
    public JsTest getA() {
        return a;
    }

    public JsTest getB() {
        return b;
    }

    /** The source text. */
    public String getText() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
