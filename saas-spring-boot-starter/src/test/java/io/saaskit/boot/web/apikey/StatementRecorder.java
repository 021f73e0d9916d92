package io.saaskit.boot.web.apikey;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Records every SQL statement the application prepares, with the thread that prepared it, by wrapping the
 * application's {@link DataSource}. Statements prepared on request threads ({@code http-*}) are the database work
 * a request caused, which proves claims such as "a malformed key costs no query".
 */
public final class StatementRecorder implements BeanPostProcessor {

    private static final String REQUEST_THREAD_PREFIX = "http-";

    private final List<Statement> statements = new ArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof Recording)) {
            return new Recording(dataSource);
        }
        return bean;
    }

    /**
     * The statements prepared on request threads so far.
     * @return the statements, oldest first
     */
    public synchronized List<Statement> requestStatements() {
        return this.statements.stream().filter((s) -> s.thread().startsWith(REQUEST_THREAD_PREFIX)).toList();
    }

    /**
     * The SQL of the request statements recorded since a mark.
     * @param mark a size of {@link #requestStatements()} taken earlier
     * @return the SQL texts
     */
    public List<String> requestSqlSince(int mark) {
        List<Statement> all = requestStatements();
        return all.subList(mark, all.size()).stream().map(Statement::sql).toList();
    }

    private synchronized void record(String sql) {
        this.statements.add(new Statement(Thread.currentThread().getName(), sql));
    }

    /**
     * One prepared statement.
     *
     * @param thread the preparing thread
     * @param sql the SQL text ({@code <statement>} for a plain statement)
     */
    public record Statement(String thread, String sql) {
    }

    /** The wrapping data source. */
    private final class Recording extends DelegatingDataSource {

        Recording(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return recording(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return recording(super.getConnection(username, password));
        }

        private Connection recording(Connection connection) {
            return (Connection) Proxy.newProxyInstance(StatementRecorder.class.getClassLoader(),
                    new Class<?>[] { Connection.class }, (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.equals("prepareStatement") || name.equals("prepareCall")) {
                            record((String) args[0]);
                        }
                        else if (name.equals("createStatement")) {
                            record("<statement>");
                        }
                        return invoke(connection, method, args);
                    });
        }

        private static @Nullable Object invoke(Connection connection, Method method,
                @Nullable Object[] args) throws Throwable {
            try {
                return method.invoke(connection, args);
            }
            catch (InvocationTargetException ex) {
                throw ex.getCause();
            }
        }
    }
}
