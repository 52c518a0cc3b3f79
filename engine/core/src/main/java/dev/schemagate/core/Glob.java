package dev.schemagate.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Glob patterns of policies and waivers: {@code *} matches any run of characters, {@code ?} one character,
 * everything else itself (case-insensitively, as SQL names are). A pattern without a dot matched against a
 * qualified name ({@code schema.table}) is tried against the last part too, so {@code orders} matches
 * {@code public.orders}; a pattern without a slash matched against a path is tried against the file name too.
 */
public final class Glob {
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private Glob() {
    }

    /** The regular expression a glob stands for. */
    public static Pattern compile(String glob) {
        return CACHE.computeIfAbsent(glob, g -> {
            StringBuilder sb = new StringBuilder();
            StringBuilder lit = new StringBuilder();
            for (int i = 0; i < g.length(); i++) {
                char ch = g.charAt(i);
                if (ch == '*' || ch == '?') {
                    if (lit.length() > 0) {
                        sb.append(Pattern.quote(lit.toString()));
                        lit.setLength(0);
                    }
                    sb.append(ch == '*' ? ".*" : ".");
                } else {
                    lit.append(ch);
                }
            }
            if (lit.length() > 0) {
                sb.append(Pattern.quote(lit.toString()));
            }
            return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        });
    }

    public static boolean matches(String glob, String text) {
        return text != null && compile(glob).matcher(text).matches();
    }

    /** Matches a table or collection name, qualified ({@code payments.ledger}) or not. */
    public static boolean matchesName(String glob, String qualified) {
        if (qualified == null || qualified.isEmpty()) {
            return false;
        }
        if (matches(glob, qualified)) {
            return true;
        }
        int dot = qualified.lastIndexOf('.');
        return glob.indexOf('.') < 0 && dot >= 0 && matches(glob, qualified.substring(dot + 1));
    }

    /** Matches a file path ({@code /}-separated); a pattern without {@code /} also matches the bare file name. */
    public static boolean matchesPath(String glob, String path) {
        if (path == null) {
            return false;
        }
        String p = path.replace('\\', '/');
        if (matches(glob, p)) {
            return true;
        }
        int slash = p.lastIndexOf('/');
        return glob.indexOf('/') < 0 && slash >= 0 && matches(glob, p.substring(slash + 1));
    }
}
