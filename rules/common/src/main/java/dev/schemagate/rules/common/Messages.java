package dev.schemagate.rules.common;

import dev.schemagate.model.change.Change;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a message template's {@code {placeholders}} from the change: {table}, {lock}, {describe}, and any bean property
 * of the change such as {columnName}, {indexName}, {constraintName}, {newType}, {rows}.
 */
public final class Messages {
    private static final Pattern PH = Pattern.compile("\\{([a-zA-Z.]+)}");
    private static final Map<String, Method> GETTERS = new ConcurrentHashMap<>();

    private Messages() {
    }

    public static String render(String template, Change c) {
        if (template == null || template.indexOf('{') < 0) {
            return template;
        }
        Matcher m = PH.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = value(c, m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group(0) : v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static String value(Change c, String key) {
        switch (key) {
            case "table":
                return c.getTable() == null ? "" : c.getTable().toString();
            case "lock":
                return c.getEffect().getLock().getName();
            case "rows":
                return c.getCtx() == null || c.getCtx().getRows() == null ? "unknown" : String.format("%,d", c.getCtx().getRows());
            case "version":
                return c.getCtx() == null || c.getCtx().getVersion() == null ? "" : c.getCtx().getVersion().toString();
            case "describe":
                return c.describe();
            default:
                break;
        }
        Object cur = c;
        for (String part : key.split("\\.")) {
            if (cur == null) {
                return null;
            }
            cur = property(cur, part);
        }
        return cur == null ? null : cur.toString();
    }

    private static Object property(Object o, String name) {
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        String k = o.getClass().getName() + "#" + name;
        Method getter = GETTERS.computeIfAbsent(k, x -> find(o.getClass(), cap));
        if (getter == null) {
            return null;
        }
        try {
            return getter.invoke(o);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static Method find(Class<?> type, String cap) {
        for (String prefix : new String[] {"get", "is"}) {
            try {
                return type.getMethod(prefix + cap);
            } catch (NoSuchMethodException ignored) {
                // try next prefix
            }
        }
        return null;
    }
}
