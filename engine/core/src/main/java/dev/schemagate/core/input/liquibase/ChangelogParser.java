package dev.schemagate.core.input.liquibase;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** Parses XML, YAML and JSON changelogs into {@link Node}s with positions. */
final class ChangelogParser {
    /** A changelog that cannot be parsed, with the position of the problem. */
    static final class Invalid extends Exception {
        final int line;
        final int column;

        Invalid(String message, int line, int column) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }
    }

    /** List keys kept as an element of their own; items of other lists become children of the enclosing element. */
    private static final java.util.Set<String> WRAP = java.util.Set.of("databaseChangeLog", "rollback", "preConditions");

    private ChangelogParser() {
    }

    static Node parse(String fileName, String text) throws Invalid {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".xml")) {
            return xml(text);
        }
        return tree(text, n.endsWith(".json") ? new JsonFactory() : new YAMLFactory());
    }

    private static Node xml(String text) throws Invalid {
        int[] lineStarts = lineStarts(text);
        Node root = new Node("#document", 1, 1);
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            SAXParser p = f.newSAXParser();
            p.parse(new InputSource(new StringReader(text)), new DefaultHandler() {
                private Locator loc;
                private final Deque<Node> stack = new ArrayDeque<>(java.util.List.of(root));
                private final Deque<StringBuilder> texts = new ArrayDeque<>();

                @Override
                public void setDocumentLocator(Locator locator) {
                    this.loc = locator;
                }

                @Override
                public void startElement(String uri, String local, String qName, Attributes a) {
                    int[] pos = start(text, lineStarts, loc.getLineNumber(), loc.getColumnNumber(), qName);
                    Node e = new Node(local.isEmpty() ? qName : local, pos[0], pos[1]);
                    for (int i = 0; i < a.getLength(); i++) {
                        e.attrs.put(a.getLocalName(i).isEmpty() ? a.getQName(i) : a.getLocalName(i), a.getValue(i));
                    }
                    stack.peek().children.add(e);
                    stack.push(e);
                    texts.push(new StringBuilder());
                }

                @Override
                public void characters(char[] ch, int start, int length) {
                    if (!texts.isEmpty()) {
                        texts.peek().append(ch, start, length);
                    }
                }

                @Override
                public void endElement(String uri, String local, String qName) {
                    Node e = stack.pop();
                    String t = texts.pop().toString();
                    if (!t.isBlank()) {
                        e.text = t;
                    }
                }
            });
        } catch (SAXParseException e) {
            throw new Invalid("not valid XML: " + e.getMessage(), Math.max(0, e.getLineNumber()), Math.max(0, e.getColumnNumber()));
        } catch (org.xml.sax.SAXException | javax.xml.parsers.ParserConfigurationException | IOException e) {
            throw new Invalid("cannot read XML: " + e.getMessage(), 0, 0);
        }
        return root.children.isEmpty() ? root : root.children.get(0);
    }

    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int k = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }

    /** The SAX locator points after the start tag; walk back to its {@code <}. */
    private static int[] start(String text, int[] lineStarts, int line, int col, String qName) {
        if (line < 1 || line > lineStarts.length) {
            return new int[] {Math.max(line, 0), Math.max(col, 0)};
        }
        int off = Math.min(text.length(), lineStarts[line - 1] + Math.max(0, col - 1));
        int lt = text.lastIndexOf("<" + qName, Math.max(0, off - 1));
        if (lt < 0) {
            return new int[] {line, col};
        }
        int l = java.util.Arrays.binarySearch(lineStarts, lt);
        int li = l >= 0 ? l : -l - 2;
        return new int[] {li + 1, lt - lineStarts[li] + 1};
    }

    private static Node tree(String text, JsonFactory factory) throws Invalid {
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t = p.nextToken();
            Node root = new Node("#document", 1, 1);
            if (t == null) {
                return root;
            }
            if (t != JsonToken.START_OBJECT) {
                JsonLocation l = p.currentTokenLocation();
                throw new Invalid("a changelog is a mapping with databaseChangeLog:", l.getLineNr(), l.getColumnNr());
            }
            object(p, root);
            Node log = root.child("databaseChangeLog");
            return log == null ? root : log;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new Invalid("not valid " + (factory instanceof YAMLFactory ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage(), l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr());
        } catch (IOException e) {
            throw new Invalid("cannot read: " + e.getMessage(), 0, 0);
        }
    }

    /** Reads the fields of the object whose START_OBJECT was just read into {@code into}. */
    private static void object(JsonParser p, Node into) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation l = p.currentTokenLocation();
            JsonToken v = p.nextToken();
            value(p, into, key, v, l);
        }
    }

    private static void value(JsonParser p, Node into, String key, JsonToken v, JsonLocation l) throws IOException {
        if (v == JsonToken.START_OBJECT) {
            Node c = new Node(key, l.getLineNr(), l.getColumnNr());
            object(p, c);
            into.children.add(c);
        } else if (v == JsonToken.START_ARRAY) {
            StringBuilder scalars = new StringBuilder();
            Node holder = WRAP.contains(key) ? new Node(key, l.getLineNr(), l.getColumnNr()) : into;
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                if (e == JsonToken.START_OBJECT) {
                    // list items are single-key mappings ({column: {...}}): their keys become children
                    Node item = new Node(key, p.currentTokenLocation().getLineNr(), p.currentTokenLocation().getColumnNr());
                    object(p, item);
                    holder.children.addAll(item.children);
                    item.attrs.forEach((k, s) -> {
                        Node n = new Node(k, item.line, item.column);
                        n.text = s;
                        holder.children.add(n);
                    });
                } else if (e == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else {
                    scalars.append(scalars.length() == 0 ? "" : ",").append(p.getText());
                }
            }
            if (scalars.length() > 0) {
                into.attrs.put(key, scalars.toString());
            }
            if (holder != into) {
                into.children.add(holder);
            }
        } else if (v != JsonToken.VALUE_NULL) {
            into.attrs.put(key, p.getText());
        }
    }
}
