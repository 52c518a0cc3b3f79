package dev.schemagate.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts the build writes into the jar: the version shown by {@code schemagate --version} and in every report. */
public final class BuildInfo {
    private BuildInfo() {
    }

    /** The project version from {@code version.properties} (filtered by Maven), else the jar manifest. */
    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.contains("${")) {
                    return v.strip();
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "unknown (not built by Maven)";
    }
}
