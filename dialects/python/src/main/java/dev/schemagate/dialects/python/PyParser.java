package dev.schemagate.dialects.python;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSSymbolType;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterPython;

/**
 * Parses Python 3 source with tree-sitter-python (the grammar GitHub and editors use; it knows f-strings,
 * annotations, decorators, {@code match}, walrus and the 3.12 type syntax) and copies the tree into {@link PyNode}s.
 * tree-sitter recovers from syntax errors: the tree is still returned, with the first error's position.
 */
public final class PyParser {
    static {
        // before the binding's first class loads: its libraries go to a directory of their own (see NativeLibraries)
        NativeLibraries.prepare();
    }

    /** A parsed file: its tree and the syntax errors tree-sitter recovered from (first few, in order). */
    public record Parsed(PyNode root, List<Error> errors) {
    }

    /** A syntax error at a 1-based position. */
    public record Error(int line, int column, String message) {
    }

    private static final int MAX_ERRORS = 5;

    private PyParser() {
    }

    /**
     * The longest one file may take to parse, in CPU time: 1 s, or 2 ms per KB for a file over 512 KB. tree-sitter
     * reads valid code at about 1.3 MB/s here (so a valid file needs well under half of this), but its error recovery
     * can take minutes on a large broken file (found by fuzzing: a 600 KB string literal left open across lines, then
     * 50 KB of SQL text outside any string taking 10 s); past this the parse is stopped and the file is one syntax
     * error, so the check goes on and the file still fails the gate.
     */
    static long budgetMs(String text) {
        return Math.max(1_000, text.length() / 512);
    }

    public static Parsed parse(String text) {
        return parse(text, budgetMs(text));
    }

