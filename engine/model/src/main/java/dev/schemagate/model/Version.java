package dev.schemagate.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A server version such as {@code 17}, {@code 14.3}, {@code 8.0.29} or {@code 10.11}. Missing parts count as 0,
 * so {@code 11} equals {@code 11.0} (Squawk treats them differently; we do not).
 */
public final class Version implements Comparable<Version> {
    private final int[] parts;
    private final String text;

    private Version(int[] parts, String text) {
        this.parts = parts;
        this.text = text;
    }

    /** Parses a dotted version; throws IllegalArgumentException with a readable message when malformed. */
    public static Version parse(String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("empty version");
        }
        String t = s.trim();
        if (t.startsWith("v") || t.startsWith("V")) {
            t = t.substring(1);
        }
        List<Integer> out = new ArrayList<>();
        for (String p : t.split("\\.")) {
            String digits = p.replaceAll("[^0-9].*$", "");
            if (digits.isEmpty()) {
                if (out.isEmpty()) {
                    throw new IllegalArgumentException("not a version: '" + s + "' (expected digits such as 17 or 8.0.29)");
                }
                break;
            }
            out.add(Integer.parseInt(digits));
            if (digits.length() != p.length()) {
                break;
            }
        }
        int[] arr = out.stream().mapToInt(Integer::intValue).toArray();
        return new Version(arr, t);
    }

    public int major() {
        return part(0);
    }

    public int minor() {
        return part(1);
    }

    public int patch() {
        return part(2);
    }

    public int part(int i) {
        return i < parts.length ? parts[i] : 0;
    }

    public boolean atLeast(String other) {
        return compareTo(parse(other)) >= 0;
    }

    public boolean below(String other) {
        return compareTo(parse(other)) < 0;
    }

    /** True when this version lies in [from, toExclusive). */
    public boolean between(String from, String toExclusive) {
        return atLeast(from) && below(toExclusive);
    }

    @Override
    public int compareTo(Version o) {
        int n = Math.max(parts.length, o.parts.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(part(i), o.part(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version && compareTo((Version) o) == 0;
    }

    @Override
    public int hashCode() {
        int h = 0;
        int n = parts.length;
        while (n > 0 && parts[n - 1] == 0) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            h = h * 31 + parts[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return text;
    }
}
