package io.pgdbm;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cursor behind {@link Queries#fetchStream(String, Object...)}: one statement on one borrowed connection, read
 * {@value #FETCH_SIZE} rows per round trip. PgJDBC only uses a server-side cursor when autocommit is off, so outside
 * a transaction the connection gets its own (committed when the stream closes). Released on close, at the end of
 * the rows, or on the first failure, whichever comes first. Not thread-safe, as streams are not.
 */
final class RowStream<T> extends Spliterators.AbstractSpliterator<T> {
    static final int FETCH_SIZE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(RowStream.class);

    private final Queries owner;
    private final String operation;
    private final Queries.Call call;
    private final Connection connection;
    private final boolean ownTransaction;
    private final long start;
    private Statement statement;
    private ResultSet rs;
    private Queries.Reader<T> reader;
    private long rows;
    private boolean closed;

    private RowStream(Queries owner, String operation, Queries.Call call, Connection connection, boolean ownTransaction) {
        super(Long.MAX_VALUE, Spliterator.ORDERED);
        this.owner = owner;
        this.operation = operation;
        this.call = call;
        this.connection = connection;
        this.ownTransaction = ownTransaction;
        this.start = System.nanoTime();
    }

    static <T> Stream<T> open(Queries owner, String operation, Queries.Call call, Queries.ReaderFactory<T> factory) {
        Connection connection = owner.borrow();
        RowStream<T> cursor;
        try {
            boolean ownTransaction = connection.getAutoCommit();
            cursor = new RowStream<>(owner, operation, call, connection, ownTransaction);
            if (ownTransaction) {
                connection.setAutoCommit(false);
            }
        } catch (SQLException e) {
            owner.release(connection);
            throw owner.engine().failure(operation, call.rendered(), call.arguments(), e);
        }
        try {
            cursor.statement = owner.open(connection, call);
            cursor.statement.setFetchSize(FETCH_SIZE);
            cursor.rs = Queries.resultOf(cursor.statement, call.rendered());
            cursor.reader = factory.create(call.columns(cursor.rs));
        } catch (SQLException e) {
            cursor.close(e);
            throw owner.engine().failure(operation, call.rendered(), call.arguments(), e);
        } catch (RuntimeException e) {
            cursor.close(e);
            throw e;
        }
        return StreamSupport.stream(cursor, false).onClose(cursor::close);
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        if (closed) {
            return false;
        }
        T value;
        try {
            if (!rs.next()) {
                close(null);
                return false;
            }
            value = reader.read(rs);
            rows++;
        } catch (SQLException e) {
            close(e);
            throw owner.engine().failure(operation, call.rendered(), call.arguments(), e);
        } catch (RuntimeException e) {
            close(e);
            throw e;
        }
        action.accept(value);
        return true;
    }

    private void close() {
        close(null);
    }

    /** Ends the cursor and gives the connection back; idempotent. {@code failure} rolls its own transaction back. */
    private void close(Exception failure) {
        if (closed) {
            return;
        }
        closed = true;
        SQLException endFailure = null;
        try {
            if (rs != null) {
                rs.close();
            }
            if (statement != null) {
                statement.close();
            }
            if (ownTransaction) {
                if (failure == null) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
            }
        } catch (SQLException e) {
            endFailure = e;
        } finally {
            if (ownTransaction) {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException e) {
                    LOG.debug("[{}] could not reset autocommit after a stream: {}", owner.engine().name(), e.toString());
                }
            }
            owner.release(connection);
        }
        SQLException reported = failure instanceof SQLException s ? s : endFailure;
        owner.engine().notify(operation, call.rendered(), call.arguments(), start, rows, reported, owner.inTransaction());
        if (failure == null && endFailure != null) {
            throw owner.engine().failure(operation, call.rendered(), call.arguments(), endFailure);
        }
    }
}
