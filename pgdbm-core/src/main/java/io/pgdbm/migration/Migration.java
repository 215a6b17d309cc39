package io.pgdbm.migration;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One migration file: its name, version, checksum and content, as found in a location.
 *
 * <pre>{@code
 * for (Migration m : MigrationManager.discover("classpath:db/migrations/orders")) {
 *     System.out.println(m.filename() + " " + m.version() + " " + m.checksum());
 * }
 * }</pre>
 *
 * <p>{@link #version()} follows the original's rules (reference §4.1): {@code 001_initial.sql} → {@code "001"},
 * {@code V1__create.sql} → {@code "1"}, otherwise the name up to the first dot. Ordering uses the numeric value
 * instead: {@link #orderVersion()}. Immutable and thread-safe.
 *
 * @param filename      the file name without directory, e.g. {@code 001_initial.sql}
 * @param version       the version string of reference §4.1
 * @param checksum      {@link MigrationManager#checksum(String)} of the content
 * @param content       the file's text, as read (UTF-8), before templating
 * @param noTransaction whether the file carries the {@code -- pgdbm:no-transaction} directive
 */
public record Migration(String filename, String version, String checksum, String content, boolean noTransaction) {
    private static final Pattern NO_TRANSACTION = Pattern.compile("(?m)^-- pgdbm:no-transaction(?=\\s|$)");

    public Migration {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(content, "content");
    }

    /** A migration for {@code filename} with {@code content}; version, checksum and directive are derived. */
    public static Migration of(String filename, String content) {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(content, "content");
        return new Migration(filename, versionOf(filename), Checksums.of(content), content,
                NO_TRANSACTION.matcher(content).find());
    }

    static String versionOf(String filename) {
        return MigrationVersion.originalString(filename);
    }

    /** The version files are ordered by, e.g. {@code 20240101.120000} for {@code 20240101_120000_x.sql}. */
    public MigrationVersion orderVersion() {
        return MigrationVersion.ofFilename(filename);
    }
}
