/**
 * Internal: the providers behind {@link io.pgdbm.testserver.PostgresServers}. Not API; anything here may change
 * in any release.
 */
package io.pgdbm.testserver.internal;
