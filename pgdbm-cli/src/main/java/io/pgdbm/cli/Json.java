package io.pgdbm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pgdbm.migration.MigrationResult;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --json} output: plain maps and lists, written pretty-printed. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    static Map<String, Object> result(MigrationResult r) {
        Map<String, Object> m = object();
        m.put("module", r.module());
        m.put("schema", r.schema());
        m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        List<Map<String, Object>> applied = r.applied().stream().map(f -> {
            Map<String, Object> file = object();
            file.put("file", f.filename());
            file.put("ms", f.executionTime().toMillis());
            return file;
        }).toList();
        m.put("applied", applied);
        m.put("alreadyApplied", r.skipped());
        m.put("pending", r.pending());
        m.put("ms", r.totalTime().toMillis());
        return m;
    }
}
