package io.pgdbm.migration;

/**
 * An applied migration file was edited: its checksum no longer matches the one stored in the history table.
 * Nothing is applied while this holds.
 *
 * <pre>{@code
 * try {
 *     migrations.validate();
 * } catch (ChecksumMismatchException e) {
 *     // restore e.file() to the applied content, or add a new migration with the change
 *     System.err.println(e.file() + ": stored " + e.storedChecksum() + ", now " + e.currentChecksum());
 * }
 * }</pre>
 */
public class ChecksumMismatchException extends MigrationException {
    private static final long serialVersionUID = 1L;

    private final String storedChecksum;
    private final String currentChecksum;

    public ChecksumMismatchException(String module, String file, String storedChecksum, String currentChecksum) {
        super("[" + module + "] Migration '" + file + "' has been modified after being applied!\n"
                + "Expected checksum: " + storedChecksum + "\nCurrent checksum: " + currentChecksum + "\n"
                + "Restore the file's applied content and put the change into a new migration file.",
                module, file, null, null, null, null);
        this.storedChecksum = storedChecksum;
        this.currentChecksum = currentChecksum;
    }

    /** The checksum recorded when the file was applied. */
    public String storedChecksum() {
        return storedChecksum;
    }

    /** The checksum of the file as it is now. */
    public String currentChecksum() {
        return currentChecksum;
    }
}
