package io.lode.testsupport.infra;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import io.lode.events.Topic;

/** A running Kafka broker and PostgreSQL server, wherever they come from. */
public interface Infrastructure extends AutoCloseable {

    String bootstrapServers();

    /** Creates the database if missing and returns its JDBC URL. */
    String database(String name);

    String databaseUser();

    String databasePassword();

    @Override
    void close();

    /** Creates the topics that do not exist yet, with the catalogue's partitions and configs. */
    default void createTopics(List<Topic> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (Topic topic : topics) {
                NewTopic newTopic = new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs());
                try {
                    admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("broker did not create topics within 30 s", e);
        }
    }
}
