package dev.schemagate.dialects.mongodb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemagate.dialects.common.LineMap;
import dev.schemagate.dialects.js.JsElement;
import dev.schemagate.dialects.js.JsModule;
import dev.schemagate.dialects.js.JsSyntaxError;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads declarative MongoDB migrations: Liquibase-MongoDB changelogs (XML with {@code ext:} change types, YAML,
 * JSON) and golang-migrate JSON command files (an array of {@code runCommand} documents). Every change or command
 * becomes one operation at the position of its element or key; rollback blocks are not part of the up migration.
 */
final class ChangelogReader {
    static final Set<String> LIQUIBASE_CHANGES = Set.of("createCollection", "dropCollection", "createIndex", "dropIndex",
            "insertOne", "insertMany", "runCommand", "adminCommand", "updateMany", "updateOne", "deleteMany", "deleteOne");
    /** Other Liquibase change types that may appear in a MongoDB changelog and are not read. */
    static final Set<String> OTHER_CHANGES = Set.of("mongo", "mongoFile", "sql", "sqlFile", "customChange", "executeCommand",
            "output", "empty", "stop", "tagDatabase");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("keys", "options", "command", "document", "documents",
            "filter", "update");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangelogReader() {
    }

    /** golang-migrate: {@code [ {createIndexes: ...}, {drop: ...} ]} (or a single command document). */
    static List<Located> golangMigrate(String text) {
        List<Located> out = new ArrayList<>();
        List<JsElement> els;
        try {
            els = JsModule.readDocument(text);
        } catch (JsSyntaxError e) {
            out.add(Located.error("invalid JSON: " + e.getMessage(), e.getLine(), e.getColumn(), text));
            return out;
        }
        for (JsElement el : els) {
            out.add(new Located(MongoOp.of("runCommand", null, List.of(el.getValue()), "golang-migrate"), el.getLine(),
                    el.getColumn(), el.getEndLine(), el.getEndColumn(), el.getText(), null));
        }
        return out;
    }

    /** Liquibase-MongoDB YAML or JSON changelog. */
    static List<Located> liquibaseTree(String text, boolean yaml) {
        List<Located> out = new ArrayList<>();
        JsonFactory f = yaml ? new YAMLFactory() : new JsonFactory();
        LineMap lines = new LineMap(text);
        try (JsonParser p = f.createParser(text)) {
            p.setCodec(JSON);
            walkTree(p, out, lines, text);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            out.add(Located.error("invalid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage(),
                    l == null ? 1 : l.getLineNr(), l == null ? 1 : l.getColumnNr(), text));
        } catch (IOException e) {
            out.add(Located.error("cannot read the changelog: " + e.getMessage(), 1, 1, text));
        }
        return out;
    }

