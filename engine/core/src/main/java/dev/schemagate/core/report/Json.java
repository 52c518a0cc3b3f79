package dev.schemagate.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Small helpers around Jackson's streaming generator: fields in the order written, two-space indent, LF. */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private Json() {
    }

    public static String render(Body body) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pp);
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString() + "\n";
    }

    public static void str(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    public static void num(JsonGenerator g, String name, int value) throws IOException {
        if (value > 0) {
            g.writeNumberField(name, value);
        }
    }

    /** Cuts very long SQL for reports; the position still leads to the full statement. */
    static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + " …(" + (s.length() - max) + " more characters)";
    }
}