    static Parsed parse(String text, long budgetMs) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8); // tree-sitter's input, and the verdict's key
        String key = key(utf8);
        Boolean finished;
        synchronized (VERDICTS) {
            finished = VERDICTS.get(key);
        }
        if (Boolean.FALSE.equals(finished)) {
            return gaveUp(text, budgetMs);
        }
        // a file that finished once is given ten times the budget now, so it finishes again on a busier machine
        long budget = finished == null ? budgetMs : Math.max(10 * budgetMs, 10_000);
        // the tree copy and every walk over it recurse once per nesting level
        Parsed p = dev.schemagate.model.DeepStack.call("schemagate-python", () -> parseHere(text, utf8, budget));
        boolean gaveUp = gaveUp(p);
        synchronized (VERDICTS) {
            VERDICTS.put(key, !gaveUp);
        }
        return gaveUp ? gaveUp(text, budgetMs) : p;
    }

    /**
     * Whether each file parsed so far (by content) finished within its budget. One check parses a file more than
     * once (Django's layout scan reads every migration's dependencies and models, then the reader reads it; Alembic
     * reads the revision header, then the file), and a file near the budget could finish in one parse and not in the
     * next: the scan's give-up left no trace, and the check said something else than a second check of the same
     * folder (finding 30). Now a file the parser gave up on is given up on at once when it comes again, and one that
     * finished is parsed with ten times the budget, so every parse of one content in this JVM agrees. Bounded: the
     * oldest verdicts go first.
     */
    private static final java.util.Map<String, Boolean> VERDICTS = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
            return size() > 8_192;
        }
    };

    private static String key(byte[] utf8) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(utf8);
            return java.util.HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java platform has SHA-256
        }
    }

    private static Parsed gaveUp(String text, long budgetMs) {
        return unread(text, 1, 1, GAVE_UP + String.format(java.util.Locale.ROOT, "%.1f", budgetMs / 1000.0)
                + " s of CPU time (it is too broken to recover from at this size): nothing in it was read; fix its"
                + " syntax errors");
    }

    /** True when {@code p} is the result of a parse stopped at its time limit. */
    static boolean gaveUp(Parsed p) {
        return p.errors().size() == 1 && p.errors().get(0).message().startsWith(GAVE_UP) && p.root().children().isEmpty();
    }

    /** CPython's own limit ("too many nested parentheses"): deeper brackets are refused before tree-sitter. */
    static final int MAX_BRACKETS = 200;

    /**
     * The first bracket nested deeper than {@link #MAX_BRACKETS} outside strings and comments, as {line, column}, or
     * null. tree-sitter's error recovery on such a file could take its whole time budget (an 80 KB file with
     * thousands of open brackets: 9.4 s), and CPython would not run it anyway. f-strings count as strings.
     */
    static int[] tooDeep(String text) {
        int depth = 0;
        int line = 1;
        int lineStart = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            } else if (c == '#') {
                while (i + 1 < n && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                boolean triple = text.startsWith(String.valueOf(c).repeat(3), i);
                String close = triple ? String.valueOf(c).repeat(3) : String.valueOf(c);
                int k = i + close.length();
                while (k < n && !text.startsWith(close, k) && (triple || text.charAt(k) != '\n')) {
                    if (text.charAt(k) == '\\') {
                        k++;
                    }
                    k++;
                }
                int end = Math.min(n, k < n && text.startsWith(close, k) ? k + close.length() : k);
                for (int j = i + 1; j < end; j++) {
                    if (text.charAt(j) == '\n') {
                        line++;
                        lineStart = j + 1;
                    }
                }
                i = end - 1;
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_BRACKETS) {
                    return new int[] {line, i - lineStart + 1};
                }
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return null;
    }

    /** The start of the message of a file the parser gave up on at its time limit (the one outcome that may vary). */
    public static final String GAVE_UP = "the Python parser gave up on this file after ";

    /** A file nothing of which is read: an empty module and one error. */
    private static Parsed unread(String text, int line, int column, String message) {
        return new Parsed(new PyNode("module", null, text, 0, 0, 1, 1, 1, 1, List.of()),
                List.of(new Error(line, column, message)));
    }

    private static Parsed parseHere(String text, byte[] utf8, long budgetMs) {
        int[] deep = tooDeep(text);
        if (deep != null) {
            return unread(text, deep[0], deep[1], "brackets nested more than " + MAX_BRACKETS
                    + " deep: nothing in this file was read (CPython refuses this too: too many nested parentheses)");
        }
        TSParser p = new TSParser();
        p.setLanguage(new TreeSitterPython());
        // the budget counts this thread's CPU time where the JVM measures it, so a loaded machine reaches it on the
        // same files as an idle one (same input, same report); wall time still stops it at five times the budget
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpuTime = cpu.isCurrentThreadCpuTimeSupported() && cpu.isThreadCpuTimeEnabled();
        long budget = budgetMs * 1_000_000L;
        long wallDeadline = System.nanoTime() + (cpuTime ? 5 * budget : budget);
        long cpuDeadline = cpuTime ? cpu.getCurrentThreadCpuTime() + budget : Long.MAX_VALUE;
        TSTree tree = p.parseWithOptions(new byte[64 * 1024], null, (buf, offset, point) -> {
            if (offset >= utf8.length) {
                return 0;
            }
            int n = Math.min(buf.length, utf8.length - offset);
            System.arraycopy(utf8, offset, buf, 0, n);
            return n;
        }, TSInputEncoding.TSInputEncodingUTF8, state -> System.nanoTime() > wallDeadline
                || cpuTime && cpu.getCurrentThreadCpuTime() > cpuDeadline);
        if (tree == null) {
            return gaveUp(text, budgetMs);
        }
        Positions pos = new Positions(text, utf8);
        List<Error> errors = new ArrayList<>();
        TSNode rootNode = tree.getRootNode();
        // a tree without errors has no MISSING nodes: asking each token would cost a call per token
        PyNode root;
        try {
            root = copy(new TSTreeCursor(rootNode), rootNode, rootNode.getSymbol(), text, pos, errors,
                    rootNode.hasError(), 0);
        } catch (TooDeep e) {
            return unread(text, e.line, e.column, "Python syntax nested more than " + MAX_DEPTH
                    + " levels deep here: nothing in this file was read");
        }
        return new Parsed(root, errors);
    }

    /**
     * Named nodes nested deeper than this are not read: the tree copy and every walk over the tree recurse once per
     * level (a Django migration's deepest node is about 20 levels down; {@code ((((...} 20,000 deep overflowed the
     * stack of the reader). tree-sitter itself parses any depth: its stack is on the heap.
     */
    static final int MAX_DEPTH = 1_000;

    /** Thrown out of the tree copy at the first node past {@link #MAX_DEPTH}. */
    private static final class TooDeep extends RuntimeException {
        final int line;
        final int column;

        TooDeep(int line, int column) {
            super(null, null, false, false);
            this.line = line;
            this.column = column;
        }
    }

    /** Node type names and whether they are named, by symbol: one JNI call per node instead of three. */
    private static final String[] NAMES;
    private static final boolean[] NAMED;
    /** Field names by field id (0: none): an int from the cursor instead of a new string per node. */
    private static final String[] FIELDS;

    static {
        TreeSitterPython lang = new TreeSitterPython();
        int n = lang.symbolCount();
        NAMES = new String[n];
        NAMED = new boolean[n];
        for (int i = 0; i < n; i++) {
            NAMES[i] = lang.symbolName(i);
            NAMED[i] = lang.symbolType(i) == TSSymbolType.TSSymbolTypeRegular;
        }
        FIELDS = new String[lang.fieldCount() + 1];
        for (int i = 1; i < FIELDS.length; i++) {
            FIELDS[i] = lang.fieldNameForId(i);
        }
    }

    /**
     * Copies the named nodes with a cursor (a child by index costs a walk over its siblings in tree-sitter, and every
     * call into the binding costs microseconds, so anonymous tokens are only asked for their symbol).
     */
    private static PyNode copy(TSTreeCursor cur, TSNode n, int symbol, String text, Positions pos, List<Error> errors,
                               boolean broken, int depth) {
        int fieldId = cur.currentFieldId();
        String field = fieldId > 0 && fieldId < FIELDS.length ? FIELDS[fieldId] : null;
        int start = pos.charAt(n.getStartByte());
        int end = pos.charAt(n.getEndByte());
        boolean error = symbol < 0 || symbol >= NAMES.length;
        String type = error ? "ERROR" : NAMES[symbol];
        boolean missing = broken && !error && start == end && n.isMissing();
        if ((missing || error) && errors.size() < MAX_ERRORS) {
            String what = missing ? "missing " + type : "unexpected " + excerpt(text.substring(start, end));
            errors.add(new Error(pos.line(start), pos.column(start), "Python syntax error: " + what));
        }
        List<PyNode> kids = new ArrayList<>();
        if (cur.gotoFirstChild()) {
            do {
                TSNode c = cur.currentNode();
                int cs = c.getSymbol();
                boolean cerr = cs < 0 || cs >= NAMES.length;
                if (cerr || NAMED[cs] || broken && c.isMissing()) {
                    if (depth >= MAX_DEPTH) {
                        int at = pos.charAt(c.getStartByte());
                        throw new TooDeep(pos.line(at), pos.column(at));
                    }
                    kids.add(copy(cur, c, cs, text, pos, errors, broken, depth + 1));
                }
            } while (cur.gotoNextSibling());
            cur.gotoParent();
        }
        int last = Math.max(start, end - 1);
        return new PyNode(type, field, text, start, end, pos.line(start), pos.column(start), pos.line(last),
                pos.column(last), kids);
    }

    private static String excerpt(String s) {
        String t = s.strip().replace('\n', ' ');
        return t.isEmpty() ? "end of input" : "'" + (t.length() > 30 ? t.substring(0, 30) + "..." : t) + "'";
    }

    /** UTF-8 byte offsets (what tree-sitter reports) to character offsets, lines and columns. */
    static final class Positions {
        private final int[] charOfByte;
        private final int[] lineStarts;

        /** {@code b}: the text's UTF-8 bytes (the parser's input, encoded once). */
        Positions(String text, byte[] b) {
            charOfByte = new int[b.length + 1];
            int bi = 0;
            for (int ci = 0; ci < text.length(); ci++) {
                int cp = text.charAt(ci);
                int len;
                if (Character.isHighSurrogate((char) cp) && ci + 1 < text.length()) {
                    len = 4;
                } else if (Character.isLowSurrogate((char) cp)) {
                    continue;
                } else {
                    len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
                }
                for (int k = 0; k < len && bi + k < charOfByte.length; k++) {
                    charOfByte[bi + k] = ci;
                }
                bi += len;
            }
            for (int k = bi; k < charOfByte.length; k++) {
                charOfByte[k] = text.length();
            }
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        int charAt(int byteOffset) {
            return charOfByte[Math.min(Math.max(byteOffset, 0), charOfByte.length - 1)];
        }

        int line(int charOffset) {
            int lo = 0;
            int hi = lineStarts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (lineStarts[mid] <= charOffset) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo + 1;
        }

        int column(int charOffset) {
            return charOffset - lineStarts[line(charOffset) - 1] + 1;
        }
    }

    /** A file's text, or "" when it cannot be read (the engine reports unreadable files itself). */
    static String readFile(java.nio.file.Path p) {
        try {
            return dev.schemagate.model.code.CodeText.read(p);
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    /** The syntax errors of a parsed file as problems of its code migration. */
    static List<dev.schemagate.model.code.CodeMigration.Problem> problems(Parsed parsed) {
        List<dev.schemagate.model.code.CodeMigration.Problem> out = new ArrayList<>();
        for (Error e : parsed.errors()) {
            out.add(new dev.schemagate.model.code.CodeMigration.Problem(e.line(), e.column(), e.message()));
        }
        return out;
    }

    /** String constants assigned at module level ({@code TABLE = "task_run"}), in order. */
    static java.util.Map<String, PyExpr.Str> constants(PyNode root) {
        java.util.Map<String, PyExpr.Str> consts = new java.util.HashMap<>();
        for (PyNode s : root.children()) {
            PyNode a = s.is("expression_statement") && !s.children().isEmpty() ? s.children().get(0) : null;
            if (a != null && a.is("assignment") && a.get("left") != null && a.get("left").is("identifier")) {
                PyExpr.Str v = PyExpr.str(a.get("right"), consts);
                if (v != null) {
                    consts.put(a.get("left").text(), v);
                }
            }
        }
        return consts;
    }
}
