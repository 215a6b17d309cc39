package io.pgdbm.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints results as a table and writes them as JSON. */
final class Report {
    private Report() {
    }

    static void print(PrintStream out, Map<String, Object> environment, List<Result> results) {
        out.println();
        environment.forEach((k, v) -> out.println(k + ": " + v));
        out.println();
        String format = "%-4s %-44s %-8s %-12s %-12s %-9s %-28s %-10s %-6s%n";
        out.printf(format, "id", "figure", "unit", "subject", "baseline", "ratio", "ratio means", "target", "met");
        out.println("-".repeat(140));
        for (Result r : results) {
            out.printf(format, r.id(), r.figure(), r.unit(), Stats.fmt(r.subject().median()),
                    r.baseline() == null ? "-" : Stats.fmt(r.baseline().median()),
                    r.ratio() == null ? "-" : String.format("%.2f×", r.ratio()),
                    r.ratioMeaning() == null ? "-" : r.ratioMeaning(), r.target(),
                    r.met() == null ? "-" : r.met() ? "yes" : "NO");
        }
        out.println();
        out.println("medians shown; full statistics (median, p95, min, max, n) are in the JSON report:");
        for (Result r : results) {
            out.println("  " + r.id() + " " + r.figure() + ": subject " + r.subject()
                    + (r.baseline() == null ? "" : "; baseline " + r.baseline()) + (r.note().isEmpty() ? "" : " — " + r.note()));
        }
    }

    static void writeJson(Path file, Map<String, Object> environment, List<Result> results) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>(environment);
        doc.put("results", results);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }
}
