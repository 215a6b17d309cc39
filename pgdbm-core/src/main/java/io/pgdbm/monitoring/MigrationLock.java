package io.pgdbm.monitoring;

import java.time.Instant;

/**
 * A session holding or waiting for a pgdbm migration runner's advisory lock (key
 * {@code hashtext('pgdbm_migration_' || module)}, the same key the Python pgdbm uses).
 *
 * <pre>{@code
 * debugger.migrationActivity(List.of("orders")).forEach(l -> log.info("{} held by pid {} since {}", l.module(), l.pid(), l.backendStart()));
 * }</pre>
 *
 * @param module          the migration module the lock belongs to
 * @param pid             the backend holding (or waiting for) it
 * @param granted         whether the lock is held; {@code false} while waiting
 * @param applicationName the client's {@code application_name}, or {@code null} when the session is gone
 * @param state           the session's state
 * @param query           its current or last statement
 * @param backendStart    when the session connected
 * @param queryStart      when its current statement started
 */
public record MigrationLock(String module, int pid, boolean granted, String applicationName, String state, String query,
                            Instant backendStart, Instant queryStart) {
}