    private static void walkTree(JsonParser p, List<Located> out, LineMap lines, String text) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            if (t != JsonToken.FIELD_NAME) {
                continue;
            }
            String name = p.currentName();
            JsonLocation at = p.currentTokenLocation();
            if (name.equals("rollback") || name.equals("preConditions")) {
                p.nextToken();
                p.skipChildren();
                continue;
            }
            boolean known = LIQUIBASE_CHANGES.contains(name);
            if (!known && !OTHER_CHANGES.contains(name)) {
                continue;
            }
            JsonToken v = p.nextToken();
            if (v != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            JsonNode body = p.readValueAsTree();
            JsonLocation end = p.currentTokenLocation();
            int line = Math.max(1, at.getLineNr());
            int col = Math.max(1, at.getColumnNr());
            int endLine = Math.max(line, end.getLineNr());
            int endCol = Math.max(1, end.getColumnNr());
            int s = lines.lineStart(line) + col - 1;
            int e = Math.min(text.length(), lines.lineStart(endLine) + endCol);
            String src = text.substring(Math.min(s, text.length()), Math.max(Math.min(s, text.length()), e)).strip();
            Map<String, Object> fields = new LinkedHashMap<>();
            String problem = null;
            Iterator<Map.Entry<String, JsonNode>> it = body.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> x = it.next();
                try {
                    fields.put(x.getKey(), value(x.getKey(), x.getValue()));
                } catch (JsSyntaxError err) {
                    problem = "cannot read " + x.getKey() + " of " + name + ": " + err.getMessage();
                }
            }
            MongoOp op = problem != null ? MongoOp.uncertain(name, problem, "liquibase")
                    : known ? liquibaseOp(name, fields)
                    : MongoOp.uncertain(name, "Liquibase change type " + name + " runs code SchemaGate does not read", "liquibase");
            out.add(new Located(op, line, col, endLine, endCol, src.isEmpty() ? name : src, null));
        }
    }

    private static Object value(String key, JsonNode n) throws JsSyntaxError {
        if (n.isObject() && n.size() == 1 && n.has("$rawJson")) {
            return value(key, n.get("$rawJson"));
        }
        if (n.isTextual() && DOCUMENT_FIELDS.contains(key)) {
            String s = n.asText().trim();
            if (s.startsWith("{") || s.startsWith("[")) {
                return document(s);
            }
            return s;
        }
        return plain(n);
    }

    /**
     * A field's text read as one document: {@code {...}} is a document, {@code [...]} an array of them (an empty one
     * too). Reading the text alone split a top-level array into its elements and kept the first: insertMany's
     * documents were one document, and {@code '[]'} threw out of the check (finding 31).
     */
    static Object document(String s) throws JsSyntaxError {
        List<JsElement> one;
        try {
            one = JsModule.readDocument("[" + s + "\n]");
        } catch (JsSyntaxError e) {
            // positions on the first line are shifted by the opening bracket
            throw new JsSyntaxError(e.getMessage(), e.getLine(), e.getLine() == 1 ? Math.max(1, e.getColumn() - 1)
                    : e.getColumn());
        }
        if (one.size() != 1) {
            throw new JsSyntaxError("not a single document", 1, 1);
        }
        return one.get(0).getValue();
    }

    private static Object plain(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return dev.schemagate.dialects.js.JsValue.NULL;
        }
        if (n.isObject()) {
            if (n.size() == 1 && n.has("$rawJson")) {
                return plain(n.get("$rawJson"));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), plain(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(plain(x)));
            return l;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.asText();
    }

    /** A Liquibase-MongoDB change as the mongosh call it stands for. */
    static MongoOp liquibaseOp(String name, Map<String, Object> f) {
        Object collObj = f.get("collectionName");
        String coll = collObj instanceof String ? (String) collObj : null;
        boolean needsCollection = !name.equals("runCommand") && !name.equals("adminCommand");
        if (needsCollection && coll == null) {
            return MongoOp.uncertain(name, name + " without a collectionName", "liquibase");
        }
        switch (name) {
            case "createCollection": {
                Object o = f.get("options");
                return MongoOp.of("createCollection", coll, o == null ? List.of() : List.of(o), "liquibase");
            }
            case "dropCollection":
                return MongoOp.of("drop", coll, List.of(), "liquibase");
            case "createIndex": {
                List<Object> a = new ArrayList<>();
                a.add(f.getOrDefault("keys", dev.schemagate.dialects.js.JsValue.NULL));
                if (f.get("options") != null) {
                    a.add(f.get("options"));
                }
                return MongoOp.of("createIndex", coll, a, "liquibase");
            }
            case "dropIndex": {
                Object k = f.containsKey("keys") ? f.get("keys") : f.get("indexName");
                return MongoOp.of("dropIndex", coll, k == null ? List.of() : List.of(k), "liquibase");
            }
            case "insertOne":
                return MongoOp.of("insertOne", coll, f.get("document") == null ? List.of() : List.of(f.get("document")), "liquibase");
            case "insertMany":
                return MongoOp.of("insertMany", coll, f.get("documents") == null ? List.of() : List.of(f.get("documents")), "liquibase");
            case "runCommand": case "adminCommand": {
                Object c = f.get("command");
                if (!(c instanceof Map)) {
                    return MongoOp.uncertain(name, name + " without a command document", "liquibase");
                }
                return MongoOp.of(name, null, List.of(c), "liquibase");
            }
            default: {
                List<Object> a = new ArrayList<>();
                a.add(f.getOrDefault("filter", new LinkedHashMap<>()));
                if (f.containsKey("update")) {
                    a.add(f.get("update"));
                }
                return MongoOp.of(name, coll, a, "liquibase");
            }
        }
    }

    /** Liquibase-MongoDB XML changelog ({@code <ext:createIndex collectionName="..."><ext:keys>...}). */
    static List<Located> liquibaseXml(String text) {
        List<Located> out = new ArrayList<>();
        LineMap lines = new LineMap(text);
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            SAXParser parser = f.newSAXParser();
            parser.parse(new InputSource(new StringReader(text)), new XmlHandler(out, lines, text));
        } catch (SAXParseException e) {
            out.add(Located.error("invalid XML: " + e.getMessage(), e.getLineNumber(), e.getColumnNumber(), text));
        } catch (SAXException | IOException | javax.xml.parsers.ParserConfigurationException e) {
            out.add(Located.error("cannot read the changelog: " + e.getMessage(), 1, 1, text));
        }
        return out;
    }

    private static final class XmlHandler extends DefaultHandler {
        private final List<Located> out;
        private final LineMap lines;
        private final String text;
        private Locator locator;
        private int rollbackDepth;
        private String change;
        private int changeStart;
        private Map<String, Object> fields;
        private String field;
        private StringBuilder buf;
        private String problem;

        XmlHandler(List<Located> out, LineMap lines, String text) {
            this.out = out;
            this.lines = lines;
            this.text = text;
        }

        @Override
        public void setDocumentLocator(Locator l) {
            this.locator = l;
        }

        private int offset() {
            int line = Math.max(1, locator.getLineNumber());
            int col = Math.max(1, locator.getColumnNumber());
            return Math.min(text.length(), lines.lineStart(line) + col - 1);
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) {
            if (local.equals("rollback") || local.equals("preConditions")) {
                rollbackDepth++;
                return;
            }
            if (rollbackDepth > 0) {
                return;
            }
            if (change == null && (LIQUIBASE_CHANGES.contains(local) || OTHER_CHANGES.contains(local))) {
                change = local;
                int end = offset();
                int start = text.lastIndexOf("<" + qName, Math.max(0, end - 1));
                changeStart = start < 0 ? end : start;
                fields = new LinkedHashMap<>();
                problem = null;
                for (int i = 0; i < atts.getLength(); i++) {
                    fields.put(atts.getLocalName(i).isEmpty() ? atts.getQName(i) : atts.getLocalName(i), atts.getValue(i));
                }
                return;
            }
            if (change != null && DOCUMENT_FIELDS.contains(local)) {
                field = local;
                buf = new StringBuilder();
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (buf != null) {
                buf.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            if (local.equals("rollback") || local.equals("preConditions")) {
                rollbackDepth--;
                return;
            }
            if (rollbackDepth > 0 || change == null) {
                return;
            }
            if (field != null && local.equals(field)) {
                String s = buf.toString().trim();
                try {
                    fields.put(field, s.startsWith("{") || s.startsWith("[") ? document(s) : s);
                } catch (JsSyntaxError e) {
                    problem = "cannot read " + field + " of " + change + ": " + e.getMessage();
                }
                field = null;
                buf = null;
                return;
            }
            if (local.equals(change)) {
                int end = offset();
                int last = Math.max(changeStart, end - 1);
                boolean known = LIQUIBASE_CHANGES.contains(change);
                MongoOp op = problem != null ? MongoOp.uncertain(change, problem, "liquibase")
                        : known ? liquibaseOp(change, fields)
                        : MongoOp.uncertain(change, "Liquibase change type " + change + " runs code SchemaGate does not read", "liquibase");
                out.add(new Located(op, lines.line(changeStart), lines.column(changeStart), lines.line(last), lines.column(last),
                        text.substring(changeStart, Math.max(changeStart, end)), null));
                change = null;
            }
        }
    }
}
