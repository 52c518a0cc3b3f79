package dev.schemagate.dialects.python;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one Django migration needs to know about models of other migrations: table names ({@code <app>_<model>}
 * unless {@code db_table} says otherwise) and field columns ({@code <name>_id} for a ForeignKey, or
 * {@code db_column}). Filled while the project's migrations are read; a model never seen gets the default name.
 */
final class DjangoTables {
    private final Map<String, String> tables = new ConcurrentHashMap<>();
    private final Map<String, String> columns = new ConcurrentHashMap<>();

    private volatile String userModel = "auth.User";

    /** The model {@code settings.AUTH_USER_MODEL} names ({@code auth.User} unless a settings file says otherwise). */
    String userModel() {
        return userModel;
    }

    void setUserModel(String appModel) {
        userModel = appModel;
    }

    private static String key(String appModel) {
        return appModel.toLowerCase(Locale.ROOT);
    }

    String table(String appModel) {
        String t = tables.get(key(appModel));
        if (t != null) {
            return t;
        }
        return appModel.replace('.', '_').toLowerCase(Locale.ROOT);
    }

    void noteTable(String appModel, String table) {
        tables.put(key(appModel), table);
    }

    String column(String appModel, String field) {
        return columns.getOrDefault(key(appModel) + "." + field, field);
    }

    void noteColumn(String appModel, String field, String column) {
        if (!field.equals(column)) {
            columns.put(key(appModel) + "." + field, column);
        }
    }
}
