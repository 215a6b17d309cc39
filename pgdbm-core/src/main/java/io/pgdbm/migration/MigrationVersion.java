package io.pgdbm.migration;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of a migration file, the one rule by which files are ordered, compared for out-of-order detection,
 * chosen by {@link MigrationManager.Builder#target} and {@link MigrationManager#baseline}, and numbered by
 * {@link MigrationManager#createMigration}.
 *
 * <pre>{@code
 * MigrationVersion.ofFilename("001_initial.sql");            // 1
 * MigrationVersion.ofFilename("V10__orders.sql");            // 10, after V9__
 * MigrationVersion.ofFilename("20240101_120000_users.sql");  // 20240101.120000, the original's timestamp names
 * MigrationVersion.ofFilename("V1_1__fix.sql");              // 1.1 (also V1.1__fix.sql)
 * MigrationVersion.ofFilename("seed_data.sql");              // no number: after every numbered file, by name
 * MigrationVersion.parse("3").compareTo(MigrationVersion.ofFilename("003_x.sql")); // 0
 * }</pre>
 *
 * <p>A numeric version is the leading run of digit groups of {@code <digits>[_<digits>…]_name} or
 * {@code V<digits>[._<digits>…]__name}; groups compare as numbers, element by element, a prefix first
 * ({@code 1 < 1.1 < 2}). Versions without a number come after every numbered one and compare by name.
 * Immutable and thread-safe; {@code equals} agrees with {@code compareTo}.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {
    private static final Pattern NUMBERED = Pattern.compile("^(\\d+(?:_\\d+)*)_");
    private static final Pattern FLYWAY_STYLE = Pattern.compile("^V(\\d+(?:[._]\\d+)*)__");
    private static final Pattern GIVEN = Pattern.compile("V?(\\d+(?:[._]\\d+)*)");
    /** The original's version string (reference §4.1), kept for {@link Migration#version()}. */
    private static final Pattern ORIGINAL_NUMBERED = Pattern.compile("^(\\d+)_");
    private static final Pattern ORIGINAL_FLYWAY = Pattern.compile("^V(\\d+)__");

    private final List<BigInteger> parts;
    private final String name;

    private MigrationVersion(List<BigInteger> parts, String name) {
        this.parts = List.copyOf(parts);
        this.name = name;
    }

    /** The version of a file name: numeric when it starts with a number ({@code 001_}, {@code V1__}), else its name. */
    public static MigrationVersion ofFilename(String filename) {
        Objects.requireNonNull(filename, "filename");
        Matcher m = NUMBERED.matcher(filename);
        if (!m.find()) {
            m = FLYWAY_STYLE.matcher(filename);
            if (!m.find()) {
                return new MigrationVersion(List.of(), originalString(filename));
            }
        }
        return numeric(m.group(1));
    }

    /**
     * A version as a user writes it, e.g. for {@code --target}: {@code 3}, {@code 003}, {@code V3}, {@code 1.1},
     * {@code 20240101_120000}.
     *
     * @throws MigrationException when {@code version} is not digits separated by {@code .} or {@code _}
     */
    public static MigrationVersion parse(String version) {
        Objects.requireNonNull(version, "version");
        Matcher m = GIVEN.matcher(version.trim());
        if (!m.matches()) {
            throw new MigrationException("Invalid migration version '" + version + "': give the number a file name "
                    + "starts with, e.g. 3 for 003_add_index.sql or V3__add_index.sql, 1.1 for V1_1__fix.sql",
                    null, null, null, null, null, null);
        }
        return numeric(m.group(1));
    }

    private static MigrationVersion numeric(String digits) {
        List<BigInteger> parts = new ArrayList<>();
        for (String part : digits.split("[._]")) {
            parts.add(new BigInteger(part));
        }
        return new MigrationVersion(parts, null);
    }

    /** The original's version string of a file name (reference §4.1), e.g. {@code "001"} or {@code "my"}. */
    static String originalString(String filename) {
        Matcher m = ORIGINAL_NUMBERED.matcher(filename);
        if (m.find()) {
            return m.group(1);
        }
        m = ORIGINAL_FLYWAY.matcher(filename);
        if (m.find()) {
            return m.group(1);
        }
        int dot = filename.indexOf('.');
        return dot < 0 ? filename : filename.substring(0, dot);
    }

    /** Whether the file name started with a number; only numeric versions take part in target and out-of-order checks. */
    public boolean isNumeric() {
        return name == null;
    }

    /** The numeric groups, e.g. {@code [20240101, 120000]}; empty for a version without a number. */
    public List<BigInteger> parts() {
        return parts;
    }

    /** The version one above this one in its first group ({@code 1.5 → 2}): sorts after this and all its sub-versions. */
    MigrationVersion nextMajor() {
        if (!isNumeric()) {
            throw new IllegalStateException("a version without a number has no successor: " + name);
        }
        return new MigrationVersion(List.of(parts.get(0).add(BigInteger.ONE)), null);
    }

    @Override
    public int compareTo(MigrationVersion other) {
        if (isNumeric() != other.isNumeric()) {
            return isNumeric() ? -1 : 1;
        }
        if (!isNumeric()) {
            return name.compareTo(other.name);
        }
        for (int i = 0; i < Math.min(parts.size(), other.parts.size()); i++) {
            int c = parts.get(i).compareTo(other.parts.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(parts.size(), other.parts.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationVersion v && parts.equals(v.parts) && Objects.equals(name, v.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parts, name);
    }

    /** {@code 1}, {@code 20240101.120000}, or the name of a version without a number. */
    @Override
    public String toString() {
        if (!isNumeric()) {
            return name;
        }
        StringBuilder sb = new StringBuilder();
        for (BigInteger part : parts) {
            sb.append(sb.length() == 0 ? "" : ".").append(part);
        }
        return sb.toString();
    }
}
