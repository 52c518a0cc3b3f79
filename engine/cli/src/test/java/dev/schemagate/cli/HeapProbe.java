package dev.schemagate.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the command line in a JVM of its own (started by a test with a bounded {@code -Xmx}) and then prints, on
 * standard error, the peak heap use (the sum of the heap pools' peaks), the process's peak resident memory and the
 * CPU time it used (which, unlike wall time, says what the run costs on a shared machine).
 */
public final class HeapProbe {
    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        PrintWriter out = new PrintWriter(System.out);
        PrintWriter err = new PrintWriter(System.err);
        int code = Main.run(args, out, err);
        out.flush();
        err.flush();
        long heap = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                heap += p.getPeakUsage().getUsed();
            }
        }
        long rssKb = -1;
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        long cpuMs = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1_000_000 : -1;
        System.err.println("heap-probe: peak heap " + (heap >> 20) + " MB, peak RSS " + (rssKb < 0 ? "n/a" : (rssKb >> 10) + " MB")
                + ", CPU " + (cpuMs < 0 ? "n/a" : cpuMs + " ms"));
        System.exit(code);
    }
}
