package dev.schemagate.dialects.js;

import com.caoccao.javet.swc4j.Swc4j;
import com.caoccao.javet.swc4j.ast.clazz.Swc4jAstClassMethod;
import com.caoccao.javet.swc4j.ast.clazz.Swc4jAstClassProp;
import com.caoccao.javet.swc4j.ast.clazz.Swc4jAstComputedPropName;
import com.caoccao.javet.swc4j.ast.clazz.Swc4jAstFunction;
import com.caoccao.javet.swc4j.ast.clazz.Swc4jAstKeyValueProp;
import com.caoccao.javet.swc4j.ast.clazz.Swc4jAstMethodProp;
import com.caoccao.javet.swc4j.ast.clazz.Swc4jAstParam;
import com.caoccao.javet.swc4j.ast.enums.Swc4jAstAssignOp;
import com.caoccao.javet.swc4j.ast.enums.Swc4jAstUnaryOp;
import com.caoccao.javet.swc4j.ast.enums.Swc4jAstVarDeclKind;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstArrowExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstAssignExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstAwaitExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstBinExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstCallExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstExprOrSpread;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstFnExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstIdent;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstIdentName;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstMemberExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstNewExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstParenExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstSpreadElement;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstThisExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstTpl;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstTsAsExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstTsConstAssertion;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstTsNonNullExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstTsSatisfiesExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstTsTypeAssertion;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstUnaryExpr;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstArrayLit;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstBool;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstNull;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstNumber;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstObjectLit;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstStr;
import com.caoccao.javet.swc4j.ast.interfaces.ISwc4jAst;
import com.caoccao.javet.swc4j.ast.interfaces.ISwc4jAstExpr;
import com.caoccao.javet.swc4j.ast.interfaces.ISwc4jAstPat;
import com.caoccao.javet.swc4j.ast.interfaces.ISwc4jAstPropName;
import com.caoccao.javet.swc4j.ast.miscs.Swc4jAstCatchClause;
import com.caoccao.javet.swc4j.ast.miscs.Swc4jAstTplElement;
import com.caoccao.javet.swc4j.ast.module.Swc4jAstExportDecl;
import com.caoccao.javet.swc4j.ast.module.Swc4jAstExportDefaultExpr;
import com.caoccao.javet.swc4j.ast.module.Swc4jAstExportNamedSpecifier;
import com.caoccao.javet.swc4j.ast.module.Swc4jAstImportDecl;
import com.caoccao.javet.swc4j.ast.module.Swc4jAstImportDefaultSpecifier;
import com.caoccao.javet.swc4j.ast.module.Swc4jAstImportNamedSpecifier;
import com.caoccao.javet.swc4j.ast.module.Swc4jAstImportStarAsSpecifier;
import com.caoccao.javet.swc4j.ast.pat.Swc4jAstAssignPat;
import com.caoccao.javet.swc4j.ast.pat.Swc4jAstBindingIdent;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstBlockStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstDoWhileStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstFnDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstForInStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstForOfStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstForStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstVarDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstVarDeclarator;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstWhileStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstIfStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstSwitchStmt;
import com.caoccao.javet.swc4j.ast.miscs.Swc4jAstSwitchCase;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstCondExpr;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstReturnStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstThrowStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstBreakStmt;
import com.caoccao.javet.swc4j.ast.enums.Swc4jAstBinaryOp;
import com.caoccao.javet.swc4j.enums.Swc4jMediaType;
import com.caoccao.javet.swc4j.enums.Swc4jParseMode;
import com.caoccao.javet.swc4j.exceptions.Swc4jCoreException;
import com.caoccao.javet.swc4j.options.Swc4jParseOptions;
import dev.schemagate.dialects.common.LineMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JavaScript or TypeScript file read with swc (through swc4j): its functions, what it exports (CommonJS
 * {@code module.exports} / {@code exports.x} and ES module {@code export}), what it imports, and every call with its
 * chain resolved statically. Constants bound to literals ({@code const coll = 'users'}) and to chains
 * ({@code const users = db.collection('users')}) are followed; everything else is an {@link JsValue.Unknown}
 * that says why. Parsing is not thread-safe per instance of the native parser, so it is serialised.
 */
public final class JsModule {
    private static final Pattern POSITION = Pattern.compile("\\s+at\\s+\\S*?:(\\d+):(\\d+)");
    private static final Set<String> ITERATORS = Set.of("forEach", "map", "flatMap", "filter", "reduce", "some", "every",
            "find", "findIndex");
    private static Swc4j swc;

    private final String text;
    private final LineMap lines;
    private ISwc4jAst root;
    private final List<JsFunction> functions = new ArrayList<>();
    private final Map<ISwc4jAst, JsFunction> functionOf = new IdentityHashMap<>();
    private final List<JsCall> calls = new ArrayList<>();
    private final Map<String, JsFunction> exports = new TreeMap<>();
    private final Map<String, String> imports = new TreeMap<>();
    /** Bindings by name, then by scope (null: the module). */
    private final Map<String, Map<JsFunction, List<Binding>>> bindings = new HashMap<>();
    private final Set<String> reassigned = new HashSet<>();
    private final Set<String> exportedNames = new HashSet<>();
    private final Map<String, ISwc4jAstExpr> exportedValues = new HashMap<>();
    private final Map<String, ISwc4jAstExpr> classProps = new HashMap<>();
    private int depth;

    /** How a name is bound: a declaration with an initializer, or something known only at run time. */
    private static final class Binding {
        final int start;
        final JsFunction scope;
        final ISwc4jAstExpr init;
        final boolean constant;
        final String unknownReason;

        Binding(int start, JsFunction scope, ISwc4jAstExpr init, boolean constant, String unknownReason) {
            this.start = start;
            this.scope = scope;
            this.init = init;
            this.constant = constant;
            this.unknownReason = unknownReason;
        }
    }

    private JsModule(String text) {
        this.text = text;
        this.lines = new LineMap(text);
    }

    /** Parses a file; {@code typescript} selects the TypeScript grammar (a superset for most JavaScript). */
    public static JsModule parse(String text, boolean typescript) throws JsSyntaxError {
        // swc and the walks below recurse once per nesting level: on a large stack, after forSwc's limits
        return dev.schemagate.model.DeepStack.call("schemagate-js", () -> parseHere(text, typescript));
    }

    private static JsModule parseHere(String text, boolean typescript) throws JsSyntaxError {
        String parsed = forSwc(text);
        ISwc4jAst program;
        synchronized (JsModule.class) {
            if (swc == null) {
                try {
                    swc = new Swc4j();
                } catch (Throwable e) {
                    throw new JsSyntaxError("the JavaScript parser (swc4j) cannot load its native library on this machine: "
                            + e.getMessage(), 0, 0);
                }
            }
            Swc4jParseOptions o = new Swc4jParseOptions()
                    .setMediaType(typescript ? Swc4jMediaType.TypeScript : Swc4jMediaType.JavaScript)
                    .setParseMode(Swc4jParseMode.Program)
                    .setCaptureAst(true);
            try {
                program = swc.parse(parsed, o).getProgram();
            } catch (Swc4jCoreException e) {
                String msg = e.getMessage() == null ? "syntax error" : e.getMessage().trim().lines().findFirst().orElse("syntax error");
                Matcher m = POSITION.matcher(msg);
                int line = 0;
                int col = 0;
                if (m.find()) {
                    line = Integer.parseInt(m.group(1));
                    col = Integer.parseInt(m.group(2));
                    msg = msg.substring(0, m.start()).trim();
                }
                throw new JsSyntaxError(msg, line, col);
            } catch (RuntimeException | Error e) {
                throw new JsSyntaxError("the JavaScript parser failed: " + e, 0, 0);
            }
        }
        JsModule m = new JsModule(text);
        m.root = program;
        m.collect(program, null);
        m.walk(program, null, null, List.of());
        return m;
    }

    /** Brackets and template {@code ${} nested deeper than this are refused (real migrations stay far below). */
    static final int MAX_DEPTH = 256;

    /**
     * Operator characters along the expressions open at one point (each {@code !}, {@code =}, {@code =>}, {@code ?},
     * {@code .} or {@code +} of {@code !!!x}, {@code a = b = c}, {@code a => b => c}, {@code a ? b : c ? ...},
     * {@code a.b.c} or {@code a + b + c}; {@code new}, {@code typeof}, {@code await}, {@code else} ...): more is refused.
     * Real code stays in the tens.
     */
    static final int MAX_CHAIN = 5_000;

