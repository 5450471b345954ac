package io.lode.events.metrics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges read from the service's database: one query whose one row gives each gauge its value, column by column,
 * read at most once a second however often it is scraped; NaN while the database cannot be read.
 */
public final class DatabaseGauges {

    private static final long FRESH_NANOS = 1_000_000_000L;

    /** One column of the query's row, as a gauge. */
    public record Column(String name, String description, String baseUnit) {
    }

    private final DataSource dataSource;
    private final String sql;
    private final double[] values;
    private long readAt;

    private DatabaseGauges(DataSource dataSource, String sql, int columns) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.values = new double[columns];
        this.readAt = System.nanoTime() - FRESH_NANOS;
    }

    public static void register(MeterRegistry registry, DataSource dataSource, String sql, List<Column> columns) {
        DatabaseGauges gauges = new DatabaseGauges(dataSource, sql, columns.size());
        for (int i = 0; i < columns.size(); i++) {
            int column = i;
            Column c = columns.get(i);
            Gauge.builder(c.name(), gauges, g -> g.value(column)).description(c.description()).baseUnit(c.baseUnit())
                    .register(registry);
        }
    }

    private synchronized double value(int column) {
        if (System.nanoTime() - readAt >= FRESH_NANOS) {
            readAt = System.nanoTime();
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery(sql)) {
                row.next();
                for (int i = 0; i < values.length; i++) {
                    values[i] = row.getDouble(i + 1);
                }
            } catch (SQLException e) {
                Arrays.fill(values, Double.NaN);
            }
        }
        return values[column];
    }
}
