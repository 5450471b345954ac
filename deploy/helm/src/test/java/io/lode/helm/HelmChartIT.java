package io.lode.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lode.events.Topics;

/**
 * The chart as an operator gets it: lint --strict, render for each variant, parse every manifest into typed
 * Kubernetes objects (unknown fields fail), and check probes, network isolation, security context and that
 * every environment variable names a setting its service reads.
 */
class HelmChartIT {

    private static final List<String> COMPONENTS = List.of("gateway", "registry", "orchestrator", "verifier", "reward");
    private static final Set<String> GENERIC_KINDS = Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "ServiceMonitor",
            "PrometheusRule");

    @ParameterizedTest
    @ValueSource(strings = {"default", "strimzi-gateway-api", "secured-autoscaled", "scheduled"})
    void lintsStrictly(String variant) throws Exception {
        Helm.Result lint = Helm.helm("lint", "--strict", Helm.CHART.toString(), "-f", variant(variant));

        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "strimzi-gateway-api", "secured-autoscaled", "scheduled"})
    void rendersTypedManifestsAnOperatorCanTrust(String variant) throws Exception {
        List<HasMetadata> manifests = render(variant);

        List<Deployment> deployments = of(manifests, Deployment.class);
        assertThat(deployments).extracting(d -> component(d)).containsExactlyInAnyOrderElementsOf(COMPONENTS);
        for (Deployment deployment : deployments) {
            assertThat(deployment.getMetadata().getNamespace()).as("no hard-coded namespace").isNull();
            assertThat(deployment.getMetadata().getLabels()).containsKeys("app.kubernetes.io/name",
                    "app.kubernetes.io/instance", "app.kubernetes.io/version", "app.kubernetes.io/managed-by",
                    "app.kubernetes.io/component");
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertProbe(container.getStartupProbe(), "/q/health/started");
            assertProbe(container.getLivenessProbe(), "/q/health/live");
            assertProbe(container.getReadinessProbe(), "/q/health/ready");
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertEnvironmentIsReadByTheService(component(deployment), container, of(manifests, ConfigMap.class));
        }
        for (ConfigMap config : of(manifests, ConfigMap.class)) {
            assertThat(config.getData().keySet()).as("secrets come from Secrets, never ConfigMaps")
                    .noneMatch(k -> k.contains("PASSWORD") || k.contains("JAAS"));
        }
        assertOnlyTheGatewayIsReachableFromOutside(of(manifests, NetworkPolicy.class));
        assertEachServiceReachesOnlyWhatItNeeds(of(manifests, NetworkPolicy.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"secured-autoscaled"})
    void withACollectorEveryServiceTracesAndMayReachItAndWithoutOneNoneDoes(String variant) throws Exception {
        List<HasMetadata> manifests = render(variant);
        for (ConfigMap config : of(manifests, ConfigMap.class)) {
            assertThat(config.getData()).as(config.getMetadata().getName()).containsEntry("QUARKUS_OTEL_SDK_DISABLED",
                    "false").containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability:4317");
        }
        for (String component : COMPONENTS) {
            assertThat(of(manifests, NetworkPolicy.class).stream()
                    .filter(p -> component.equals(p.getSpec().getPodSelector().getMatchLabels()
                            .get("app.kubernetes.io/component")))
                    .flatMap(p -> p.getSpec().getEgress().stream()).flatMap(r -> r.getPorts().stream())
                    .map(port -> port.getPort().getIntVal())).as(component + " reaches the collector").contains(4317);
        }
        assertThat(of(render("default"), ConfigMap.class)).allSatisfy(config -> assertThat(config.getData())
                .doesNotContainKey("QUARKUS_OTEL_SDK_DISABLED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"secured-autoscaled"})
    void alertRulesComeWithTheOperatorsLabelsAndOnlyWhenAskedFor(String variant) throws Exception {
        GenericKubernetesResource rule = render(variant).stream().filter(m -> m.getKind().equals("PrometheusRule"))
                .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "prometheus");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) rule.getAdditionalProperties().get("spec");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groups = (List<Map<String, Object>>) spec.get("groups");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) groups.get(0).get("rules");
        assertThat(rules).extracting(r -> r.get("alert")).containsExactlyInAnyOrder("LodeOutboxStuck",
                "LodeDeadLetters", "LodePaymentsRefused", "LodeTasksFailing", "LodeConsumerLag");
        assertThat(rules).extracting(r -> r.get("expr").toString()).allMatch(e -> e.contains("lode_") || e.contains("kafka_"));
        assertThat(rules.stream().filter(r -> r.get("alert").equals("LodeConsumerLag")).findFirst().orElseThrow()
                .get("expr").toString()).endsWith("> 1000");
        assertThat(render("default")).noneMatch(m -> m.getKind().equals("PrometheusRule"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"secured-autoscaled"})
    void aServiceCanHaveItsOwnDatabaseCredentials(String variant) throws Exception {
        for (Deployment deployment : of(render(variant), Deployment.class)) {
            String secret = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("QUARKUS_DATASOURCE_PASSWORD")).findFirst().orElseThrow()
                    .getValueFrom().getSecretKeyRef().getName();
            assertThat(secret).isEqualTo(component(deployment).equals("reward") ? "reward-postgresql" : "lode-postgresql");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scheduled"})
    void podSettingsComeFromTheDefaultsAndAServiceOverridesThem(String variant) throws Exception {
        List<Deployment> deployments = of(render(variant), Deployment.class);
        for (Deployment deployment : deployments) {
            var pod = deployment.getSpec().getTemplate();
            boolean orchestrator = component(deployment).equals("orchestrator");
            assertThat(pod.getSpec().getNodeSelector()).as(component(deployment)).isEqualTo(orchestrator
                    ? Map.of("example.com/pool", "routing") : Map.of("kubernetes.io/os", "linux"));
            assertThat(pod.getSpec().getAffinity() != null).isEqualTo(orchestrator);
            assertThat(pod.getSpec().getTolerations()).extracting(t -> t.getKey()).containsExactly("dedicated");
            assertThat(pod.getSpec().getTopologySpreadConstraints()).hasSize(1);
            assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("lode-standard");
            assertThat(pod.getMetadata().getAnnotations()).containsEntry("example.com/team",
                    orchestrator ? "routing" : "network").containsKey("checksum/config");
            assertThat(pod.getMetadata().getLabels()).containsEntry("example.com/cost-centre", "42")
                    .containsEntry("app.kubernetes.io/component", component(deployment));
            Container container = pod.getSpec().getContainers().get(0);
            // the service's variable replaces the default's of the same name: one entry, its value
            assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("QUARKUS_DATASOURCE_JDBC_MAX_SIZE"))
                    .extracting(EnvVar::getValue).containsExactly(orchestrator ? "32" : "16");
            if (component(deployment).equals("gateway")) {
                assertThat(container.getImage()).isEqualTo(
                        "lode/gateway-service@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
            } else {
                assertThat(container.getImage()).startsWith("lode/" + component(deployment) + "-service:")
                        .doesNotContain("@");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"strimzi-gateway-api"})
    void strimziGivesEachServiceItsOwnKafkaUserWithTheAclsOfTheCatalogue(String variant) throws Exception {
        List<HasMetadata> manifests = render(variant);

        List<GenericKubernetesResource> users = manifests.stream().filter(m -> m.getKind().equals("KafkaUser"))
                .map(GenericKubernetesResource.class::cast).toList();
        assertThat(users).extracting(u -> u.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(
                io.lode.events.KafkaAccess.ALL.stream().map(io.lode.events.KafkaAccess::principal).toList());
        for (io.lode.events.KafkaAccess access : io.lode.events.KafkaAccess.ALL) {
            GenericKubernetesResource user = users.stream()
                    .filter(u -> u.getMetadata().getName().equals(access.principal())).findFirst().orElseThrow();
            List<Map<String, Object>> acls = user.get("spec", "authorization", "acls");
            List<String> writable = acls.stream().filter(acl -> ((List<?>) acl.get("operations")).contains("Write"))
                    .map(acl -> (String) ((Map<?, ?>) acl.get("resource")).get("name")).toList();
            assertThat(writable).as(access.principal())
                    .containsExactlyInAnyOrderElementsOf(access.writes().stream().map(t -> t.name()).toList());
        }
        GenericKubernetesResource kafka = manifests.stream().filter(m -> m.getKind().equals("Kafka"))
                .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
        assertThat(kafka.<Object>get("spec", "kafka", "authorization", "type")).isEqualTo("simple");
        for (Deployment deployment : of(manifests, Deployment.class)) {
            EnvVar password = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("LODE_KAFKA_PASSWORD")).findFirst().orElseThrow();
            assertThat(password.getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo(component(deployment) + "-service");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"strimzi-gateway-api"})
    void strimziTopicsComeFromTheCatalogueAndKeepTheirHistory(String variant) throws Exception {
        List<HasMetadata> manifests = render(variant);

        List<GenericKubernetesResource> topics = manifests.stream().filter(m -> m.getKind().equals("KafkaTopic"))
                .map(GenericKubernetesResource.class::cast).toList();
        assertThat(topics).extracting(t -> (String) t.get("spec", "topicName"))
                .containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(t -> t.name()).toList());
        for (var topic : Topics.EVENT_TOPICS) {
            GenericKubernetesResource rendered = topics.stream()
                    .filter(t -> topic.name().equals(t.get("spec", "topicName"))).findFirst().orElseThrow();
            assertThat(rendered.<Object>get("spec", "config", "retention.ms")).isEqualTo("-1");
            assertThat(((Number) rendered.get("spec", "partitions")).intValue()).isEqualTo(topic.partitions());
        }
        var route = of(manifests, io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class).get(0);
        // the API, the network's A2A and MCP endpoints and card, and the console (at / and under /console)
        assertThat(route.getSpec().getRules().get(0).getMatches())
                .extracting(m -> m.getPath().getValue() + " " + m.getPath().getType())
                .containsExactly("/v1 PathPrefix", "/a2a PathPrefix", "/.well-known/agent-card.json Exact", "/ Exact",
                        "/console PathPrefix", "/mcp PathPrefix");
        assertThat(of(manifests, Deployment.class)).allSatisfy(d -> assertThat(configMapOf(manifests, d)
                .getData().get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("lode-kafka-bootstrap:9092"));
    }

    @Test
    void theIngressServesTheApiTheA2aAndMcpEndpointsAndTheCardAtTheAddressTheCardNames() throws Exception {
        List<HasMetadata> manifests = render("default");
        List<io.fabric8.kubernetes.api.model.networking.v1.Ingress> ingresses = of(manifests,
                io.fabric8.kubernetes.api.model.networking.v1.Ingress.class);
        io.fabric8.kubernetes.api.model.networking.v1.Ingress ingress = ingresses.stream()
                .filter(i -> !i.getMetadata().getName().endsWith("-mcp")).findFirst().orElseThrow();
        io.fabric8.kubernetes.api.model.networking.v1.Ingress mcp = ingresses.stream()
                .filter(i -> i.getMetadata().getName().endsWith("-mcp")).findFirst().orElseThrow();
        // MCP sessions live in one replica: its Ingress keeps a client on one (by address, on ingress-nginx)
        assertThat(mcp.getSpec().getRules().get(0).getHttp().getPaths()).extracting(p -> p.getPath())
                .containsExactly("/mcp");
        assertThat(mcp.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/upstream-hash-by",
                "$binary_remote_addr");
        var rule = ingress.getSpec().getRules().get(0);
        assertThat(rule.getHttp().getPaths()).extracting(p -> p.getPath() + " " + p.getPathType())
                .containsExactly("/v1 Prefix", "/a2a Prefix", "/.well-known/agent-card.json Exact", "/ Exact",
                        "/console Prefix");
        Deployment gateway = of(manifests, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().endsWith("gateway")).findFirst().orElseThrow();
        String scheme = ingress.getSpec().getTls() == null || ingress.getSpec().getTls().isEmpty() ? "http" : "https";
        assertThat(configMapOf(manifests, gateway).getData().get("LODE_GATEWAY_PUBLIC_URL"))
                .isEqualTo(scheme + "://" + rule.getHost());
    }

    @ParameterizedTest
    @ValueSource(strings = {"negative-replicas", "unknown-key", "bad-exposure", "fee-above-hundred-percent",
            "unknown-service-key", "chart-label-overridden", "short-digest"})
    void valuesThatBreakTheSchemaAreRejected(String invalid) throws Exception {
        Path values = Path.of("src/test/resources/invalid/" + invalid + ".yaml").toAbsolutePath();

        Helm.Result template = Helm.helm("template", "t", Helm.CHART.toString(), "-f", values.toString());

        assertThat(template.exitCode()).as(template.output()).isNotZero();
        assertThat(template.output()).contains("schema");
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }

    /** Every variable maps (MicroProfile Config's env rule) onto a key in the service's application.properties,
     *  or is a Kafka client setting, which the Kafka extension hands to every client. */
    private static void assertEnvironmentIsReadByTheService(String component, Container container,
                                                            List<ConfigMap> configMaps) throws IOException {
        Set<String> names = new HashSet<>();
        container.getEnv().stream().map(EnvVar::getName).forEach(names::add);
        for (EnvFromSource from : container.getEnvFrom()) {
            configMaps.stream().filter(c -> c.getMetadata().getName().equals(from.getConfigMapRef().getName()))
                    .findFirst().orElseThrow().getData().keySet().forEach(names::add);
        }
        Set<String> readKeys = propertiesOf(component).stream()
                .map(k -> k.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        readKeys.add("JAVA_OPTS_APPEND");
        assertThat(names).as(component + " environment").allMatch(n -> readKeys.contains(n) || n.startsWith("KAFKA_"),
                "names a setting " + component + "-service reads");
    }

    private static Set<String> propertiesOf(String component) throws IOException {
        Path file = Helm.DIR.resolve("../../" + component + "-service/src/main/resources/application.properties")
                .normalize();
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties.stringPropertyNames().stream().map(k -> k.replaceFirst("^%[a-z]+\\.", ""))
                .collect(Collectors.toSet());
    }

    private static void assertOnlyTheGatewayIsReachableFromOutside(List<NetworkPolicy> policies) {
        assertThat(policies).anySatisfy(p -> {
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).doesNotContainKey("app.kubernetes.io/component");
            assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
            assertThat(p.getSpec().getIngress()).isEmpty();
            assertThat(p.getSpec().getEgress()).isEmpty();
        });
        for (NetworkPolicy policy : policies) {
            String target = policy.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/component");
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                if ("gateway".equals(target)) {
                    continue;
                }
                assertThat(rule.getFrom()).as("%s admits only named peers", policy.getMetadata().getName()).isNotEmpty();
                // the reward service reads the verifier's key list to check receipts; nothing else calls a backend
                List<String> peers = "verifier".equals(target) ? List.of("gateway", "reward", "monitoring-namespace")
                        : List.of("gateway", "monitoring-namespace");
                rule.getFrom().forEach(peer -> assertThat(peer.getPodSelector() != null
                        ? peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component")
                        : "monitoring-namespace").isIn(peers));
                if (rule.getFrom().stream().anyMatch(peer -> peer.getNamespaceSelector() != null)) {
                    // monitoring reaches health and metrics only, never an API port (forgeable headers, admin API)
                    assertThat(rule.getPorts()).as(policy.getMetadata().getName()).isNotEmpty()
                            .allSatisfy(port -> assertThat(port.getPort().getStrVal()).isEqualTo("management"));
                }
            }
        }
        assertThat(policies).anySatisfy(p -> assertThat(
                p.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/component")).isEqualTo("gateway"));
    }

    /**
     * DNS, Kafka and PostgreSQL for everyone; the gateway to the backends, the reward service to the verifier; only
     * the orchestrator and the registry to agents, and the gateway to A2A webhooks, never to the private ranges the
     * SSRF guard refuses.
     */
    private static void assertEachServiceReachesOnlyWhatItNeeds(List<NetworkPolicy> policies) {
        for (String component : COMPONENTS) {
            List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule> rules = policies.stream()
                    .filter(p -> component.equals(p.getSpec().getPodSelector().getMatchLabels()
                            .get("app.kubernetes.io/component")))
                    .flatMap(p -> p.getSpec().getEgress().stream()).toList();
            assertThat(rules).as(component + " egress").anySatisfy(r -> assertThat(r.getPorts())
                    .extracting(port -> port.getPort().getIntVal()).contains(53));
            assertThat(rules).as(component + " egress").anySatisfy(r -> assertThat(r.getPorts())
                    .extracting(port -> port.getPort().getIntVal()).contains(5432));
            assertThat(rules).as(component + " egress").anySatisfy(r -> assertThat(r.getPorts())
                    .extracting(port -> port.getPort().getIntVal()).contains(9092));
            Set<String> peerComponents = rules.stream().flatMap(r -> r.getTo().stream())
                    .filter(peer -> peer.getPodSelector() != null)
                    .map(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))
                    .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
            assertThat(peerComponents).as(component + " calls").isEqualTo(switch (component) {
                case "gateway" -> Set.of("registry", "orchestrator", "reward", "verifier");
                case "reward" -> Set.of("verifier");
                default -> Set.of();
            });
            List<io.fabric8.kubernetes.api.model.networking.v1.IPBlock> blocks = rules.stream()
                    .flatMap(r -> r.getTo().stream()).map(peer -> peer.getIpBlock())
                    .filter(java.util.Objects::nonNull).toList();
            if (component.equals("orchestrator") || component.equals("registry") || component.equals("gateway")) {
                assertThat(blocks).anySatisfy(b -> {
                    assertThat(b.getCidr()).isEqualTo("0.0.0.0/0");
                    assertThat(b.getExcept()).contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                            "169.254.0.0/16", "127.0.0.0/8");
                });
            } else {
                assertThat(blocks).as(component + " reaches no agent").isEmpty();
            }
            // a rule open to any address is open on named ports only
            rules.stream().filter(r -> r.getTo().isEmpty()).forEach(r -> assertThat(r.getPorts())
                    .as(component + ": a rule to anywhere names its ports").isNotEmpty());
        }
    }

    private static List<HasMetadata> render(String variant) throws Exception {
        Helm.Result template = Helm.helm("template", "lode", Helm.CHART.toString(), "-f", variant(variant));
        assertThat(template.exitCode()).as(template.output()).isZero();
        List<HasMetadata> manifests = new ArrayList<>();
        for (String document : template.output().split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
                continue;
            }
            HasMetadata manifest = parse(document);
            assertNoUnknownFields(manifest, manifest.getKind() + "/" + manifest.getMetadata().getName());
            manifests.add(manifest);
        }
        return manifests;
    }

    private static HasMetadata parse(String document) {
        GenericKubernetesResource generic = Serialization.unmarshal(document, GenericKubernetesResource.class);
        if (GENERIC_KINDS.contains(generic.getKind())) {
            return generic;
        }
        KubernetesResource typed = Serialization.unmarshal(document);
        assertThat(typed).as("%s has a typed model", generic.getKind()).isNotInstanceOf(GenericKubernetesResource.class);
        return (HasMetadata) typed;
    }

    /** Fails on any field the typed model did not recognise (fabric8 keeps those in additionalProperties). */
    private static void assertNoUnknownFields(Object node, String path) {
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                assertNoUnknownFields(item, path + "[" + i++ + "]");
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> assertNoUnknownFields(v, path + "." + k));
            return;
        }
        if (node == null || node instanceof GenericKubernetesResource
                || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                assertThat((Map<?, ?>) value).as("unknown fields at %s", path).isNullOrEmpty();
            } else {
                assertNoUnknownFields(value, path + "." + getter.getName().substring(3));
            }
        }
    }

    private static <T> List<T> of(List<HasMetadata> manifests, Class<T> type) {
        return manifests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static ConfigMap configMapOf(List<HasMetadata> manifests, Deployment deployment) {
        String name = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom().get(0)
                .getConfigMapRef().getName();
        return of(manifests, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name))
                .findFirst().orElseThrow();
    }

    private static String component(HasMetadata manifest) {
        return manifest.getMetadata().getLabels().get("app.kubernetes.io/component");
    }

    private static String variant(String name) {
        return Path.of("src/test/resources/variants/" + name + ".yaml").toAbsolutePath().toString();
    }
}
