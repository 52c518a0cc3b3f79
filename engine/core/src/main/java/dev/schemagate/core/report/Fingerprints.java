package dev.schemagate.core.report;

import dev.schemagate.core.InputError;
import dev.schemagate.model.finding.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Stable identities for findings, so CI systems can tell a known finding from a new one. A fingerprint hashes
 * the rule, the file and the statement text with its whitespace normalised, plus an
 * occurrence number for identical statements in one file; it does not change when lines move.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** One fingerprint per finding, in the report's order. */
    public static List<String> of(List<Finding> findings) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            String key = f.getRule() + "\n" + nullToEmpty(f.getFile()).replace('\\', '/') + "\n" + normalise(f.getStatement());
            int n = seen.merge(key, 1, Integer::sum);
            out.add(sha256(key + "\n" + n).substring(0, 32));
        }
        return out;
    }

    /** A fingerprint for an input error: the file and the message, not the line (which moves). */
    public static String ofInputError(InputError e) {
        return sha256("input-error\n" + nullToEmpty(e.getFile()).replace('\\', '/') + "\n" + e.getMessage()).substring(0, 32);
    }

    static String normalise(String sql) {
        return sql == null ? "" : sql.strip().replaceAll("\\s+", " ");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String sha256(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
