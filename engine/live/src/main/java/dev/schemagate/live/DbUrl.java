package dev.schemagate.live;

import dev.schemagate.model.Dialect;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database address as a user gives it ({@code jdbc:postgresql://h/db}, {@code postgres://u@h/db},
 * {@code jdbc:mariadb://h/db}, {@code mysql://h/db}, {@code jdbc:sqlite:file.db}, {@code sqlite:file.db}),
 * normalised to a JDBC URL without credentials. The user name is kept; a password written in the URL is taken
 * out and kept apart, so that {@link #masked()} and {@link #jdbcUrl()} never contain it.
 */
public final class DbUrl {
    /** Query parameters that carry secrets in JDBC URLs of the supported drivers. */
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&;](?:password|pass|pwd|sslpassword|sslkeypassword|secret|token|accesstoken|keyStorePassword|trustStorePassword)=)([^&;#]*)");
    private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.:-]*://)([^/@?#]*)@");

    private final Dialect dialect;
    private final String jdbcUrl;
    private final String user;
    private final String urlPassword;
    private final String original;

    private DbUrl(Dialect dialect, String jdbcUrl, String user, String urlPassword, String original) {
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.urlPassword = urlPassword;
        this.original = original;
    }

    /** Parses a URL; the message of a failure never repeats a password. */
    public static DbUrl parse(String raw) throws LiveException {
        if (raw == null || raw.isBlank()) {
            throw new LiveException("empty database URL");
        }
        String s = raw.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mongodb://") || lower.startsWith("mongodb+srv://")) {
            return mongo(s);
        }
        if (lower.startsWith("jdbc:sqlite:") || lower.startsWith("sqlite:") || lower.startsWith("sqlite3:")) {
            String file = s.substring(s.indexOf(':', lower.startsWith("jdbc:") ? 5 : 0) + 1);
            if (file.startsWith("file:")) {
                file = file.substring(5);
            }
            int q = file.indexOf('?');
            if (q >= 0) {
                file = file.substring(0, q);
            }
            if (file.isEmpty() || file.equals(":memory:")) {
                throw new LiveException(mask(s) + ": name a SQLite database file");
            }
            return new DbUrl(Dialect.SQLITE, "jdbc:sqlite:" + file, null, null, s);
        }
        Dialect d;
        String rest;
        if (lower.startsWith("jdbc:postgresql://")) {
            d = Dialect.POSTGRES;
            rest = s.substring("jdbc:postgresql://".length());
        } else if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            d = Dialect.POSTGRES;
            rest = s.substring(s.indexOf("://") + 3);
        } else if (lower.startsWith("jdbc:mysql://") || lower.startsWith("mysql://")) {
            d = Dialect.MYSQL;
            rest = s.substring(s.indexOf("://") + 3);
        } else if (lower.startsWith("jdbc:mariadb://") || lower.startsWith("mariadb://")) {
            d = Dialect.MARIADB;
            rest = s.substring(s.indexOf("://") + 3);
        } else {
            throw new LiveException(mask(s) + ": not a database URL SchemaGate reads; use jdbc:postgresql://HOST/DB, "
                    + "postgres://USER@HOST/DB, jdbc:mariadb://HOST/DB, mysql://HOST/DB or jdbc:sqlite:FILE");
        }
        String user = null;
        String password = null;
        int at = rest.indexOf('@');
        int slash = rest.indexOf('/');
        if (at >= 0 && (slash < 0 || at < slash)) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            user = decode(colon >= 0 ? info.substring(0, colon) : info);
            password = colon >= 0 ? decode(info.substring(colon + 1)) : null;
        }
        // credentials written as query parameters move out of the URL too
        Map<String, String> params = new LinkedHashMap<>();
        String path = rest;
        int q = rest.indexOf('?');
        if (q >= 0) {
            path = rest.substring(0, q);
            for (String kv : rest.substring(q + 1).split("&")) {
                if (kv.isEmpty()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                String k = eq >= 0 ? kv.substring(0, eq) : kv;
                String v = eq >= 0 ? kv.substring(eq + 1) : "";
                if (k.equalsIgnoreCase("user")) {
                    user = decode(v);
                } else if (k.equalsIgnoreCase("password")) {
                    password = decode(v);
                } else {
                    params.put(k, v);
                }
            }
        }
        String scheme = d == Dialect.POSTGRES ? "jdbc:postgresql://" : "jdbc:mariadb://";
        StringBuilder url = new StringBuilder(scheme).append(path);
        List<String> kept = new ArrayList<>();
        params.forEach((k, v) -> kept.add(k + "=" + v));
        if (!kept.isEmpty()) {
            url.append('?').append(String.join("&", kept));
        }
        return new DbUrl(d, url.toString(), user, password, s);
    }

    /** {@code mongodb://[user[:password]@]hosts/DB[?options]}: credentials move out, the database must be named. */
    private static DbUrl mongo(String s) throws LiveException {
        int schemeEnd = s.indexOf("://") + 3;
        String rest = s.substring(schemeEnd);
        String user = null;
        String password = null;
        int slash = rest.indexOf('/');
        int at = rest.lastIndexOf('@', slash < 0 ? rest.length() - 1 : slash);
        if (at >= 0) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            user = decode(colon >= 0 ? info.substring(0, colon) : info);
            password = colon >= 0 ? decode(info.substring(colon + 1)) : null;
        }
        slash = rest.indexOf('/');
        int q = rest.indexOf('?');
        String db = slash < 0 ? "" : rest.substring(slash + 1, q > slash ? q : rest.length());
        if (db.isEmpty()) {
            throw new LiveException(mask(s) + ": name the database in the URL: mongodb://HOST[:PORT]/DATABASE");
        }
        List<String> kept = new ArrayList<>();
        if (q >= 0) {
            for (String kv : rest.substring(q + 1).split("&")) {
                String k = kv.contains("=") ? kv.substring(0, kv.indexOf('=')) : kv;
                if (!kv.isEmpty() && !k.equalsIgnoreCase("password")) {
                    kept.add(kv);
                }
            }
        }
        String base = s.substring(0, schemeEnd) + (q >= 0 ? rest.substring(0, q) : rest);
        return new DbUrl(Dialect.MONGODB, kept.isEmpty() ? base : base + "?" + String.join("&", kept), user, password, s);
    }

    /** For MongoDB, the database named in the URL. */
    public String mongoDatabase() {
        if (dialect != Dialect.MONGODB) {
            return null;
        }
        String rest = jdbcUrl.substring(jdbcUrl.indexOf("://") + 3);
        rest = rest.substring(rest.indexOf('/') + 1);
        return decode(rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /**
     * The URL with any password (in user info or query parameters) replaced by {@code ***}: the only form of a
     * URL SchemaGate prints.
     */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String s = url;
        Matcher m = USERINFO.matcher(s);
        if (m.find()) {
            String info = m.group(2);
            int colon = info.indexOf(':');
            if (colon >= 0) {
                s = m.group(1) + info.substring(0, colon) + ":***@" + s.substring(m.end());
            }
        }
        Matcher p = SECRET_PARAM.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (p.find()) {
            p.appendReplacement(sb, Matcher.quoteReplacement(p.group(1) + "***"));
        }
        p.appendTail(sb);
        return sb.toString();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** JDBC URL without user name or password (for MongoDB, the connection string without them). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    /** A password the user wrote into the URL (discouraged: other users can see command lines), or null. */
    public String urlPassword() {
        return urlPassword;
    }

    /** The URL as given, masked: for messages. */
    public String masked() {
        return mask(original);
    }

    public String original() {
        return original;
    }

    /** For SQLite, the database file. */
    public Path sqliteFile() {
        return dialect == Dialect.SQLITE ? Path.of(jdbcUrl.substring("jdbc:sqlite:".length())) : null;
    }

    /** Host, port and database: what two URLs must share to name the same database. */
    public String identity() {
        if (dialect == Dialect.SQLITE) {
            return "sqlite:" + sqliteFile().toAbsolutePath().normalize();
        }
        String rest = jdbcUrl.substring(jdbcUrl.indexOf("://") + 3);
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        String hostPort = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        String db = rest.contains("/") ? rest.substring(rest.indexOf('/') + 1) : "";
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.lastIndexOf(':')) : hostPort;
        String port = hostPort.contains(":") ? hostPort.substring(hostPort.lastIndexOf(':') + 1)
                : dialect == Dialect.POSTGRES ? "5432" : dialect == Dialect.MONGODB ? "27017" : "3306";
        if (host.equals("127.0.0.1") || host.equals("::1") || host.equals("[::1]") || host.isEmpty()) {
            host = "localhost";
        }
        return (dialect.isMysqlFamily() ? "mysql" : dialect.id()) + "://" + host.toLowerCase(Locale.ROOT) + ":" + port
                + "/" + db;
    }

    @Override
    public String toString() {
        return masked();
    }
}
