package dev.schemagate.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a database password comes from, in this order: {@code --db-password-file}, the environment variable
 * {@code SCHEMAGATE_DB_PASSWORD}, {@code PGPASSWORD} (PostgreSQL) or {@code MYSQL_PWD} (MySQL/MariaDB), and
 * last a password written into the URL. Every secret is registered with a {@link Redactor} so no message can
 * repeat it.
 */
public final class Credentials {
    private final String user;
    private final String password;
    private final String source;

    private Credentials(String user, String password, String source) {
        this.user = user;
        this.password = password;
        this.source = source;
    }

    public static Credentials resolve(DbUrl url, Path passwordFile, Map<String, String> env, Redactor redactor)
            throws LiveException {
        String pw = null;
        String source = null;
        if (passwordFile != null) {
            try {
                String s = Files.readString(passwordFile, StandardCharsets.UTF_8);
                pw = s.lines().findFirst().orElse("");
                source = "--db-password-file";
            } catch (IOException e) {
                throw new LiveException(passwordFile + ": cannot read the password file (" + e.getClass().getSimpleName()
                        + "); give a readable file with the password on its first line");
            }
        } else if (env.get("SCHEMAGATE_DB_PASSWORD") != null) {
            pw = env.get("SCHEMAGATE_DB_PASSWORD");
            source = "SCHEMAGATE_DB_PASSWORD";
        } else if (url.dialect() == dev.schemagate.model.Dialect.POSTGRES && env.get("PGPASSWORD") != null) {
            pw = env.get("PGPASSWORD");
            source = "PGPASSWORD";
        } else if (url.dialect().isMysqlFamily() && env.get("MYSQL_PWD") != null) {
            pw = env.get("MYSQL_PWD");
            source = "MYSQL_PWD";
        } else if (url.urlPassword() != null) {
            pw = url.urlPassword();
            source = "url";
        }
        String user = url.user();
        if (user == null && url.dialect() == dev.schemagate.model.Dialect.POSTGRES) {
            user = env.get("PGUSER");
        }
        redactor.secret(pw);
        redactor.secret(url.urlPassword());
        redactor.url(url);
        return new Credentials(user, pw, source);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Where the password came from ("url", an environment variable, the file option), or null for none. */
    public String source() {
        return source;
    }

    /** Problems worth a warning: a password on the command line. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        if ("url".equals(source)) {
            w.add("the database password is written in the URL, where other users of this machine can see it; "
                    + "use SCHEMAGATE_DB_PASSWORD or --db-password-file");
        }
        return w;
    }
}
