/**
 * Internal: the machinery behind {@link io.pgdbm.junit.PgdbmExtension} and {@link io.pgdbm.junit.TestDatabaseFactory}
 * (run ids and the crash sweep, template databases, clones, the connection budget). Not API; anything here may
 * change in any release.
 */
package io.pgdbm.junit.internal;
