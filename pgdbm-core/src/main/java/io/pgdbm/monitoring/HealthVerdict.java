package io.pgdbm.monitoring;

/**
 * The overall result of {@link DatabaseDebugger#health()}, and what to do about it.
 *
 * <pre>{@code
 * if (debugger.health().verdict() != HealthVerdict.HEALTHY) alert(...);
 * }</pre>
 */
public enum HealthVerdict {
    /** The server answered and nothing is blocked, stuck or waiting. */
    HEALTHY,
    /** The server answers, but sessions are blocked, queries run long, threads wait for connections or the
     * round trip is slow: look at {@link HealthReport#problems()}. */
    DEGRADED,
    /** The server did not answer a trivial query: check the server, the network and the pool's error. */
    UNHEALTHY
}
