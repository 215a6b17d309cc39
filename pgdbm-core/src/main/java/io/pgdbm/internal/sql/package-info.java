/**
 * PostgreSQL-aware SQL scanning: parameter conversion for the query API and statement splitting for
 * migrations.
 *
 * <p><strong>Internal, not API.</strong> Nothing in this package is part of pgdbm's public contract; it may
 * change or disappear in any release without notice. Public pgdbm types never expose these types.
 *
 * <p>Every function here is built on one scanner ({@code SqlScanner}) that knows where string literals,
 * quoted identifiers, comments and dollar-quoted bodies begin and end, so that all of them agree on what is
 * "code" and what is "text".
 */
package io.pgdbm.internal.sql;
