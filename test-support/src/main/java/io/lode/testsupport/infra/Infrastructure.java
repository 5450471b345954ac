package io.lode.testsupport.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import io.lode.events.KafkaAccess;
import io.lode.events.Topic;

/**
 * A running Kafka broker (SASL/SCRAM, ACLs) and PostgreSQL server, wherever they come from. Every Kafka client
 * names the principal it acts as: a service's own ({@link KafkaAccess}), the auditor's, or the super user
 * {@link KafkaBroker#ADMIN} with which tests play the part of any service.
 */
public interface Infrastructure extends AutoCloseable {

    String bootstrapServers();

    /** This run's password of {@code principal} (a {@link KafkaAccess} principal or {@link KafkaBroker#ADMIN}). */
    String kafkaPassword(String principal);

    /** Creates the database if missing and returns its JDBC URL. */
    String database(String name);

    String databaseUser();

    String databasePassword();

    @Override
    void close();

    /** Client settings that authenticate as {@code principal}. */
    default Map<String, Object> kafkaClient(String principal) {
        return principal.equals(KafkaBroker.ADMIN)
                ? KafkaBroker.adminClientConfig(bootstrapServers(), kafkaPassword(principal))
                : KafkaAccess.clientConfig(bootstrapServers(), principal, kafkaPassword(principal));
    }

    /** Creates the topics that do not exist yet, with the catalogue's partitions and configs. */
    default void createTopics(List<Topic> topics) {
        try (Admin admin = Admin.create(kafkaClient(KafkaBroker.ADMIN))) {
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

    /**
     * Gives every principal of {@link KafkaAccess#ALL} this run's SCRAM password and its ACLs (both idempotent, so
     * a kept data directory is simply brought up to date).
     */
    default void grantKafkaAccess() {
        List<UserScramCredentialAlteration> users = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        for (KafkaAccess access : KafkaAccess.ALL) {
            users.add(new UserScramCredentialUpsertion(access.principal(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), kafkaPassword(access.principal())));
            String user = "User:" + access.principal();
            access.writes().forEach(t -> acls.add(allow(ResourceType.TOPIC, t.name(), PatternType.LITERAL, user,
                    AclOperation.WRITE)));
            access.reads().forEach(t -> acls.add(allow(ResourceType.TOPIC, t.name(), PatternType.LITERAL, user,
                    AclOperation.READ)));
            access.groupPrefixes().forEach(g -> acls.add(allow(ResourceType.GROUP, g, PatternType.PREFIXED, user,
                    AclOperation.READ)));
        }
        try (Admin admin = Admin.create(kafkaClient(KafkaBroker.ADMIN))) {
            KafkaFuture.allOf(admin.alterUserScramCredentials(users).all(), admin.createAcls(acls).all())
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while granting Kafka access", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the Kafka users and ACLs", e);
        }
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String user,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(user, "*", operation, AclPermissionType.ALLOW));
    }
}
