package io.pgdbm.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of the pending files a run applies: those up to the {@code target} version (when one is set), and — unless
 * out-of-order runs are allowed — none whose version is below the highest applied one of the same location.
 */
final class PendingSelection {
    private final String module;
    private final String location;
    private final MigrationVersion target;
    private final boolean outOfOrder;

    PendingSelection(String module, String location, MigrationVersion target, boolean outOfOrder) {
        this.module = module;
        this.location = location;
        this.target = target;
        this.outOfOrder = outOfOrder;
    }

    /**
     * @param files   every file of the location, in order
     * @param pending the files not applied yet, in order
     * @throws MigrationException when the target names no file, or a pending file would run out of order
     */
    List<Migration> select(List<Migration> files, List<Migration> pending) {
        if (target != null) {
            requireFile(files, target, "target", module, location);
        }
        List<Migration> selected = new ArrayList<>();
        for (Migration m : pending) {
            MigrationVersion v = m.orderVersion();
            if (target == null || v.isNumeric() && v.compareTo(target) <= 0) {
                selected.add(m);
            }
        }
        if (!outOfOrder) {
            refuseOutOfOrder(files, pending, selected);
        }
        return selected;
    }

    /** @param what {@code target} or {@code baseline}, for the message */
    static void requireFile(List<Migration> files, MigrationVersion version, String what, String module,
                            String location) {
        if (files.stream().noneMatch(f -> f.orderVersion().equals(version))) {
            throw new MigrationException("[" + module + "] No migration file with " + what + " version " + version + " in "
                    + location + " (versions: " + files.stream().map(Migration::orderVersion)
                    .filter(MigrationVersion::isNumeric).map(MigrationVersion::toString)
                    .collect(Collectors.joining(", ")) + "); give the version of an existing file", module, null,
                    null, null, null, null);
        }
    }

    /** The highest applied file of this location: a selected file below it would run out of order. */
    private void refuseOutOfOrder(List<Migration> files, List<Migration> pending, List<Migration> selected) {
        Set<String> notApplied = pending.stream().map(Migration::filename).collect(Collectors.toSet());
        Migration highest = null;
        for (Migration f : files) {
            if (!notApplied.contains(f.filename()) && f.orderVersion().isNumeric()
                    && (highest == null || f.orderVersion().compareTo(highest.orderVersion()) > 0)) {
                highest = f;
            }
        }
        if (highest == null) {
            return;
        }
        for (Migration m : selected) {
            if (m.orderVersion().isNumeric() && m.orderVersion().compareTo(highest.orderVersion()) < 0) {
                throw new MigrationException("[" + module + "] Migration " + m.filename() + " (version "
                        + m.orderVersion() + ") is pending, but " + highest.filename() + " (version "
                        + highest.orderVersion() + ") is already applied: it would run out of order. Give it a "
                        + "version above " + highest.orderVersion() + ", or allow out-of-order runs with "
                        + "MigrationManager.builder(...).outOfOrder(true) (CLI: migrate apply --out-of-order)",
                        module, m.filename(), null, null, null, null);
            }
        }
    }
}
