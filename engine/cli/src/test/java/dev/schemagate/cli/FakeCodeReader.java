package dev.schemagate.cli;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.code.CodeLayout;
import dev.schemagate.model.code.CodeMigration;
import dev.schemagate.model.code.CodeOp;
import dev.schemagate.model.spi.CodeMigrationReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A code-migration reader for tests of the plumbing only: a folder with {@code fake.ini} holds {@code *.fake}
 * files whose lines are {@code sql TEXT} (an SQL string at that position, {@code \\n} a line break), {@code gen TEXT} (SQL generated for
 * a call), {@code code REASON} (code whose effect is unknown), {@code outside} (the next op runs outside the
 * transaction), {@code notx} and {@code down} (what follows is the down part).
 */
public final class FakeCodeReader implements CodeMigrationReader {
    @Override
    public String tool() {
        return "fake";
    }

    @Override
    public CodeLayout claim(Path root, List<Path> files, Dialect forced) {
        if (!Files.exists(root.resolve("fake.ini"))) {
            return null;
        }
        List<CodeLayout.File> out = new ArrayList<>();
        for (Path f : files) {
            String n = f.getFileName().toString();
            if (n.endsWith(".fake")) {
                out.add(new CodeLayout.File(f, n.substring(0, n.length() - 5)));
            }
        }
        List<CodeLayout.Problem> problems = out.isEmpty() ? List.of()
                : List.of(new CodeLayout.Problem(out.get(0).path(), 1, 1, "fake layout problem"));
        return new CodeLayout(out, Dialect.POSTGRES, "fake.ini", List.of(root.resolve("fake.ini")), problems);
    }

    @Override
    public CodeMigration read(Migration migration, String text) {
        List<CodeOp> up = new ArrayList<>();
        List<CodeOp> down = new ArrayList<>();
        List<CodeOp> cur = up;
        boolean hasDown = false;
        Boolean tx = true;
        boolean outside = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            int n = i + 1;
            if (l.startsWith("sql ")) {
                CodeOp op = CodeOp.literal(n, 5, n, l.length(), "fake.sql", l.substring(4).replace("\\n", "\n"));
                cur.add(outside ? op.outside() : op);
            } else if (l.startsWith("gen ")) {
                CodeOp op = CodeOp.generated(n, 1, n, l.length(), "fake.gen", l.substring(4));
                cur.add(outside ? op.outside() : op);
            } else if (l.startsWith("code ")) {
                cur.add(CodeOp.uncertain(n, 1, n, l.length(), "fake.code", "t", l.substring(5)));
            } else if (l.equals("outside")) {
                outside = true;
            } else if (l.equals("notx")) {
                tx = false;
            } else if (l.equals("down")) {
                cur = down;
                hasDown = true;
            } else if (l.equals("syntax")) {
                return new CodeMigration(up, down, hasDown, tx, "fake",
                        List.of(new CodeMigration.Problem(n, 3, "fake syntax error")));
            }
        }
        return new CodeMigration(up, down, hasDown, tx, "fake", List.of());
    }
}
