package dev.schemagate.plan.mongodb;

import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The MongoDB counterpart of the Calcite check of generated SQL: every field a generated filter or update names must
 * be one the collection has at that phase, by its validator's {@code $jsonSchema} properties (and required list) in
 * the catalog replayed from the migrations and the plan's own forward scripts. A collection without a validator
 * describes no fields, so nothing can be said about it and the query passes unchecked.
 */
final class MongoQueryCheck {
    private static final Set<String> CHECKED = Set.of("countDocuments", "updateMany", "updateOne", "deleteMany",
            "deleteOne", "find", "findOne");

    private MongoQueryCheck() {
    }

    /** "" when the query is valid (or there is nothing to check it against), else what is wrong. */
    static String check(String query, Catalog schema) {
        String[] call = query == null ? null : MongoDocs.call(query);
        if (call == null || !CHECKED.contains(call[1]) || schema == null) {
            return "";
        }
        TableDef t = schema.table(MongoPlanGenerator.table(call[0]));
        Set<String> known = MongoDocs.knownFields(t);
        if (known.isEmpty()) {
            return "";
        }
        List<Object> args = MongoDocs.args(query);
        if (args == null || args.isEmpty()) {
            return "the arguments of " + call[1] + "() on " + call[0] + " are not plain documents; they cannot be checked";
        }
        Set<String> named = new LinkedHashSet<>(MongoDocs.filterFields(args.get(0)));
        if (call[1].startsWith("update") && args.size() > 1) {
            named.addAll(MongoDocs.updateFields(args.get(1)));
        }
        List<String> unknown = new ArrayList<>();
        for (String f : named) {
            if (!known.contains(f)) {
                unknown.add(f);
            }
        }
        if (unknown.isEmpty()) {
            return "";
        }
        return (unknown.size() == 1 ? "field " + unknown.get(0) + " is" : "fields " + String.join(", ", unknown) + " are")
                + " not in the validator of " + call[0] + " at this phase (its fields: " + String.join(", ", known) + ")";
    }
}