    /** Words after which an expression cannot go on: the chain of their bracket level ends. */
    private static final java.util.Set<String> STATEMENT_WORDS = java.util.Set.of("return", "throw", "const", "var",
            "switch", "try", "catch", "finally", "break", "continue", "export", "debugger", "case");
    /**
     * Words that nest like an operator: prefix operators, binary words, and statements whose body is a statement
     * ({@code if (a) if (b) ...}, else-if chains, loops).
     */
    private static final java.util.Set<String> CHAIN_WORDS = java.util.Set.of("new", "typeof", "void", "delete",
            "await", "yield", "in", "instanceof", "as", "satisfies", "keyof", "if", "else", "for", "while", "do", "with");
    /** Words followed by a parenthesized head and then a body. */
    private static final java.util.Set<String> CONTROL_WORDS = java.util.Set.of("if", "while", "for", "with");
    /** Words that continue the expression of the line before. */
    private static final java.util.Set<String> CONTINUING = java.util.Set.of("in", "instanceof", "else", "as",
            "satisfies");

    /**
     * swc parses nested expressions by recursion on the native stack, and swc4j builds the Java tree from it by
     * recursion too: past what the stack holds the JVM dies with SIGSEGV, which no Java code can catch (found by the
     * fuzzer: {@code knex.raw(knex.raw(...} 3,000 deep, then {@code `${`${...} 4,000 deep). Parsing runs on a
     * {@link dev.schemagate.model.DeepStack} thread, and before that the text outside strings, template text and
     * comments is scanned: brackets and template expressions nested more than {@link #MAX_DEPTH} deep, or more than
     * {@link #MAX_CHAIN} operators chained in the expressions open at one point, are a syntax error at the place that
     * goes too far. A chain ends at {@code ;} or {@code ,} of its bracket level, at a word that starts a statement
     * ({@code return}, {@code const}, ...), and at a line break where automatic semicolon insertion ends it (the line
     * ends with a name, literal or closing bracket and the next starts with a word that cannot continue it). Each
     * operator character counts once (an upper bound: {@code ===} is three), and so do {@code :} (labels nest) and
     * the words of statements whose body is a statement ({@code if (a) if (b) ...}, else-if chains, loops). Returns
     * the text swc gets, every position kept: spreads joined to their values ({@link Depth#spreadsJoined}) and
     * leading byte-order marks as spaces ({@link #withoutLeadingBoms}).
     */
    static String forSwc(String text) throws JsSyntaxError {
        Depth d = new Depth(text);
        d.scan();
        return withoutLeadingBoms(d.spreadsJoined());
    }

    /** The state of {@link #forSwc}'s scan. */
    private static final class Depth {
        private final String text;
        private final int n;
        private int line = 1;
        private int lineStart;
        private int depth;
        /** Operator characters per open bracket level, and their sum. */
        private final int[] chain = new int[MAX_DEPTH + 2];
        /** Per open bracket level: the parentheses of {@code if}, {@code while}, {@code for} or {@code with}. */
        private final boolean[] control = new boolean[MAX_DEPTH + 2];
        /** The last token was one of those words. */
        private boolean afterControl;
        private int chained;
        /**
         * Template literals nest: each entry is the bracket depth whose closing brace returns to template text, and
         * whether that template has no tag before it.
         */
        private final java.util.ArrayDeque<OpenTemplate> templates = new java.util.ArrayDeque<>();

        private record OpenTemplate(int depth, boolean bare) {
        }
        /** The last token could end an expression; a line break came after it. */
        private boolean ends;
        private boolean newline;

        /** Spreads {@code ...} with space or a comment before their value: start of the dots, start of the value. */
        private final List<int[]> spreads = new ArrayList<>();

        Depth(String text) {
            this.text = text;
            this.n = text.length();
        }

        /**
         * The text with each spread moved next to its value, in the blanks between them (same length, same lines):
         * swc4j panics and aborts the JVM on {@code f(... a)} or {@code [.../*x*\/a]} ("Couldn't find end" mapping the
         * argument's span; found by the fuzzer). When a line break leaves no room for the dots on the value's line the
         * file is a syntax error there.
         */
        String spreadsJoined() throws JsSyntaxError {
            if (spreads.isEmpty()) {
                return text;
            }
            char[] out = text.toCharArray();
            for (int[] sp : spreads) {
                int from = sp[0];
                int to = sp[1];
                for (int k = from; k < to; k++) {
                    if (out[k] != '\n' && out[k] != '\r') {
                        out[k] = ' ';
                    }
                }
                String room = text.substring(Math.max(from, to - 3), to);
                if (to - from < 3 || room.indexOf('\n') >= 0 || room.indexOf('\r') >= 0) {
                    int line = 1;
                    int start = 0;
                    for (int k = 0; k < to; k++) {
                        if (text.charAt(k) == '\n') {
                            line++;
                            start = k + 1;
                        }
                    }
                    throw new JsSyntaxError("a spread ... is separated from its value by a line break: not parsed (the "
                            + "JavaScript parser crashes on it); write ...value", line, to - start + 1);
                }
                out[to - 3] = '.';
                out[to - 2] = '.';
                out[to - 1] = '.';
            }
            return new String(out);
        }

