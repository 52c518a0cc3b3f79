package dev.schemagate.core.input.liquibase;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Liquibase changelog properties: {@code ${name}} is replaced by the value; unknown names stay as written. */
final class Properties {
    private static final Pattern REF = Pattern.compile("\\$\\{([^}]+)}");

    private Properties() {
    }

    static String apply(String s, Map<String, String> props) {
        if (s == null || s.indexOf("${") < 0) {
            return s;
        }
        Matcher m = REF.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = props.get(m.group(1).trim());
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group(0) : v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
