package io.pgdbm.testserver.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Edits the {@code pg_hba.conf} that initdb generated. */
final class PgHbaFile {

    private PgHbaFile() {
    }

    /**
     * Puts {@code lines} in front of the generated rules, so they win (the first matching rule applies).
     * Rewriting in place keeps the file owned by the user that runs the server.
     */
    static void prepend(Path dataDir, List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        Path hba = dataDir.resolve("pg_hba.conf");
        String generated = Files.readString(hba, StandardCharsets.UTF_8);
        Files.writeString(hba, String.join("\n", lines) + "\n" + generated, StandardCharsets.UTF_8);
    }
}
