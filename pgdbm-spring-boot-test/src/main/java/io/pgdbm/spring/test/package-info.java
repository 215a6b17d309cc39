/**
 * A fresh migrated PostgreSQL database per test method in a cached Spring test context:
 * {@link io.pgdbm.spring.test.AutoConfigurePgdbmDatabase}.
 */
package io.pgdbm.spring.test;
