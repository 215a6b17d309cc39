/**
 * pgdbm's internals. Not API: anything here may change in any release without notice. Public types never
 * expose these classes.
 */
package io.pgdbm.internal;
