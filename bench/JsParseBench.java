import dev.schemagate.dialects.js.JsModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parse cost of the JavaScript/TypeScript reader (swc4j): the first parse (loads the native library), then the
 * warm throughput over the given files. Run through bench/js-parse.sh.
 */
public class JsParseBench {
    public static void main(String[] args) throws Exception {
        List<String> texts = new ArrayList<>();
        long chars = 0;
        for (String a : args) {
            String t = Files.readString(Path.of(a));
            texts.add(t);
            chars += t.length();
        }
        long t0 = System.nanoTime();
        JsModule.parse("export const up = async (db) => { await db.collection('x').drop(); };", false);
        long cold = System.nanoTime() - t0;
        int calls = 0;
        for (int warm = 0; warm < 3; warm++) {
            for (String t : texts) {
                calls += JsModule.parse(t, true).getCalls().size();
            }
        }
        int rounds = 10;
        long t1 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (String t : texts) {
                JsModule.parse(t, true);
            }
        }
        double secs = (System.nanoTime() - t1) / 1e9;
        com.caoccao.javet.swc4j.Swc4j swc = new com.caoccao.javet.swc4j.Swc4j();
        com.caoccao.javet.swc4j.options.Swc4jParseOptions o = new com.caoccao.javet.swc4j.options.Swc4jParseOptions()
                .setMediaType(com.caoccao.javet.swc4j.enums.Swc4jMediaType.TypeScript).setCaptureAst(true);
        long t2 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (String t : texts) {
                swc.parse(t, o);
            }
        }
        double raw = (System.nanoTime() - t2) / 1e9;
        System.out.printf("swc4j alone (AST handed to Java, no reading): %.2f ms per file, %.1f MB/s%n",
                raw * 1000 / (rounds * texts.size()), chars * rounds / raw / 1e6);
        System.out.printf("first parse (native library load included): %.0f ms%n", cold / 1e6);
        System.out.printf("warm: %d files, %,d chars, %d calls per pass: %.2f ms per file, %.1f MB/s%n",
                texts.size(), chars, calls / 3, secs * 1000 / (rounds * texts.size()), chars * rounds / secs / 1e6);
    }
}
