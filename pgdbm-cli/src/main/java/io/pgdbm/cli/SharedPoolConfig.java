package io.pgdbm.cli;

import java.util.List;

/**
 * {@code [shared_pool]}: the size of the one pool a command opens for all modules.
 *
 * <pre>{@code
 * [shared_pool]
 * min_connections = 2
 * max_connections = 10
 * modules = ["users", "billing"]
 * }</pre>
 *
 * @param minConnections {@code min_connections}
 * @param maxConnections {@code max_connections}
 * @param modules        {@code modules}: the modules meant to share it (checked to exist, listed by {@code schema list})
 */
record SharedPoolConfig(int minConnections, int maxConnections, List<String> modules) {

    SharedPoolConfig {
        modules = List.copyOf(modules);
    }
}
