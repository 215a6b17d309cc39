/**
 * Internal: the providers behind {@link io.pgdbm.junit.PostgresServers}. Not API; anything here may change
 * in any release.
 */
package io.pgdbm.junit.internal.server;
