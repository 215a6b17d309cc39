package io.pgdbm.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * File order: numbered files by their {@link MigrationVersion}, then files without a number by file name (code
 * point order). Two numbered files with the same version are an error.
 */
final class MigrationOrder {
    /** Numbered files by version, then the rest by file name. */
    static final Comparator<Migration> FILES = Comparator
            .<Migration, Boolean>comparing(m -> !MigrationVersion.ofFilename(m.filename()).isNumeric())
            .thenComparing(m -> {
                MigrationVersion v = MigrationVersion.ofFilename(m.filename());
                return v.isNumeric() ? v : null;
            }, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Migration::filename);

    private MigrationOrder() {
    }

    /**
     * Sorts the files and checks that no two share a numeric version.
     *
     * @throws MigrationException naming both files of a duplicate version
     */
    static List<Migration> sort(List<Migration> files, String location) {
        List<Migration> sorted = new ArrayList<>(files);
        sorted.sort(FILES);
        for (int i = 1; i < sorted.size(); i++) {
            MigrationVersion previous = MigrationVersion.ofFilename(sorted.get(i - 1).filename());
            MigrationVersion version = MigrationVersion.ofFilename(sorted.get(i).filename());
            if (version.isNumeric() && version.equals(previous)) {
                String first = sorted.get(i - 1).filename();
                throw new MigrationException("Migration files '" + first + "' and '" + sorted.get(i).filename()
                        + "' in " + location + " have the same version " + version
                        + "; give one of them the next free number", null, sorted.get(i).filename(), null, null, null,
                        null);
            }
        }
        return sorted;
    }
}
