package dev.schemagate.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Turns a seed text into a hostile variant: a slice of a seed, then a few mutations that target what readers get
 * wrong (quotes, comments, dollar quotes, nesting, block bodies, line endings, odd code points, truncation).
 * Everything is drawn from the given {@link Random}, so one seed number reproduces one input.
 */
final class Mutator {
    static final String[] TOKENS = {
        "'", "''", "\"", "`", "[", "]", "$$", "$a$", "$a", "$1", "/*", "*/", "/* /* */", "--", "#", ";", ";;",
        "(", ")", "((((", "))))", ",", "::", "\\", "E'\\'", "U&'", "N'", "X'", "\r", "\r\n", "\n", "\t", "\u0000",
        "\uFEFF", "\uD800", "\uDC00", "\uD83D\uDE00", "\u00e9", "\u2028", "BEGIN", "END", "BEGIN;", "END;", "COMMIT;",
        "CASE", "WHEN", "THEN", "CREATE TRIGGER t AFTER INSERT ON x BEGIN ", "CREATE FUNCTION f() RETURNS int AS ",
        "DO ", "DELIMITER //\n", "//", "GO\n", "ALTER TABLE ", "DROP ", "CREATE INDEX CONCURRENTLY ", "ON ", "ADD COLUMN ",
        "NOT NULL", "DEFAULT ", "PRIMARY KEY", "REFERENCES ", "CHECK (", "USING ", "WITH ", "SELECT ", "FROM ",
        "RENAME TO ", "TYPE ", "COPY t FROM stdin;\n", "\\.\n", "-- schemagate:ignore ", "-- schemagate:ignore-next ",
        "PRAGMA ", "VACUUM", "\"\"", "'\\''", "9999999999999999999999", "-1", "1e999", "NULL", "t.", ".", "*"
    };

    private Mutator() {
    }

    /** A slice of a seed (sometimes all of it) with 0 to 6 mutations; at most {@code max} characters. */
    static String sql(Random r, int max) {
        List<String> seeds = Seeds.sql();
        String seed = seeds.get(r.nextInt(seeds.size()));
        String s;
        if (seed.length() <= max && r.nextInt(4) == 0) {
            s = seed;
        } else {
            int from = seed.isEmpty() ? 0 : r.nextInt(seed.length());
            int len = 1 + r.nextInt(Math.max(1, Math.min(max, seed.length() - from)));
            s = seed.substring(from, Math.min(seed.length(), from + len));
        }
        return mutate(r, s, max);
    }

    static String mutate(Random r, String s, int max) {
        StringBuilder sb = new StringBuilder(s);
        int n = r.nextInt(7);
        for (int i = 0; i < n; i++) {
            int at = sb.length() == 0 ? 0 : r.nextInt(sb.length() + 1);
            switch (r.nextInt(9)) {
                case 0, 1, 2 -> sb.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
                case 3 -> { // delete a range
                    int end = Math.min(sb.length(), at + 1 + r.nextInt(40));
                    sb.delete(Math.min(at, end), end);
                }
                case 4 -> { // duplicate a range
                    int end = Math.min(sb.length(), at + r.nextInt(200));
                    sb.insert(end, sb.substring(Math.min(at, end), end));
                }
                case 5 -> sb.setLength(at); // truncate
                case 6 -> { // nesting
                    int depth = 1 + r.nextInt(r.nextBoolean() ? 50 : 3000);
                    String open = r.nextBoolean() ? "(" : "BEGIN ";
                    String close = open.equals("(") ? ")" : " END;";
                    sb.insert(at, open.repeat(depth) + (r.nextBoolean() ? close.repeat(depth) : ""));
                }
                case 7 -> { // a random character, any code unit
                    sb.insert(at, (char) r.nextInt(r.nextBoolean() ? 128 : 0x10000));
                }
                default -> { // line endings
                    for (int k = 0; k < sb.length(); k++) {
                        if (sb.charAt(k) == '\n' && r.nextInt(3) == 0) {
                            sb.setCharAt(k, '\r');
                        }
                    }
                }
            }
        }
        if (sb.length() > max * 2) {
            sb.setLength(max * 2);
        }
        return sb.toString();
    }

    /** A YAML seed with mutations (keys, indentation, anchors, tabs, huge numbers). */
    static String yaml(Random r) {
        List<String> seeds = Seeds.yaml();
        String s = seeds.get(r.nextInt(seeds.size()));
        StringBuilder sb = new StringBuilder(s);
        String[] tokens = {":", ": ", "- ", "  ", "\t", "{", "}", "[", "]", "&a ", "*a", "!!binary ", "!!java.lang.Object ",
            "'", "\"", "#", "\n", "---\n", "...\n", "? ", "|", ">", "~", "null", "true", "-1", "1e400", "2GB", "5x",
            "99999999999999999999", "<<: *a\n", "fail_on: ", "dialect: ", "risk: ", "pg_version: ", "threads: ",
            "uncertain: ", "rows: ", "bytes: ", "policies: ", "env: ", "\"\\0\"", "\"{a,{b}}\"", "\u0000", "\uFEFF"};
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            int at = sb.length() == 0 ? 0 : r.nextInt(sb.length() + 1);
            switch (r.nextInt(4)) {
                case 0, 1 -> sb.insert(at, tokens[r.nextInt(tokens.length)]);
                case 2 -> sb.delete(at, Math.min(sb.length(), at + 1 + r.nextInt(20)));
                default -> sb.insert(at, (char) r.nextInt(0x3000));
            }
        }
        return sb.toString();
    }

    /** Random bytes, sometimes behind a byte-order mark, sometimes a text seed in another encoding. */
    static byte[] bytes(Random r) {
        byte[][] boms = {{}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xFE, (byte) 0xFF}};
        byte[] bom = boms[r.nextInt(boms.length)];
        byte[] body;
        if (r.nextBoolean()) {
            String s = sql(r, 300);
            java.nio.charset.Charset[] cs = {java.nio.charset.StandardCharsets.UTF_8,
                java.nio.charset.StandardCharsets.UTF_16LE, java.nio.charset.StandardCharsets.UTF_16BE,
                java.nio.charset.StandardCharsets.ISO_8859_1};
            body = s.getBytes(cs[r.nextInt(cs.length)]);
            for (int i = r.nextInt(4); i > 0 && body.length > 0; i--) {
                body[r.nextInt(body.length)] = (byte) r.nextInt(256);
            }
        } else {
            body = new byte[r.nextInt(600)];
            r.nextBytes(body);
        }
        byte[] out = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, out, 0, bom.length);
        System.arraycopy(body, 0, out, bom.length, body.length);
        return out;
    }
}
