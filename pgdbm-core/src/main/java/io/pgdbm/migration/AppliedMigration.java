package io.pgdbm.migration;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One row of the migration history table.
 *
 * <pre>{@code
 * for (AppliedMigration m : migrations.history(10)) {
 *     System.out.printf("%s %s by %s (%s)%n", m.appliedAt(), m.filename(), m.appliedBy(), m.executionTime());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param filename      the migration file name
 * @param checksum      the checksum recorded when it was applied
 * @param moduleName    the module, or {@code null} for a legacy row (visible to every module)
 * @param appliedAt     when it was applied (the server's {@code CURRENT_TIMESTAMP}, stored without time zone)
 * @param appliedBy     the database user that applied it, or {@code null}
 * @param executionTime how long it took, or {@code null} when not recorded
 */
public record AppliedMigration(String filename, String checksum, String moduleName, LocalDateTime appliedAt,
                               String appliedBy, Duration executionTime) {
    public AppliedMigration {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(checksum, "checksum");
    }
}