        /** The index of the first character after {@code i} that is neither white space nor in a comment. */
        private int skipBlanks(int i) {
            while (i < n) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c) || c == '\uFEFF') {
                    i++;
                } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                    while (i < n && text.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                    int end = text.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                } else {
                    return i;
                }
            }
            return n;
        }

        private JsSyntaxError error(String what, int at) {
            return new JsSyntaxError(what, line, at - lineStart + 1);
        }

        private void endChain() {
            chained -= chain[depth];
            chain[depth] = 0;
        }

        private void chain(int at) throws JsSyntaxError {
            chain[depth]++;
            if (++chained > MAX_CHAIN) {
                throw error("more than " + MAX_CHAIN + " operators or statement bodies chained at one place: not parsed (the parser "
                        + "would overflow its stack)", at);
            }
        }

        private void open(int at) throws JsSyntaxError {
            if (++depth > MAX_DEPTH) {
                throw error("brackets nested more than " + MAX_DEPTH + " deep: not parsed (the parser would overflow"
                        + " its stack)", at);
            }
            chain[depth] = 0;
            control[depth] = false;
        }

        /** Closes a level; whether it was the condition of a statement whose body follows. */
        private boolean close() {
            if (depth > 0) {
                boolean condition = control[depth];
                endChain();
                depth--;
                return condition;
            }
            return false;
        }

        /**
         * Template text from {@code i} (after a backquote or a closing brace): returns the index of its last char.
         * {@code bare}: the template has no tag, so an invalid escape in it is a syntax error (as in JavaScript), found
         * here: swc4j panics and aborts the JVM when it puts such a template into a syntax error's message (found by
         * the fuzzer: {@code f(!`\x`} at the end of a file; finding 26).
         */
        private int template(int i, boolean bare) throws JsSyntaxError {
            for (; i < n; i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    String bad = bare ? invalidEscape(i) : null;
                    if (bad != null) {
                        throw error("invalid escape " + bad + " in a template literal without a tag (JavaScript rejects"
                                + " it): not parsed", i);
                    }
                    i++;
                    if (i < n && text.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                } else if (c == '\n') {
                    line++;
                    lineStart = i + 1;
                } else if (c == '`') {
                    ends = true;
                    return i;
                } else if (c == '$' && i + 1 < n && text.charAt(i + 1) == '{') {
                    open(i);
                    templates.push(new OpenTemplate(depth, bare));
                    ends = false;
                    return i + 1;
                }
            }
            return n;
        }

        /**
         * The escape at {@code i} (a backslash) when a template literal cannot hold it: backslash-x without two hex
         * digits, backslash-u without four or a braced code point, backslash-0 before a digit, backslash-1 to
         * backslash-9; null when it is fine.
         */
        private String invalidEscape(int i) {
            if (i + 1 >= n) {
                return null;
            }
            char e = text.charAt(i + 1);
            if (e == 'x') {
                return hex(i + 2, 2) ? null : "\\x (it needs two hex digits)";
            }
            if (e == 'u') {
                if (i + 2 < n && text.charAt(i + 2) == '{') {
                    int k = i + 3;
                    long v = 0;
                    while (k < n && Character.digit(text.charAt(k), 16) >= 0 && v <= 0x10FFFF) {
                        v = v * 16 + Character.digit(text.charAt(k), 16);
                        k++;
                    }
                    return k > i + 3 && k < n && text.charAt(k) == '}' && v <= 0x10FFFF ? null
                            : "\\u{...} (it needs a hex code point up to 10FFFF)";
                }
                return hex(i + 2, 4) ? null : "\\u (it needs four hex digits)";
            }
            if (e == '0') {
                return i + 2 < n && Character.isDigit(text.charAt(i + 2)) ? "\\0 before a digit (an octal escape)" : null;
            }
            return e >= '1' && e <= '9' ? "\\" + e + " (an octal escape)" : null;
        }

        private boolean hex(int from, int count) {
            if (from + count > n) {
                return false;
            }
            for (int k = from; k < from + count; k++) {
                if (Character.digit(text.charAt(k), 16) < 0) {
                    return false;
                }
            }
            return true;
        }

        void scan() throws JsSyntaxError {
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    line++;
                    lineStart = i + 1;
                    newline = true;
                    continue;
                }
                if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B' || c == '\uFEFF') {
                    continue;
                }
                if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                    while (i + 1 < n && text.charAt(i + 1) != '\n') {
                        i++;
                    }
                    continue;
                }
                if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                    int end = text.indexOf("*/", i + 2);
                    int stop = end < 0 ? n : end + 2;
                    for (int k = i; k < stop; k++) {
                        if (text.charAt(k) == '\n') {
                            line++;
                            lineStart = k + 1;
                            newline = true;
                        }
                    }
                    i = stop - 1;
                    continue;
                }
                boolean afterBreak = newline;
                boolean condition = afterControl;
                newline = false;
                afterControl = false;
                if (c == '\'' || c == '"') {
                    for (i++; i < n && text.charAt(i) != c && text.charAt(i) != '\n'; i++) {
                        if (text.charAt(i) == '\\') {
                            i++;
                        }
                    }
                    if (i < n && text.charAt(i) == '\n') {
                        i--;
                    }
                    ends = true;
                } else if (c == '`') {
                    // after something that ends an expression the template is tagged (String.raw`\d`): any escape goes
                    i = template(i + 1, !ends);
                } else if (Character.isJavaIdentifierStart(c) || c == '\\') {
                    int from = i;
                    while (i + 1 < n && (Character.isJavaIdentifierPart(text.charAt(i + 1)) || text.charAt(i + 1) == '\\')) {
                        i++;
                    }
                    word(text.substring(from, i + 1), afterBreak, from);
                } else if (c >= '0' && c <= '9') {
                    while (i + 1 < n && (Character.isLetterOrDigit(text.charAt(i + 1)) || text.charAt(i + 1) == '_'
                            || text.charAt(i + 1) == '.' && i + 2 < n && Character.isDigit(text.charAt(i + 2)))) {
                        i++;
                    }
                    ends = true;
                } else if (c == '(' || c == '[' || c == '{') {
                    open(i);
                    control[depth] = condition && c == '(';
                    ends = false;
                } else if (c == ')' || c == ']' || c == '}') {
                    if (c == '}' && !templates.isEmpty() && templates.peek().depth() == depth) {
                        OpenTemplate t = templates.pop();
                        close();
                        i = template(i + 1, t.bare());
                    } else {
                        // after if (...) a line break does not end anything: the body follows
                        ends = !close();
                    }
                } else if (c == ';' || c == ',') {
                    endChain();
                    ends = false;
                } else if ("=+-*/%<>&|^!~?.:".indexOf(c) >= 0) {
                    if (c == '.' && text.startsWith("...", i)) {
                        int value = skipBlanks(i + 3);
                        if (value > i + 3 && value < n) {
                            spreads.add(new int[] {i, value});
                        }
                    }
                    chain(i);
                    ends = false;
                }
            }
        }

        private void word(String w, boolean afterBreak, int at) throws JsSyntaxError {
            if (afterBreak && ends && !CONTINUING.contains(w)) {
                endChain(); // automatic semicolon insertion: the line before was a whole statement
            }
            if (STATEMENT_WORDS.contains(w)) {
                endChain();
                ends = false;
            } else if (CHAIN_WORDS.contains(w)) {
                chain(at);
                ends = false;
                afterControl = CONTROL_WORDS.contains(w);
            } else {
                ends = true;
            }
        }
    }

    /**
     * swc strips one leading byte-order mark and then places its error messages by the unstripped text: with two
     * marks and a syntax error its native code panics and aborts the JVM (found by the fuzzer). U+FEFF is white
     * space in JavaScript, so leading marks become spaces: same meaning, same line and column of everything.
     */
    static String withoutLeadingBoms(String text) {
        int n = 0;
        while (n < text.length() && text.charAt(n) == '\uFEFF') {
            n++;
        }
        return n == 0 ? text : " ".repeat(n) + text.substring(n);
    }

    public String getText() {
        return text;
    }

    /**
     * Reads a JSON document (or a JavaScript object or array literal, as Liquibase-MongoDB and golang-migrate write
     * them): one element per entry of a top-level array, or one element for anything else, each with its place.
     */
    public static List<JsElement> readDocument(String text) throws JsSyntaxError {
        String wrapped = "(" + text + "\n)";
        JsModule m;
        try {
            m = parse(wrapped, false);
        } catch (JsSyntaxError e) {
            // positions on the first line are shifted by the opening parenthesis
            throw new JsSyntaxError(e.getMessage(), e.getLine(), e.getLine() == 1 ? Math.max(1, e.getColumn() - 1) : e.getColumn());
        }
        LineMap own = new LineMap(text);
        List<JsElement> out = new ArrayList<>();
        ISwc4jAst root = m.root;
        List<ISwc4jAst> stmts = root.getChildNodes();
        if (stmts.size() != 1 || !(stmts.get(0) instanceof com.caoccao.javet.swc4j.ast.stmt.Swc4jAstExprStmt)) {
            throw new JsSyntaxError("not a single JSON document", 1, 1);
        }
        ISwc4jAstExpr e = unwrap(((com.caoccao.javet.swc4j.ast.stmt.Swc4jAstExprStmt) stmts.get(0)).getExpr());
        List<ISwc4jAst> parts = new ArrayList<>();
        if (e instanceof Swc4jAstArrayLit) {
            for (java.util.Optional<Swc4jAstExprOrSpread> x : ((Swc4jAstArrayLit) e).getElems()) {
                x.ifPresent(parts::add);
            }
        } else {
            parts.add(e);
        }
        for (ISwc4jAst p : parts) {
            ISwc4jAstExpr v = p instanceof Swc4jAstExprOrSpread ? ((Swc4jAstExprOrSpread) p).getExpr() : (ISwc4jAstExpr) p;
            int s = Math.max(0, p.getSpan().getStart() - 1);
            int en = Math.max(s, Math.min(text.length(), p.getSpan().getEnd() - 1));
            int last = Math.max(s, en - 1);
            out.add(new JsElement(m.eval(v), own.line(s), own.column(s), own.line(last), own.column(last), text.substring(s, en)));
        }
        return out;
    }

    /** Every function, in source order. */
    public List<JsFunction> getFunctions() {
        return functions;
    }

    /** Every call that is not an inner link of a longer chain, in source order. */
    public List<JsCall> getCalls() {
        return calls;
    }

    /** Exported functions by exported name ({@code up}, {@code down}, ...). */
    public Map<String, JsFunction> getExports() {
        return exports;
    }

    /** True when the file exports a binding of this name, whether or not it is a function written here. */
    public boolean exportsName(String name) {
        return exportedNames.contains(name);
    }

    /** Every name the file exports, sorted. */
    public List<String> getExportedNames() {
        return new ArrayList<>(new java.util.TreeSet<>(exportedNames));
    }

    /** Imported local names and the module they come from ({@code require} included). */
    public Map<String, String> getImports() {
        return imports;
    }

    /**
     * What {@link #eval} read, by node (values are immutable): a constant referred to a thousand times is read once.
     * Re-reading made a 150 KB minified file take 90 s (each reference re-read its constant's initializer, and that
     * one's constants, down to the depth limit). A value cut short by the depth limit is kept too: which reference
     * reads a node first is fixed by the file, so the result is the same on every run.
     */
    private final Map<ISwc4jAstExpr, Object> evaluated = new IdentityHashMap<>();

    /** Reads an expression statically in the scope where it is written. */
    Object eval(ISwc4jAstExpr e) {
        Object known = evaluated.get(e);
        if (known != null) {
            return known;
        }
        if (++depth > 64) {
            depth--;
            return new JsValue.Unknown(src(e), "too deeply nested");
        }
        try {
            Object v = evalInner(e);
            if (v != null) {
                evaluated.put(e, v);
            }
            return v;
        } finally {
            depth--;
        }
    }

    private Object evalInner(ISwc4jAstExpr e) {
        if (e instanceof Swc4jAstStr) {
            return ((Swc4jAstStr) e).getValue();
        }
        if (e instanceof Swc4jAstNumber) {
            Swc4jAstNumber n = (Swc4jAstNumber) e;
            return number(n.getValue()); // a leading minus is its parent unary expression
        }
        if (e instanceof Swc4jAstBool) {
            return ((Swc4jAstBool) e).isValue();
        }
        if (e instanceof Swc4jAstNull) {
            return JsValue.NULL;
        }
        if (e instanceof Swc4jAstObjectLit) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (ISwc4jAst p : ((Swc4jAstObjectLit) e).getProps()) {
                if (p instanceof Swc4jAstKeyValueProp) {
                    Swc4jAstKeyValueProp kv = (Swc4jAstKeyValueProp) p;
                    Object k = key(kv.getKey());
                    m.put(k instanceof String ? (String) k : "[" + src(kv.getKey()) + "]", eval(kv.getValue()));
                } else if (p instanceof Swc4jAstIdent) {
                    m.put(((Swc4jAstIdent) p).getSym(), eval((Swc4jAstIdent) p));
                } else if (p instanceof Swc4jAstSpreadElement) {
                    m.put("..." + src(((Swc4jAstSpreadElement) p).getExpr()),
                            new JsValue.Unknown(src(p), "spread of " + src(((Swc4jAstSpreadElement) p).getExpr())));
                } else {
                    m.put(src(p), new JsValue.Unknown(src(p), "method or accessor in an object literal"));
                }
            }
            return java.util.Collections.unmodifiableMap(m);
        }
        if (e instanceof Swc4jAstArrayLit) {
            List<Object> l = new ArrayList<>();
            for (java.util.Optional<Swc4jAstExprOrSpread> x : ((Swc4jAstArrayLit) e).getElems()) {
                if (x.isEmpty()) {
                    l.add(JsValue.NULL);
                } else if (x.get().getSpread().isPresent()) {
                    l.add(new JsValue.Unknown(src(x.get()), "spread of " + src(x.get().getExpr())));
                } else {
                    l.add(eval(x.get().getExpr()));
                }
            }
            return java.util.Collections.unmodifiableList(l);
        }
        if (e instanceof Swc4jAstTpl) {
            Swc4jAstTpl t = (Swc4jAstTpl) e;
            StringBuilder sb = new StringBuilder();
            List<Swc4jAstTplElement> q = t.getQuasis();
            for (int i = 0; i < q.size(); i++) {
                sb.append(q.get(i).getCooked().orElse(q.get(i).getRaw()));
                if (i < t.getExprs().size()) {
                    Object v = eval(t.getExprs().get(i));
                    if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
                        sb.append(v);
                    } else {
                        return new JsValue.Unknown(src(e), reason(v, "template literal with ${" + src(t.getExprs().get(i)) + "}"));
                    }
                }
            }
            return sb.toString();
        }
        if (e instanceof Swc4jAstUnaryExpr) {
            Swc4jAstUnaryExpr u = (Swc4jAstUnaryExpr) e;
            Object v = eval(u.getArg());
            if (u.getOp() == Swc4jAstUnaryOp.Minus && v instanceof Number) {
                return number(-((Number) v).doubleValue());
            }
            if (u.getOp() == Swc4jAstUnaryOp.Plus && v instanceof Number) {
                return v;
            }
            if (u.getOp() == Swc4jAstUnaryOp.Bang && v instanceof Boolean) {
                return !(Boolean) v;
            }
            return new JsValue.Unknown(src(e), "expression");
        }
        if (e instanceof Swc4jAstBinExpr) {
            Swc4jAstBinExpr b = (Swc4jAstBinExpr) e;
            Object l = eval(b.getLeft());
            Object r = eval(b.getRight());
            switch (b.getOp()) {
                case Add:
                    if (l instanceof Number && r instanceof Number) {
                        return number(((Number) l).doubleValue() + ((Number) r).doubleValue());
                    }
                    if ((l instanceof String && JsValue.isKnown(r) && !(r instanceof Map) && !(r instanceof List))
                            || (r instanceof String && JsValue.isKnown(l) && !(l instanceof Map) && !(l instanceof List))) {
                        return String.valueOf(l) + r;
                    }
                    break;
                case Sub: case Mul: case Div:
                    if (l instanceof Number && r instanceof Number) {
                        double x = ((Number) l).doubleValue();
                        double y = ((Number) r).doubleValue();
                        switch (b.getOp()) {
                            case Sub: return number(x - y);
                            case Mul: return number(x * y);
                            default: return y == 0 ? new JsValue.Unknown(src(e), "division by zero") : number(x / y);
                        }
                    }
                    break;
                default:
                    break;
            }
            return new JsValue.Unknown(src(e), reason(JsValue.isKnown(l) ? r : l, "computed expression"));
        }
        if (e instanceof Swc4jAstParenExpr) {
            return eval(((Swc4jAstParenExpr) e).getExpr());
        }
        if (e instanceof Swc4jAstTsAsExpr || e instanceof Swc4jAstTsNonNullExpr || e instanceof Swc4jAstTsSatisfiesExpr
                || e instanceof Swc4jAstTsConstAssertion || e instanceof Swc4jAstTsTypeAssertion) {
            return eval(unwrap(e));
        }
        if (e instanceof Swc4jAstIdent) {
            Swc4jAstIdent id = (Swc4jAstIdent) e;
            String n = id.getSym();
            if (n.equals("undefined")) {
                return JsValue.NULL;
            }
            Binding b = binding(n, id.getSpan().getStart());
            if (b == null) {
                if (imports.containsKey(n)) {
                    return new JsValue.Unknown(n, "`" + n + "` is imported from '" + imports.get(n) + "'");
                }
                return new JsValue.Unknown(n, "`" + n + "` is not defined in this file");
            }
            if (b.unknownReason != null) {
                return new JsValue.Unknown(n, b.unknownReason);
            }
            if (b.init == null) {
                return new JsValue.Unknown(n, "`" + n + "` has no initial value");
            }
            if (!b.constant && reassigned.contains(n)) {
                return new JsValue.Unknown(n, "`" + n + "` is reassigned");
            }
            return eval(b.init);
        }
        if (e instanceof Swc4jAstMemberExpr || e instanceof Swc4jAstCallExpr || e instanceof Swc4jAstAwaitExpr) {
            List<JsLink> chain = chain(e);
            // a constant object's property, e.g. COLLECTIONS.users
            if (e instanceof Swc4jAstMemberExpr) {
                Object base = eval(((Swc4jAstMemberExpr) e).getObj());
                if (base instanceof Map) {
                    Object k = memberKey((Swc4jAstMemberExpr) e);
                    if (k instanceof String && ((Map<?, ?>) base).containsKey(k)) {
                        return ((Map<?, ?>) base).get(k);
                    }
                }
            }
            return new JsValue.Chain(chain);
        }
        if (e instanceof Swc4jAstArrowExpr || e instanceof Swc4jAstFnExpr) {
            return new JsValue.Unknown(src(e), "function");
        }
        if (e instanceof Swc4jAstNewExpr && ((Swc4jAstNewExpr) e).getCallee() instanceof Swc4jAstIdent) {
            Swc4jAstNewExpr n = (Swc4jAstNewExpr) e;
            String cls = ((Swc4jAstIdent) n.getCallee()).getSym();
            List<Object> args = new ArrayList<>();
            for (Swc4jAstExprOrSpread a : n.getArgs().orElse(List.of())) {
                args.add(a.getSpread().isPresent() ? new JsValue.Unknown(src(a), "spread argument") : eval(a.getExpr()));
            }
            return new JsValue.Unknown(src(e), "new " + cls + "(...) is evaluated at run time", cls, args);
        }
        return new JsValue.Unknown(src(e), "expression evaluated at run time");
    }

    /** A value with its place in the source. */
    private JsElement element(Object v, ISwc4jAst n) {
        int s = Math.max(0, Math.min(text.length(), n.getSpan().getStart()));
        int e = Math.max(s, Math.min(text.length(), n.getSpan().getEnd()));
        int last = Math.max(s, e - 1);
        return new JsElement(v, lines.line(s), lines.column(s), lines.line(last), lines.column(last), text.substring(s, e), s);
    }

    /**
     * The value assigned to an exported name ({@code exports.config = {...}}, {@code module.exports.config = ...},
     * {@code export const config = {...}}) with its place, or null when the file assigns none.
     */
    public JsElement exportedValue(String name) {
        ISwc4jAstExpr e = exportedValues.get(name);
        if (e == null && exportedNames.contains(name)) {
            Map<JsFunction, List<Binding>> scopes = bindings.get(name);
            for (Binding b : scopes == null ? List.<Binding>of() : scopes.getOrDefault(null, List.of())) {
                if (b.init != null) {
                    e = b.init;
                }
            }
        }
        return e == null ? null : element(eval(e), e);
    }

    /** Class properties with an initial value ({@code public transaction = false}), by name, first one wins. */
    public JsElement classProperty(String name) {
        ISwc4jAstExpr e = classProps.get(name);
        return e == null ? null : element(eval(e), e);
    }

    private static String reason(Object v, String fallback) {
        return v instanceof JsValue.Unknown ? ((JsValue.Unknown) v).getReason() : fallback;
    }

    private static Object number(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.0e15) {
            return (long) d;
        }
        return d;
    }

    private static ISwc4jAstExpr unwrap(ISwc4jAst e) {
        while (true) {
            if (e instanceof Swc4jAstParenExpr) {
                e = ((Swc4jAstParenExpr) e).getExpr();
            } else if (e instanceof Swc4jAstAwaitExpr) {
                e = ((Swc4jAstAwaitExpr) e).getArg();
            } else if (e instanceof Swc4jAstTsAsExpr) {
                e = ((Swc4jAstTsAsExpr) e).getExpr();
            } else if (e instanceof Swc4jAstTsNonNullExpr) {
                e = ((Swc4jAstTsNonNullExpr) e).getExpr();
            } else if (e instanceof Swc4jAstTsSatisfiesExpr) {
                e = ((Swc4jAstTsSatisfiesExpr) e).getExpr();
            } else if (e instanceof Swc4jAstTsConstAssertion) {
                e = ((Swc4jAstTsConstAssertion) e).getExpr();
            } else if (e instanceof Swc4jAstTsTypeAssertion) {
                e = ((Swc4jAstTsTypeAssertion) e).getExpr();
            } else {
                return (ISwc4jAstExpr) e;
            }
        }
    }

    private Object key(ISwc4jAstPropName k) {
        if (k instanceof Swc4jAstIdentName) {
            return ((Swc4jAstIdentName) k).getSym();
        }
        if (k instanceof Swc4jAstStr) {
            return ((Swc4jAstStr) k).getValue();
        }
        if (k instanceof Swc4jAstNumber) {
            return String.valueOf(number(((Swc4jAstNumber) k).getValue()));
        }
        if (k instanceof Swc4jAstComputedPropName) {
            return eval(((Swc4jAstComputedPropName) k).getExpr());
        }
        return new JsValue.Unknown(src(k), "computed key");
    }

    private Object memberKey(Swc4jAstMemberExpr m) {
        ISwc4jAst p = m.getProp();
        if (p instanceof Swc4jAstIdentName) {
            return ((Swc4jAstIdentName) p).getSym();
        }
        if (p instanceof Swc4jAstComputedPropName) {
            return eval(((Swc4jAstComputedPropName) p).getExpr());
        }
        return new JsValue.Unknown(src(p), "private member");
    }

    /** The chain of an expression from its root identifier, following constants bound to chains. */
    List<JsLink> chain(ISwc4jAst node) {
        ISwc4jAstExpr e = unwrap(node);
        if (e instanceof Swc4jAstCallExpr) {
            Swc4jAstCallExpr c = (Swc4jAstCallExpr) e;
            List<Object> args = new ArrayList<>();
            List<JsElement> places = new ArrayList<>();
            for (Swc4jAstExprOrSpread a : c.getArgs()) {
                Object v = a.getSpread().isPresent() ? new JsValue.Unknown(src(a), "spread argument") : eval(a.getExpr());
                args.add(v);
                places.add(element(v, a));
            }
            List<JsLink> base = c.getCallee() instanceof ISwc4jAstExpr ? chain(c.getCallee())
                    : new ArrayList<>(List.of(new JsLink(null, new JsValue.Unknown(src(c.getCallee()), "super or import call"), false, null)));
            JsLink last = base.remove(base.size() - 1);
            base.add(last.withCall(args, places));
            return base;
        }
        if (e instanceof Swc4jAstMemberExpr) {
            Swc4jAstMemberExpr m = (Swc4jAstMemberExpr) e;
            List<JsLink> base = chain(m.getObj());
            Object k = memberKey(m);
            base.add(k instanceof String ? new JsLink((String) k, m.getProp() instanceof Swc4jAstComputedPropName ? k : null, false, null)
                    : new JsLink(null, k, false, null));
            return base;
        }
        if (e instanceof Swc4jAstIdent) {
            Swc4jAstIdent id = (Swc4jAstIdent) e;
            Binding b = binding(id.getSym(), id.getSpan().getStart());
            if (b != null && b.unknownReason == null && b.init != null && (b.constant || !reassigned.contains(id.getSym()))) {
                ISwc4jAstExpr init = unwrap(b.init);
                if ((init instanceof Swc4jAstMemberExpr || init instanceof Swc4jAstCallExpr) && depth < 64) {
                    depth++;
                    try {
                        List<JsLink> l = chain(init);
                        if (awaited(b.init)) {
                            l.set(l.size() - 1, l.get(l.size() - 1).asAwaited());
                        }
                        return l;
                    } finally {
                        depth--;
                    }
                }
            }
            return new ArrayList<>(List.of(new JsLink(id.getSym(), null, false, null)));
        }
        if (e instanceof Swc4jAstThisExpr) {
            return new ArrayList<>(List.of(new JsLink("this", null, false, null)));
        }
        return new ArrayList<>(List.of(new JsLink(null, new JsValue.Unknown(src(e), "expression evaluated at run time"), false, null)));
    }

    private static boolean awaited(ISwc4jAst e) {
        while (e instanceof Swc4jAstParenExpr || e instanceof Swc4jAstTsAsExpr || e instanceof Swc4jAstTsNonNullExpr) {
            e = e instanceof Swc4jAstParenExpr ? ((Swc4jAstParenExpr) e).getExpr()
                    : e instanceof Swc4jAstTsAsExpr ? ((Swc4jAstTsAsExpr) e).getExpr() : ((Swc4jAstTsNonNullExpr) e).getExpr();
        }
        return e instanceof Swc4jAstAwaitExpr;
    }

    /**
     * The binding a name at {@code offset} refers to: of the innermost enclosing scope that binds it, the last one
     * written before {@code offset}, else the first after it (a function declared further down). Scopes are looked up
     * from the inside out and functions by position: linear scans here made a 2 MB bundle take minutes.
     */
    private Binding binding(String name, int offset) {
        Map<JsFunction, List<Binding>> scopes = bindings.get(name);
        if (scopes == null) {
            return null;
        }
        for (JsFunction scope = functionAt(offset); ; scope = scope.getParent()) {
            List<Binding> bs = scopes.get(scope);
            if (bs != null) {
                Binding best = null;
                for (Binding b : bs) {
                    if (best == null || (b.start <= offset ? best.start > offset || b.start > best.start
                            : best.start > offset && b.start < best.start)) {
                        best = b;
                    }
                }
                return best;
            }
            if (scope == null) {
                return null;
            }
        }
    }

    /** {@link #functions} by start (stable: of two with one start the inner, added later, comes later). */
    private JsFunction[] byStart = new JsFunction[0];

    /** The innermost function whose text contains {@code offset}, or null at module level. */
    private JsFunction functionAt(int offset) {
        if (byStart.length != functions.size()) {
            byStart = functions.toArray(new JsFunction[0]);
            java.util.Arrays.sort(byStart, java.util.Comparator.comparingInt(JsFunction::getStart));
        }
        int lo = 0;
        int hi = byStart.length - 1;
        int k = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (byStart[mid].getStart() <= offset) {
                k = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        // functions nest: the innermost one around offset is the last to start before it or one it is written in
        for (JsFunction f = k < 0 ? null : byStart[k]; f != null; f = f.getParent()) {
            if (f.contains(offset)) {
                return f;
            }
        }
        return null;
    }

    String src(ISwc4jAst n) {
        int s = Math.max(0, Math.min(text.length(), n.getSpan().getStart()));
        int e = Math.max(s, Math.min(text.length(), n.getSpan().getEnd()));
        return text.substring(s, e);
    }

    // ---- pass 1: functions, bindings, imports, exports ----

    private void collect(ISwc4jAst n, JsFunction fn) {
        JsFunction inner = fn;
        if (n instanceof Swc4jAstFunction || n instanceof Swc4jAstArrowExpr) {
            inner = function(n, fn);
        }
        if (n instanceof Swc4jAstVarDecl) {
            Swc4jAstVarDecl v = (Swc4jAstVarDecl) n;
            boolean constant = v.getKind() == Swc4jAstVarDeclKind.Const;
            ISwc4jAst parent = v.getParent();
            boolean loopHead = (parent instanceof Swc4jAstForOfStmt && ((Swc4jAstForOfStmt) parent).getLeft() == v)
                    || (parent instanceof Swc4jAstForInStmt && ((Swc4jAstForInStmt) parent).getLeft() == v);
            for (Swc4jAstVarDeclarator d : v.getDecls()) {
                String name = patName(d.getName());
                if (name == null) {
                    bindPattern(d.getName(), fn, loopHead ? "a loop variable"
                            : "destructured from " + d.getInit().map(this::src).orElse("a value"));
                    if (d.getInit().isPresent()) {
                        for (String bound : patternNames(d.getName())) {
                            require(bound, d.getInit().get());
                        }
                    }
                    continue;
                }
                if (loopHead) {
                    bind(name, new Binding(d.getSpan().getStart(), fn, null, false, "loop variable `" + name + "`"));
                } else {
                    bind(name, new Binding(d.getSpan().getStart(), fn, d.getInit().orElse(null), constant, null));
                }
                ISwc4jAstExpr init = d.getInit().orElse(null);
                if (init != null) {
                    require(name, init);
                }
            }
        } else if (n instanceof Swc4jAstImportDecl) {
            Swc4jAstImportDecl im = (Swc4jAstImportDecl) n;
            for (ISwc4jAst s : im.getSpecifiers()) {
                String local = s instanceof Swc4jAstImportNamedSpecifier ? ((Swc4jAstImportNamedSpecifier) s).getLocal().getSym()
                        : s instanceof Swc4jAstImportDefaultSpecifier ? ((Swc4jAstImportDefaultSpecifier) s).getLocal().getSym()
                        : s instanceof Swc4jAstImportStarAsSpecifier ? ((Swc4jAstImportStarAsSpecifier) s).getLocal().getSym() : null;
                if (local != null) {
                    imports.put(local, im.getSrc().getValue());
                }
            }
        } else if (n instanceof Swc4jAstAssignExpr) {
            Swc4jAstAssignExpr a = (Swc4jAstAssignExpr) n;
            if (a.getLeft() instanceof Swc4jAstBindingIdent) {
                reassigned.add(((Swc4jAstBindingIdent) a.getLeft()).getId().getSym());
            } else if (a.getLeft() instanceof Swc4jAstIdent) {
                reassigned.add(((Swc4jAstIdent) a.getLeft()).getSym());
            }
            String target = src(a.getLeft()).replaceAll("\\s+", "");
            if (a.getOp() == Swc4jAstAssignOp.Assign && (target.equals("module.exports") || target.equals("exports"))) {
                exportObject(a.getRight());
                exportedValues.putIfAbsent("default", a.getRight());
            } else if (target.startsWith("module.exports.") || target.startsWith("exports.")) {
                String name = target.substring(target.lastIndexOf('.') + 1);
                exportedNames.add(name);
                if (a.getOp() == Swc4jAstAssignOp.Assign) {
                    exportedValues.putIfAbsent(name, a.getRight());
                }
            }
        } else if (n instanceof Swc4jAstExportDefaultExpr) {
            exportObject(((Swc4jAstExportDefaultExpr) n).getExpr());
            exportedValues.putIfAbsent("default", ((Swc4jAstExportDefaultExpr) n).getExpr());
        } else if (n instanceof Swc4jAstExportDecl) {
            ISwc4jAst d = ((Swc4jAstExportDecl) n).getDecl();
            if (d instanceof Swc4jAstFnDecl) {
                exportedNames.add(((Swc4jAstFnDecl) d).getIdent().getSym());
            } else if (d instanceof Swc4jAstVarDecl) {
                for (Swc4jAstVarDeclarator x : ((Swc4jAstVarDecl) d).getDecls()) {
                    String name = patName(x.getName());
                    if (name != null) {
                        exportedNames.add(name);
                    }
                }
            }
        } else if (n instanceof Swc4jAstExportNamedSpecifier) {
            Swc4jAstExportNamedSpecifier s = (Swc4jAstExportNamedSpecifier) n;
            exportedNames.add(src(s.getExported().isPresent() ? s.getExported().get() : s.getOrig()));
        } else if (n instanceof Swc4jAstClassProp) {
            Swc4jAstClassProp cp = (Swc4jAstClassProp) n;
            Object k = key(cp.getKey());
            if (k instanceof String && cp.getValue().isPresent()) {
                classProps.putIfAbsent((String) k, cp.getValue().get());
            }
        } else if (n instanceof Swc4jAstCatchClause) {
            ((Swc4jAstCatchClause) n).getParam().ifPresent(p -> bindPattern(p, fn, "caught error"));
        }
        for (ISwc4jAst c : n.getChildNodes()) {
            if (c != null) {
                collect(c, inner);
            }
        }
        if (n instanceof Swc4jAstFunction || n instanceof Swc4jAstArrowExpr) {
            linkExport(inner, n);
        }
    }

    private void exportObject(ISwc4jAstExpr e) {
        e = unwrap(e);
        if (e instanceof Swc4jAstObjectLit) {
            for (ISwc4jAst p : ((Swc4jAstObjectLit) e).getProps()) {
                if (p instanceof Swc4jAstKeyValueProp) {
                    Object k = key(((Swc4jAstKeyValueProp) p).getKey());
                    if (k instanceof String) {
                        exportedNames.add((String) k);
                    }
                } else if (p instanceof Swc4jAstMethodProp) {
                    Object k = key(((Swc4jAstMethodProp) p).getKey());
                    if (k instanceof String) {
                        exportedNames.add((String) k);
                    }
                } else if (p instanceof Swc4jAstIdent) {
                    exportedNames.add(((Swc4jAstIdent) p).getSym());
                }
            }
        }
    }

    /** {@code const x = require('y')} (and destructuring from it) counts as an import. */
    private void require(String name, ISwc4jAstExpr init) {
        ISwc4jAstExpr e = unwrap(init);
        if (e instanceof Swc4jAstMemberExpr) {
            e = unwrap(((Swc4jAstMemberExpr) e).getObj());
        }
        if (e instanceof Swc4jAstCallExpr) {
            Swc4jAstCallExpr c = (Swc4jAstCallExpr) e;
            if (src(c.getCallee()).equals("require") && c.getArgs().size() == 1 && c.getArgs().get(0).getExpr() instanceof Swc4jAstStr) {
                imports.put(name, ((Swc4jAstStr) c.getArgs().get(0).getExpr()).getValue());
            }
        }
    }

    private void bind(String name, Binding b) {
        bindings.computeIfAbsent(name, k -> new HashMap<>()).computeIfAbsent(b.scope, k -> new ArrayList<>()).add(b);
    }

    private void bindPattern(ISwc4jAst p, JsFunction fn, String why) {
        if (p instanceof Swc4jAstBindingIdent) {
            String n = ((Swc4jAstBindingIdent) p).getId().getSym();
            bind(n, new Binding(p.getSpan().getStart(), fn, null, false, "`" + n + "` is " + why));
            return;
        }
        if (p instanceof Swc4jAstIdent) {
            String n = ((Swc4jAstIdent) p).getSym();
            bind(n, new Binding(p.getSpan().getStart(), fn, null, false, "`" + n + "` is " + why));
            return;
        }
        for (ISwc4jAst c : p.getChildNodes()) {
            if (c instanceof Swc4jAstBindingIdent || c instanceof ISwc4jAstPat || c instanceof Swc4jAstIdent) {
                bindPattern(c, fn, why);
            } else if (c != null) {
                for (ISwc4jAst cc : c.getChildNodes()) {
                    if (cc instanceof Swc4jAstBindingIdent || cc instanceof Swc4jAstIdent) {
                        bindPattern(cc, fn, why);
                    }
                }
            }
        }
    }

    private static List<String> patternNames(ISwc4jAst p) {
        List<String> out = new ArrayList<>();
        if (p instanceof Swc4jAstBindingIdent) {
            out.add(((Swc4jAstBindingIdent) p).getId().getSym());
        } else if (p instanceof Swc4jAstIdent) {
            out.add(((Swc4jAstIdent) p).getSym());
        } else {
            for (ISwc4jAst c : p.getChildNodes()) {
                if (c != null && !(c instanceof ISwc4jAstExpr && !(c instanceof Swc4jAstIdent))) {
                    out.addAll(patternNames(c));
                }
            }
        }
        return out;
    }

    private static String patName(ISwc4jAst p) {
        if (p instanceof Swc4jAstBindingIdent) {
            return ((Swc4jAstBindingIdent) p).getId().getSym();
        }
        if (p instanceof Swc4jAstAssignPat) {
            return patName(((Swc4jAstAssignPat) p).getLeft());
        }
        return null;
    }

    private JsFunction function(ISwc4jAst n, JsFunction parent) {
        List<String> params = new ArrayList<>();
        int statements;
        if (n instanceof Swc4jAstFunction) {
            Swc4jAstFunction f = (Swc4jAstFunction) n;
            for (Swc4jAstParam p : f.getParams()) {
                params.add(paramName(p.getPat()));
            }
            statements = f.getBody().map(b -> b.getStmts().size()).orElse(0);
        } else {
            Swc4jAstArrowExpr a = (Swc4jAstArrowExpr) n;
            for (ISwc4jAstPat p : a.getParams()) {
                params.add(paramName(p));
            }
            statements = a.getBody() instanceof Swc4jAstBlockStmt ? ((Swc4jAstBlockStmt) a.getBody()).getStmts().size() : 1;
        }
        ISwc4jAst shown = n instanceof Swc4jAstFunction && n.getParent() != null ? n.getParent() : n;
        int start = shown.getSpan().getStart();
        JsFunction f = new JsFunction(nameOf(n), params, start, Math.max(start, n.getSpan().getEnd()),
                lines.line(start), lines.column(start), statements, parent);
        functions.add(f);
        functionOf.put(n, f);
        for (int i = 0; i < params.size(); i++) {
            String p = params.get(i);
            if (p.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                bind(p, new Binding(start, f, null, false, "parameter `" + p + "` of function "
                        + (f.getName() == null ? "<anonymous>" : f.getName())));
            }
        }
        return f;
    }

    private String paramName(ISwc4jAst p) {
        String n = patName(p);
        return n != null ? n : src(p);
    }

    /** The name a function is known by, from what declares or holds it. */
    private String nameOf(ISwc4jAst n) {
        ISwc4jAst p = n.getParent();
        if (n instanceof Swc4jAstFunction) {
            if (p instanceof Swc4jAstFnDecl) {
                return ((Swc4jAstFnDecl) p).getIdent().getSym();
            }
            if (p instanceof Swc4jAstMethodProp) {
                Object k = key(((Swc4jAstMethodProp) p).getKey());
                return k instanceof String ? (String) k : null;
            }
            if (p instanceof Swc4jAstClassMethod) {
                Object k = key(((Swc4jAstClassMethod) p).getKey());
                return k instanceof String ? (String) k : null;
            }
            if (p instanceof Swc4jAstFnExpr) {
                if (((Swc4jAstFnExpr) p).getIdent().isPresent()) {
                    return ((Swc4jAstFnExpr) p).getIdent().get().getSym();
                }
                n = p;
                p = p.getParent();
            }
        }
        while (p instanceof Swc4jAstParenExpr || p instanceof Swc4jAstTsAsExpr || p instanceof Swc4jAstTsSatisfiesExpr) {
            p = p.getParent();
        }
        if (p instanceof Swc4jAstVarDeclarator) {
            return patName(((Swc4jAstVarDeclarator) p).getName());
        }
        if (p instanceof Swc4jAstKeyValueProp) {
            Object k = key(((Swc4jAstKeyValueProp) p).getKey());
            return k instanceof String ? (String) k : null;
        }
        if (p instanceof Swc4jAstAssignExpr) {
            String t = src(((Swc4jAstAssignExpr) p).getLeft()).replaceAll("\\s+", "");
            return t.substring(t.lastIndexOf('.') + 1);
        }
        return null;
    }

    /** Records an exported function once its declaration has been read. */
    private void linkExport(JsFunction f, ISwc4jAst n) {
        if (f == null || f.getName() == null || f.getParent() != null && !isObjectMember(n)) {
            return;
        }
        if (exportedNames.contains(f.getName()) || isExportedHere(n)) {
            exports.putIfAbsent(f.getName(), f);
        }
    }

    private static boolean isObjectMember(ISwc4jAst n) {
        ISwc4jAst p = n.getParent();
        return p instanceof Swc4jAstMethodProp || p instanceof Swc4jAstKeyValueProp;
    }

    private boolean isExportedHere(ISwc4jAst n) {
        for (ISwc4jAst p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof Swc4jAstExportDecl || p instanceof Swc4jAstExportDefaultExpr) {
                return true;
            }
            if (p instanceof Swc4jAstAssignExpr) {
                String t = src(((Swc4jAstAssignExpr) p).getLeft()).replaceAll("\\s+", "");
                return t.equals("module.exports") || t.equals("exports") || t.startsWith("module.exports.") || t.startsWith("exports.");
            }
            if (p instanceof Swc4jAstFunction || p instanceof Swc4jAstArrowExpr) {
                return false;
            }
        }
        return false;
    }

    // ---- pass 2: calls ----

    private void walk(ISwc4jAst n, JsFunction fn, String loop, List<JsGuard> guards) {
        JsFunction inner = functionOf.getOrDefault(n, fn);
        if (branches(n, inner, loop, guards)) {
            return;
        }
        String innerLoop = loop;
        if (n instanceof Swc4jAstForStmt || n instanceof Swc4jAstWhileStmt || n instanceof Swc4jAstDoWhileStmt) {
            innerLoop = "loop";
        } else if (n instanceof Swc4jAstForOfStmt || n instanceof Swc4jAstForInStmt) {
            innerLoop = n instanceof Swc4jAstForOfStmt ? "for...of loop" : "for...in loop";
        }
        if (n instanceof Swc4jAstCallExpr && !isInnerLink((Swc4jAstCallExpr) n)) {
            int s = n.getSpan().getStart();
            int e = Math.max(s, Math.min(text.length(), n.getSpan().getEnd()));
            int endOff = Math.max(s, e - 1);
            calls.add(new JsCall(chain(n), s, e, lines.line(s), lines.column(s), lines.line(endOff), lines.column(endOff),
                    src(n), inner, loop, guards));
        }
        String callbackLoop = null;
        if (n instanceof Swc4jAstCallExpr) {
            ISwc4jAst callee = ((Swc4jAstCallExpr) n).getCallee();
            if (callee instanceof Swc4jAstMemberExpr && ((Swc4jAstMemberExpr) callee).getProp() instanceof Swc4jAstIdentName
                    && ITERATORS.contains(((Swc4jAstIdentName) ((Swc4jAstMemberExpr) callee).getProp()).getSym())) {
                callbackLoop = ((Swc4jAstIdentName) ((Swc4jAstMemberExpr) callee).getProp()).getSym() + " callback";
            }
        }
        for (ISwc4jAst c : n.getChildNodes()) {
            if (c == null) {
                continue;
            }
            String l = innerLoop;
            if (callbackLoop != null && c instanceof Swc4jAstExprOrSpread) {
                ISwc4jAstExpr x = ((Swc4jAstExprOrSpread) c).getExpr();
                if (x instanceof Swc4jAstArrowExpr || x instanceof Swc4jAstFnExpr) {
                    l = callbackLoop;
                }
            }
            walk(c, inner, l, guards);
        }
    }

    /**
     * Walks the nodes that branch ({@code if}, {@code ?:}, {@code switch}, a block with {@code if (x) return;}),
     * giving each branch its guard; false for any other node.
     */
    private boolean branches(ISwc4jAst n, JsFunction fn, String loop, List<JsGuard> guards) {
        if (n instanceof Swc4jAstIfStmt) {
            Swc4jAstIfStmt i = (Swc4jAstIfStmt) n;
            JsTest t = test(i.getTest(), 0);
            walk(i.getTest(), fn, loop, guards);
            walk(i.getCons(), fn, loop, with(guards, guard(JsGuard.Kind.THEN, t, i.getTest())));
            if (i.getAlt().isPresent()) {
                walk(i.getAlt().get(), fn, loop, with(guards, guard(JsGuard.Kind.ELSE, t, i.getTest())));
            }
            return true;
        }
        if (n instanceof Swc4jAstCondExpr) {
            Swc4jAstCondExpr c = (Swc4jAstCondExpr) n;
            JsTest t = test(c.getTest(), 0);
            walk(c.getTest(), fn, loop, guards);
            walk(c.getCons(), fn, loop, with(guards, guard(JsGuard.Kind.THEN, t, c.getTest())));
            walk(c.getAlt(), fn, loop, with(guards, guard(JsGuard.Kind.ELSE, t, c.getTest())));
            return true;
        }
        if (n instanceof Swc4jAstSwitchStmt) {
            Swc4jAstSwitchStmt sw = (Swc4jAstSwitchStmt) n;
            walk(sw.getDiscriminant(), fn, loop, guards);
            Object on = eval(sw.getDiscriminant());
            List<Swc4jAstSwitchCase> cases = sw.getCases();
            List<Object> all = new ArrayList<>();
            for (Swc4jAstSwitchCase c : cases) {
                c.getTest().ifPresent(x -> all.add(eval(x)));
            }
            for (int k = 0; k < cases.size(); k++) {
                // the labels that lead here: this case's and those of the cases falling through into it
                List<Object> labels = new ArrayList<>();
                boolean dflt = false;
                for (int j = k; j >= 0 && (j == k || !exits(cases.get(j).getCons())); j--) {
                    if (cases.get(j).getTest().isPresent()) {
                        labels.add(eval(cases.get(j).getTest().get()));
                    } else {
                        dflt = true;
                    }
                }
                List<Object> others = new ArrayList<>(all);
                others.removeAll(labels);
                int s = sw.getDiscriminant().getSpan().getStart();
                int e = Math.max(s, Math.min(text.length(), sw.getDiscriminant().getSpan().getEnd()));
                JsGuard g = new JsGuard(JsGuard.Kind.CASE, null, on, List.copyOf(labels), dflt, List.copyOf(others), s,
                        lines.line(s), lines.column(s), lines.line(Math.max(s, e - 1)), lines.column(Math.max(s, e - 1)),
                        "switch (" + src(sw.getDiscriminant()) + ")");
                Swc4jAstSwitchCase c = cases.get(k);
                c.getTest().ifPresent(x -> walk(x, fn, loop, guards));
                for (ISwc4jAst st : c.getCons()) {
                    walk(st, fn, loop, with(guards, g));
                }
            }
            return true;
        }
        if (n instanceof Swc4jAstBlockStmt) {
            // if (test) return; — what follows runs only when the test does not hold
            List<JsGuard> g = guards;
            for (ISwc4jAst st : ((Swc4jAstBlockStmt) n).getStmts()) {
                walk(st, fn, loop, g);
                if (st instanceof Swc4jAstIfStmt && ((Swc4jAstIfStmt) st).getAlt().isEmpty()
                        && exits(List.of(((Swc4jAstIfStmt) st).getCons()))) {
                    Swc4jAstIfStmt i = (Swc4jAstIfStmt) st;
                    g = with(g, guard(JsGuard.Kind.ELSE, test(i.getTest(), 0), i.getTest()));
                }
            }
            return true;
        }
        return false;
    }

    /** True when statements end by leaving the function or the switch ({@code return}, {@code throw}, {@code break}). */
    private static boolean exits(List<? extends ISwc4jAst> stmts) {
        if (stmts.isEmpty()) {
            return false;
        }
        ISwc4jAst last = stmts.get(stmts.size() - 1);
        if (last instanceof Swc4jAstBlockStmt) {
            return exits(((Swc4jAstBlockStmt) last).getStmts());
        }
        return last instanceof Swc4jAstReturnStmt || last instanceof Swc4jAstThrowStmt || last instanceof Swc4jAstBreakStmt;
    }

    private static List<JsGuard> with(List<JsGuard> guards, JsGuard g) {
        List<JsGuard> out = new ArrayList<>(guards);
        out.add(g);
        return List.copyOf(out);
    }

    private JsGuard guard(JsGuard.Kind kind, JsTest t, ISwc4jAstExpr at) {
        int s = Math.max(0, Math.min(text.length(), at.getSpan().getStart()));
        int e = Math.max(s, Math.min(text.length(), at.getSpan().getEnd()));
        int last = Math.max(s, e - 1);
        return new JsGuard(kind, t, null, List.of(), false, List.of(), s, lines.line(s), lines.column(s), lines.line(last),
                lines.column(last), src(at));
    }

    /** A condition with its shape kept (comparisons, !, &&, ||, includes), constants bound to conditions followed. */
    JsTest test(ISwc4jAstExpr node, int level) {
        ISwc4jAstExpr e = unwrap(node);
        String t = src(e);
        if (level < 16) {
            if (e instanceof Swc4jAstBinExpr) {
                Swc4jAstBinExpr b = (Swc4jAstBinExpr) e;
                switch (b.getOp()) {
                    case EqEq: case EqEqEq: case NotEq: case NotEqEq:
                        return new JsTest(JsTest.Kind.EQUALS, b.getOp() == Swc4jAstBinaryOp.NotEq
                                || b.getOp() == Swc4jAstBinaryOp.NotEqEq, eval(b.getLeft()), eval(b.getRight()), null, null, t);
                    case LogicalAnd: case LogicalOr:
                        return new JsTest(b.getOp() == Swc4jAstBinaryOp.LogicalAnd ? JsTest.Kind.AND : JsTest.Kind.OR, false,
                                null, null, test(b.getLeft(), level + 1), test(b.getRight(), level + 1), t);
                    default:
                        break;
                }
            }
            if (e instanceof Swc4jAstUnaryExpr && ((Swc4jAstUnaryExpr) e).getOp() == Swc4jAstUnaryOp.Bang) {
                return new JsTest(JsTest.Kind.NOT, false, null, null, test(((Swc4jAstUnaryExpr) e).getArg(), level + 1), null, t);
            }
            if (e instanceof Swc4jAstCallExpr && ((Swc4jAstCallExpr) e).getCallee() instanceof Swc4jAstMemberExpr
                    && ((Swc4jAstCallExpr) e).getArgs().size() == 1) {
                Swc4jAstMemberExpr callee = (Swc4jAstMemberExpr) ((Swc4jAstCallExpr) e).getCallee();
                if (callee.getProp() instanceof Swc4jAstIdentName && ((Swc4jAstIdentName) callee.getProp()).getSym().equals("includes")
                        && ((Swc4jAstCallExpr) e).getArgs().get(0).getSpread().isEmpty()) {
                    Object list = eval(callee.getObj());
                    if (list instanceof List) {
                        return new JsTest(JsTest.Kind.INCLUDES, false, list, eval(((Swc4jAstCallExpr) e).getArgs().get(0).getExpr()),
                                null, null, t);
                    }
                }
            }
            if (e instanceof Swc4jAstIdent) {
                Binding b = binding(((Swc4jAstIdent) e).getSym(), e.getSpan().getStart());
                if (b != null && b.unknownReason == null && b.init != null
                        && (b.constant || !reassigned.contains(((Swc4jAstIdent) e).getSym()))) {
                    ISwc4jAstExpr init = unwrap(b.init);
                    if (init instanceof Swc4jAstBinExpr || init instanceof Swc4jAstUnaryExpr || init instanceof Swc4jAstCallExpr) {
                        return test(init, level + 1);
                    }
                }
            }
        }
        return new JsTest(JsTest.Kind.VALUE, false, eval(e), null, null, null, t);
    }

    /** True for {@code db.collection('x')} in {@code db.collection('x').drop()}: part of a longer chain. */
    private static boolean isInnerLink(Swc4jAstCallExpr call) {
        ISwc4jAst node = call;
        ISwc4jAst parent = call.getParent();
        boolean member = false;
        while (true) {
            if (parent instanceof Swc4jAstMemberExpr && ((Swc4jAstMemberExpr) parent).getObj() == node) {
                member = true;
            } else if (parent instanceof Swc4jAstAwaitExpr || parent instanceof Swc4jAstParenExpr
                    || parent instanceof Swc4jAstTsNonNullExpr || parent instanceof Swc4jAstTsAsExpr) {
                // unwrap
            } else {
                break;
            }
            node = parent;
            parent = parent.getParent();
        }
        return member && parent instanceof Swc4jAstCallExpr && ((Swc4jAstCallExpr) parent).getCallee() == node;
    }

    /** Line of a 0-based offset (1-based). */
    public int line(int offset) {
        return lines.line(offset);
    }

    /** Column of a 0-based offset (1-based). */
    public int column(int offset) {
        return lines.column(offset);
    }
}
