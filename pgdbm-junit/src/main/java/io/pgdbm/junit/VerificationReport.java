package io.pgdbm.junit;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@link MigrationVerifier} found for one module: every failed check, each naming the mode, the check and the
 * object or file at fault.
 *
 * <pre>{@code
 * VerificationReport report = MigrationVerifier.builder("classpath:db/orders", "orders").check();
 * report.findings().forEach(f -> System.out.println(f));
 * }</pre>
 *
 * @param module   the module verified
 * @param location its migrations
 * @param files    the migration files found, in apply order
 * @param findings the failed checks; empty when the module passed
 */
public record VerificationReport(String module, String location, List<String> files, List<Finding> findings) {

    /**
     * One failed check.
     *
     * @param mode    {@code STANDALONE}, {@code STANDALONE in schema s} or {@code LIBRARY in schema s}
     * @param check   {@code applies}, {@code second run is a no-op}, {@code recorded checksums} or
     *                {@code objects stay in the module's schema}
     * @param message what is wrong, with the file or object
     */
    public record Finding(String mode, String check, String message) {
        @Override
        public String toString() {
            return "[" + mode + "] " + check + ": " + message;
        }
    }

    public VerificationReport {
        Objects.requireNonNull(module, "module");
        files = List.copyOf(files);
        findings = List.copyOf(findings);
    }

    public boolean passed() {
        return findings.isEmpty();
    }

    /** A readable summary: the verdict and one line per finding. */
    public String describe() {
        if (passed()) {
            return "Migrations of module '" + module + "' (" + location + ", " + files.size() + " files) verified";
        }
        return "Migrations of module '" + module + "' (" + location + ") failed " + findings.size() + " check(s):"
                + findings.stream().map(f -> "\n  - " + f).collect(Collectors.joining());
    }
}
