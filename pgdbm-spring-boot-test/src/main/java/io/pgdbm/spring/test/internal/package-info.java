/** Not API: how {@code @AutoConfigurePgdbmDatabase} plugs into Spring's test context framework. May change in any release. */
package io.pgdbm.spring.test.internal;
