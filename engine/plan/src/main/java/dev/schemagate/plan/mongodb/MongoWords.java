package dev.schemagate.plan.mongodb;

/**
 * plan.md of a MongoDB plan in MongoDB's words: the shared writer says tables, rows and columns, fences code as SQL
 * and names Calcite; outside code blocks this says collections, documents and fields, and code is fenced as js.
 */
public final class MongoWords {
    private MongoWords() {
    }

    public static String markdown(String md) {
        StringBuilder out = new StringBuilder(md.length());
        boolean code = false;
        for (String line : md.split("\n", -1)) {
            if (line.startsWith("```")) {
                code = !code;
                out.append(line.equals("```sql") ? "```js" : line).append('\n');
                continue;
            }
            if (code) {
                out.append(line.startsWith("-- ") ? "// " + line.substring(3) : line).append('\n');
                continue;
            }
            String l = line.replace("## Generated SQL checked with Calcite", "## Generated queries checked against the"
                    + " collection schema").replace("| ROW EXCLUSIVE on the rows of one batch |", "| document locks"
                    + " (WiredTiger) on the documents of one batch |").replace("**Table size**", "**Collection size**")
                    .replace("| Rows |", "| Documents |").replace("each a short transaction that writes its rows", "each"
                    + " one bulkWrite whose documents are written one by one").replace(": the backfill wrote only what the"
                    + " phase 1 rollback removes; its checkpoint is reset", ": the backfilled values stay (the old"
                    + " application ignores fields it does not know; the script shows the $unset that removes them); its"
                    + " checkpoint is reset");
            out.append(MongoText.words(l)).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
