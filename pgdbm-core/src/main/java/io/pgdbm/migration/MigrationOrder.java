package io.pgdbm.migration;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File order: numbered files by their numeric version, then files without a number by name (code point order).
 *
 * <p>The numeric version is the leading run of digit groups: {@code 001_x} → (1), {@code V10__x} → (10),
 * {@code 20240101_120000_x} → (20240101, 120000) — the last is the name the original's
 * {@code create_migration} writes, so two files made on one day order by time instead of colliding.
 * {@code V1_1__x} and {@code V1.1__x} → (1, 1). Tuples compare element by element, a prefix first.
 */
final class MigrationOrder {
    private static final Pattern NUMBERED = Pattern.compile("^(\\d+(?:_\\d+)*)_");
    private static final Pattern FLYWAY_STYLE = Pattern.compile("^V(\\d+(?:[._]\\d+)*)__");

    private MigrationOrder() {
    }

    /** The numeric version, or an empty list when the name has none. */
    static List<BigInteger> numericVersion(String filename) {
        Matcher m = NUMBERED.matcher(filename);
        if (!m.find()) {
            m = FLYWAY_STYLE.matcher(filename);
            if (!m.find()) {
                return List.of();
            }
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : m.group(1).split("[._]")) {
            parts.add(new BigInteger(part));
        }
        return parts;
    }

    static int compareVersions(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /**
     * Sorts the files and checks that no two share a numeric version.
     *
     * @throws MigrationException naming both files of a duplicate version
     */
    static List<Migration> sort(List<Migration> files, String location) {
        record Keyed(Migration migration, List<BigInteger> version) {
        }
        List<Keyed> keyed = new ArrayList<>(files.size());
        for (Migration m : files) {
            keyed.add(new Keyed(m, numericVersion(m.filename())));
        }
        keyed.sort(Comparator.<Keyed>comparingInt(k -> k.version().isEmpty() ? 1 : 0)
                .thenComparing(Keyed::version, MigrationOrder::compareVersions)
                .thenComparing(k -> k.migration().filename()));
        List<Migration> sorted = new ArrayList<>(keyed.size());
        for (int i = 0; i < keyed.size(); i++) {
            Keyed k = keyed.get(i);
            if (i > 0 && !k.version().isEmpty() && compareVersions(k.version(), keyed.get(i - 1).version()) == 0) {
                String first = keyed.get(i - 1).migration().filename();
                throw new MigrationException("Migration files '" + first + "' and '" + k.migration().filename()
                        + "' in " + location + " have the same version " + render(k.version())
                        + "; give one of them the next free number", null, k.migration().filename(), null, null, null,
                        null);
            }
            sorted.add(k.migration());
        }
        return sorted;
    }

    private static String render(List<BigInteger> version) {
        StringBuilder sb = new StringBuilder();
        for (BigInteger part : version) {
            sb.append(sb.length() == 0 ? "" : ".").append(part);
        }
        return sb.toString();
    }
}
