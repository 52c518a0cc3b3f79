package dev.schemagate.core.input;

import dev.schemagate.model.Dialect;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guesses a SQL file's dialect from words only one dialect uses. Used for folders whose names say nothing;
 * {@code --dialect} overrides it.
 */
final class DialectSniffer {
    private static final Pattern MYSQL = Pattern.compile(
            "`\\w+`|\\bENGINE\\s*=|\\bAUTO_INCREMENT\\b|\\bUNSIGNED\\b|\\bCHARSET\\s*=|\\bMODIFY\\s+COLUMN\\b|\\bTINYINT\\s*\\(",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SQLITE = Pattern.compile("\\bPRAGMA\\b|\\bAUTOINCREMENT\\b|\\bWITHOUT\\s+ROWID\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern POSTGRES = Pattern.compile(
            "::\\w|\\$\\$|\\bTIMESTAMPTZ\\b|\\bJSONB\\b|\\bCONCURRENTLY\\b|\\bBIGSERIAL\\b|\\bplpgsql\\b|\\bCREATE\\s+EXTENSION\\b",
            Pattern.CASE_INSENSITIVE);

    private DialectSniffer() {
    }

    /** The dialect with the most marks in the text (at least two), or null. */
    static Dialect sniff(String sql) {
        int my = count(MYSQL, sql);
        int lite = count(SQLITE, sql);
        int pg = count(POSTGRES, sql);
        int best = Math.max(my, Math.max(lite, pg));
        if (best < 2) {
            return null;
        }
        if (my == best && lite < best && pg < best) {
            return Dialect.MYSQL;
        }
        if (pg == best && my < best && lite < best) {
            return Dialect.POSTGRES;
        }
        if (lite == best && my < best && pg < best) {
            return Dialect.SQLITE;
        }
        return null;
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find() && n < 50) {
            n++;
        }
        return n;
    }
}
