package dev.schemagate.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cleans text before it is shown: every registered secret becomes {@code ***} and every registered URL its
 * masked form. Driver error messages pass through here, because some drivers repeat the URL they were given.
 */
public final class Redactor {
    private final List<String> secrets = new ArrayList<>();
    private final List<String[]> urls = new ArrayList<>();

    public void secret(String s) {
        if (s != null && !s.isEmpty() && !secrets.contains(s)) {
            secrets.add(s);
            secrets.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    public void url(DbUrl u) {
        urls.add(new String[] {u.original(), u.masked()});
        urls.add(new String[] {u.jdbcUrl(), DbUrl.mask(u.jdbcUrl())});
    }

    public String clean(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String[] u : urls) {
            out = out.replace(u[0], u[1]);
        }
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        return DbUrl.mask(out);
    }
}
