import dev.schemagate.dialects.python.AlembicReader;
import dev.schemagate.dialects.python.PyParser;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parse cost of the Python reader (tree-sitter-python through JNI): the first parse (loads the native libraries),
 * then the warm speed of the parser alone and of the whole Alembic read over the given files. Run through
 * bench/py-parse.sh.
 */
public class PyParseBench {
    public static void main(String[] args) throws Exception {
        List<String> texts = new ArrayList<>();
        long chars = 0;
        for (String a : args) {
            String t = Files.readString(Path.of(a));
            texts.add(t);
            chars += t.length();
        }
        long t0 = System.nanoTime();
        PyParser.parse("def upgrade():\n    op.drop_table('t')\n");
        long cold = System.nanoTime() - t0;
        AlembicReader reader = new AlembicReader();
        Migration m = new Migration("v.py", "v", Dialect.POSTGRES, Migration.Direction.UP, "alembic",
                Migration.TxMode.UNKNOWN);
        int ops = 0;
        for (int warm = 0; warm < 3; warm++) {
            for (String t : texts) {
                ops += reader.read(m, t).getUp().size();
            }
        }
        int rounds = 10;
        long t1 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (String t : texts) {
                PyParser.parse(t);
            }
        }
        double parse = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (String t : texts) {
                reader.read(m, t);
            }
        }
        double read = (System.nanoTime() - t2) / 1e9;
        System.out.printf("first parse (native library load included): %.0f ms%n", cold / 1e6);
        System.out.printf("parse (tree copied to Java): %d files, %,d chars: %.2f ms per file, %.1f MB/s%n",
                texts.size(), chars, parse * 1000 / (rounds * texts.size()), chars * rounds / parse / 1e6);
        System.out.printf("Alembic read (parse + SQL), %d ops per pass: %.2f ms per file, %.1f MB/s%n",
                ops / 3, read * 1000 / (rounds * texts.size()), chars * rounds / read / 1e6);
    }
}
