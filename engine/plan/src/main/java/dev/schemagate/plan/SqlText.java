package dev.schemagate.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Just enough SQL text handling to reuse the expressions of a migration's UPDATE in generated SQL: a tokenizer that
 * knows strings, quoted identifiers, dollar quotes and comments, the SET list and WHERE of a single-table UPDATE or
 * DELETE, and rewriting of column references (to {@code NEW.col} inside a trigger).
 */
public final class SqlText {
    private SqlText() {
    }

    enum T { WORD, QUOTED_ID, STRING, NUMBER, PUNCT, SPACE, COMMENT }

    record Token(T type, String text) {
        boolean is(String word) {
            return type == T.WORD && text.equalsIgnoreCase(word);
        }
    }

    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int j = i + 1;
            T type;
            if (Character.isWhitespace(c)) {
                while (j < n && Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                type = T.SPACE;
            } else if (c == '-' && j < n && s.charAt(j) == '-') {
                while (j < n && s.charAt(j) != '\n') {
                    j++;
                }
                type = T.COMMENT;
            } else if (c == '/' && j < n && s.charAt(j) == '*') {
                int e = s.indexOf("*/", j + 1);
                j = e < 0 ? n : e + 2;
                type = T.COMMENT;
            } else if (c == '\'') {
                while (j < n) {
                    if (s.charAt(j) == '\'') {
                        if (j + 1 < n && s.charAt(j + 1) == '\'') {
                            j += 2;
                            continue;
                        }
                        j++;
                        break;
                    }
                    j++;
                }
                type = T.STRING;
            } else if (c == '"') {
                while (j < n && s.charAt(j) != '"') {
                    j++;
                }
                j = Math.min(n, j + 1);
                type = T.QUOTED_ID;
            } else if (c == '$' && s.substring(i).matches("(?s)^\\$[A-Za-z_]*\\$.*")) {
                int e = s.indexOf('$', i + 1);
                String tag = s.substring(i, e + 1);
                int close = s.indexOf(tag, e + 1);
                j = close < 0 ? n : close + tag.length();
                type = T.STRING;
            } else if (Character.isLetter(c) || c == '_') {
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) {
                    j++;
                }
                type = T.WORD;
            } else if (Character.isDigit(c)) {
                while (j < n && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                type = T.NUMBER;
            } else {
                type = T.PUNCT;
            }
            out.add(new Token(type, s.substring(i, j)));
            i = j;
        }
        return out;
    }

    /** A single-table UPDATE or DELETE: the table, the SET list (column to expression) and the WHERE text. */
    public record DataStatement(String table, boolean delete, Map<String, String> set, String where) {
    }

    /**
     * Reads {@code UPDATE t SET a = expr, ... [WHERE cond]} or {@code DELETE FROM t [WHERE cond]}; null for
     * anything else (FROM/USING joins, RETURNING, CTEs, ONLY, aliases), which the planner leaves to a person.
     */
    public static DataStatement data(String sql) {
        List<Token> ts = new ArrayList<>();
        for (Token t : tokens(sql.trim())) {
            if (t.type != T.COMMENT) {
                ts.add(t);
            }
        }
        while (!ts.isEmpty() && (ts.get(ts.size() - 1).type == T.SPACE || ts.get(ts.size() - 1).text.equals(";"))) {
            ts.remove(ts.size() - 1);
        }
        List<Token> words = new ArrayList<>();
        for (Token t : ts) {
            if (t.type != T.SPACE) {
                words.add(t);
            }
        }
        if (words.size() < 2) {
            return null;
        }
        boolean delete = words.get(0).is("delete");
        if (!delete && !words.get(0).is("update")) {
            return null;
        }
        int pos = 1;
        if (delete) {
            if (!words.get(1).is("from")) {
                return null;
            }
            pos = 2;
        }
        StringBuilder table = new StringBuilder();
        while (pos < words.size() && (words.get(pos).type == T.WORD || words.get(pos).type == T.QUOTED_ID
                || words.get(pos).text.equals("."))) {
            Token w = words.get(pos);
            if (w.type == T.WORD && (w.is("set") || w.is("where"))) {
                break;
            }
            table.append(w.text);
            pos++;
        }
        if (table.length() == 0 || table.toString().equalsIgnoreCase("only")) {
            return null;
        }
        // split the rest at top level: SET list and WHERE
        Map<String, String> set = new LinkedHashMap<>();
        String where = null;
        List<Token> rest = new ArrayList<>();
        int start = ts.indexOf(words.get(pos - 1)) + 1;
        rest.addAll(ts.subList(start, ts.size()));
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        String section = null;
        String col = null;
        for (Token t : rest) {
            if (t.type == T.PUNCT && t.text.equals("(")) {
                depth++;
            } else if (t.type == T.PUNCT && t.text.equals(")")) {
                depth--;
            }
            if (depth == 0 && t.type == T.WORD) {
                if (t.is("from") || t.is("returning") || t.is("using")) {
                    return null;
                }
                if (section == null && !delete && t.is("set")) {
                    section = "set";
                    continue;
                }
                if (t.is("where") && !"where".equals(section)) {
                    if ("set".equals(section)) {
                        if (col == null) {
                            return null;
                        }
                        set.put(col, cur.toString().trim());
                    }
                    section = "where";
                    cur.setLength(0);
                    continue;
                }
            }
            if (section == null) {
                if (t.type != T.SPACE) {
                    return null;
                }
                continue;
            }
            if ("set".equals(section) && depth == 0 && col == null && t.type == T.PUNCT && t.text.equals("=")) {
                col = unquote(cur.toString().trim());
                if (!col.matches("[A-Za-z_][A-Za-z0-9_$]*|\"[^\"]+\"")) {
                    return null;
                }
                cur.setLength(0);
                continue;
            }
            if ("set".equals(section) && depth == 0 && t.type == T.PUNCT && t.text.equals(",")) {
                if (col == null) {
                    return null;
                }
                set.put(col, cur.toString().trim());
                col = null;
                cur.setLength(0);
                continue;
            }
            cur.append(t.text);
        }
        if ("set".equals(section)) {
            if (col == null) {
                return null;
            }
            set.put(col, cur.toString().trim());
        } else if ("where".equals(section)) {
            where = cur.toString().trim();
        }
        if (!delete && set.isEmpty()) {
            return null;
        }
        return new DataStatement(table.toString(), delete, set, where);
    }

    private static String unquote(String s) {
        return s.startsWith("\"") && s.endsWith("\"") && s.length() > 1 ? s.substring(1, s.length() - 1)
                : s.toLowerCase(Locale.ROOT);
    }

    /** Column names of {@code columns} that {@code expr} refers to, in order of first use. */
    public static Set<String> columnsUsed(String expr, Iterable<String> columns) {
        Set<String> out = new LinkedHashSet<>();
        List<Token> ts = tokens(expr);
        for (int i = 0; i < ts.size(); i++) {
            String c = columnAt(ts, i, columns);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** {@code expr} with every reference to one of {@code columns} written as {@code prefix.column}. */
    public static String qualify(String expr, Iterable<String> columns, String prefix) {
        StringBuilder sb = new StringBuilder();
        List<Token> ts = tokens(expr);
        for (int i = 0; i < ts.size(); i++) {
            String c = columnAt(ts, i, columns);
            sb.append(c != null ? prefix + "." + ts.get(i).text : ts.get(i).text);
        }
        return sb.toString();
    }

    private static String columnAt(List<Token> ts, int i, Iterable<String> columns) {
        Token t = ts.get(i);
        if (t.type != T.WORD && t.type != T.QUOTED_ID) {
            return null;
        }
        Token prev = prevSolid(ts, i);
        Token next = nextSolid(ts, i);
        if (prev != null && prev.text.equals(".") || next != null && (next.text.equals("(") || next.text.equals("."))) {
            return null;
        }
        String name = t.type == T.QUOTED_ID ? t.text.substring(1, t.text.length() - 1) : t.text;
        for (String c : columns) {
            if (t.type == T.QUOTED_ID ? c.equals(name) : c.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    private static Token prevSolid(List<Token> ts, int i) {
        for (int k = i - 1; k >= 0; k--) {
            if (ts.get(k).type != T.SPACE && ts.get(k).type != T.COMMENT) {
                return ts.get(k);
            }
        }
        return null;
    }

    private static Token nextSolid(List<Token> ts, int i) {
        for (int k = i + 1; k < ts.size(); k++) {
            if (ts.get(k).type != T.SPACE && ts.get(k).type != T.COMMENT) {
                return ts.get(k);
            }
        }
        return null;
    }

    /** True when the expression refers to no column: a constant the server can store as a default. */
    public static boolean isConstant(String expr, Iterable<String> columns) {
        return columnsUsed(expr, columns).isEmpty();
    }

    /** A SQL string literal. */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Collapses runs of white space (statement text in Markdown tables and titles). */
    public static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
