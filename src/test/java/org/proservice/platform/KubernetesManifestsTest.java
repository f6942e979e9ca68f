package org.proservice.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.proservice.platform.DeploymentFiles.effectiveValue;
import static org.proservice.platform.DeploymentFiles.ofKind;
import static org.proservice.platform.DeploymentFiles.single;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.proservice.platform.DeploymentFiles.Manifest;

/**
 * The Kubernetes manifests, the container image definitions and the application agree: probes hit the
 * application's health endpoints on its HTTP port, configuration names match application.properties, nothing
 * secret is committed, and the pods run locked down. Plain JUnit: reads files, boots nothing.
 */
class KubernetesManifestsTest {

    private static final String DEPLOYMENT = "pro-service";
    /** Read by the JVM launchers of both images (Jib entrypoint and run-java.sh), not by the application. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_OPTS");
    private static final String MIGRATION_SECRET = "pro-service-migration-secrets";

    private final JsonNode deployment = single("Deployment", DEPLOYMENT).doc();
    private final JsonNode podSpec = deployment.path("spec").path("template").path("spec");
    private final JsonNode container = onlyContainer();

    @Test
    void probesCallTheApplicationsHealthEndpoints() {
        assertEquals(healthPath("quarkus.smallrye-health.liveness-path", "live"),
                container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals(healthPath("quarkus.smallrye-health.readiness-path", "ready"),
                container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals(healthPath("quarkus.smallrye-health.startup-path", "started"),
                container.path("startupProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/live", healthPath("quarkus.smallrye-health.liveness-path", "live"),
                "the documented liveness path (design.md) moved");
        assertEquals("/q/health/ready", healthPath("quarkus.smallrye-health.readiness-path", "ready"),
                "the documented readiness path (design.md) moved");
    }

    @Test
    void probesCallTheContainerPortWhichIsTheApplicationsHttpPort() {
        int containerPort = containerPort("http");
        assertEquals(applicationHttpPort(), containerPort, "containerPort 'http' vs quarkus.http.port");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            JsonNode port = container.path(probe).path("httpGet").path("port");
            int resolved = port.isInt() ? port.asInt() : containerPort(port.asText());
            assertEquals(containerPort, resolved, probe + " port");
        }
        assertFalse(Boolean.parseBoolean(effectiveValue("quarkus.management.enabled", configMapData()).orElse("false")),
                "with the management interface on, health moves to its own port: update the probes");
    }

    @Test
    void dockerfileExposesTheApplicationsHttpPortAndRunsAsUser185() {
        String dockerfile = DeploymentFiles.read(DeploymentFiles.DOCKERFILE_JVM);
        assertEquals(List.of(String.valueOf(applicationHttpPort())), instructionArguments(dockerfile, "EXPOSE"));
        assertEquals(List.of("185"), instructionArguments(dockerfile, "USER"));
        assertTrue(dockerfile.contains("target/quarkus-app/lib/"), "copies the fast-jar layers");
    }

    @Test
    void jibImageExposesTheApplicationsHttpPortRunsAsUser185AndIsNotBuiltByVerify() {
        String jib = jibPluginSection();
        assertTrue(jib.contains("<port>" + applicationHttpPort() + "</port>"), "Jib container port");
        assertTrue(jib.contains("<user>185</user>"), "Jib container user");
        assertTrue(jib.contains("-jar /deployments/quarkus-run.jar"), "Jib entrypoint runs the fast-jar");
        assertFalse(jib.contains("<executions>"), "Jib must not be bound to a phase of ./mvnw verify");
        assertFalse(jib.contains("<image>scratch</image>"), "scratch is for layering experiments only");
    }

    @Test
    void serviceSendsTrafficToTheNamedContainerPort() {
        JsonNode service = single("Service", DEPLOYMENT).doc();
        assertEquals("ClusterIP", service.path("spec").path("type").asText("ClusterIP"));
        JsonNode port = service.path("spec").path("ports").get(0);
        assertEquals("http", port.path("targetPort").asText());
        containerPort(port.path("targetPort").asText());
        assertSelects(service.path("spec").path("selector"), "Service");
    }

    @Test
    void deploymentTakesItsConfigurationFromTheConfigMapAndSecretOfTheRepository() {
        List<String> configMaps = values(podSpec.findValues("configMapRef"), "name");
        assertEquals(List.of("pro-service-config"), configMaps);
        single("ConfigMap", "pro-service-config");

        JsonNode documentedSecret = single("Secret", "pro-service-secrets").doc();
        Set<String> documentedKeys = new TreeSet<>();
        documentedSecret.path("stringData").fieldNames().forEachRemaining(documentedKeys::add);
        documentedSecret.path("data").fieldNames().forEachRemaining(documentedKeys::add);
        List<JsonNode> secretRefs = container.findValues("secretKeyRef");
        assertFalse(secretRefs.isEmpty(), "the Deployment references the Secret");
        for (JsonNode ref : secretRefs) {
            assertEquals("pro-service-secrets", ref.path("name").asText());
            assertTrue(documentedKeys.contains(ref.path("key").asText()),
                    "Secret key " + ref.path("key").asText() + " is documented in k8s/examples/secret.example.yaml");
        }
        Set<String> fromSecret = new TreeSet<>();
        for (JsonNode env : container.path("env")) {
            if (env.path("valueFrom").has("secretKeyRef")) {
                fromSecret.add(env.path("name").asText());
            }
        }
        assertTrue(fromSecret.containsAll(Set.of("PRO_DB_USER", "PRO_DB_PASSWORD")), "database credentials");
    }

    @Test
    void noSecretInTheRepositoryCarriesValuesAndNoneIsApplied() {
        for (Manifest secret : ofKind("Secret")) {
            for (String field : List.of("data", "stringData")) {
                secret.doc().path(field).fields().forEachRemaining(e -> assertTrue(e.getValue().asText().isEmpty(),
                        secret.file() + " carries a value for " + e.getKey()));
            }
            assertFalse(kustomizationResources().contains(DeploymentFiles.K8S.relativize(secret.file()).toString()),
                    "kustomization.yaml must not apply " + secret.file());
            assertFalse(secret.file().getParent().equals(DeploymentFiles.K8S),
                    secret.file() + ": keep Secret examples out of k8s/ itself, where `kubectl apply -f k8s/` would"
                            + " overwrite the real Secret with empty values");
        }
        String publicDevKey = DeploymentFiles.read(Path.of("src/test/resources/jwt/dev-public.pem"))
                .replaceAll("-----[A-Z ]+-----|\\s", "").substring(0, 60);
        for (Path file : DeploymentFiles.allManifestFiles()) {
            String text = DeploymentFiles.read(file);
            assertFalse(text.contains("PRIVATE KEY"), file + " contains a private key");
            assertFalse(text.replaceAll("\\s", "").contains(publicDevKey),
                    file + " trusts the dev token key, whose private half is in the repository");
        }
    }

    @Test
    void everyVariableTheDeploymentSetsIsReadByTheApplication() {
        Set<String> read = DeploymentFiles.environmentVariablesReadByTheApplication();
        for (String variable : variablesSetByTheDeployment()) {
            assertTrue(read.contains(variable) || JVM_VARIABLES.contains(variable),
                    variable + " is set in k8s/ but application.properties never reads it");
        }
    }

    @Test
    void deploymentProvidesEveryVariableTheApplicationRequires() {
        Set<String> missing = new TreeSet<>(DeploymentFiles.environmentVariablesRequiredInProduction());
        missing.removeAll(variablesSetByTheDeployment());
        assertEquals(Set.of(), missing, "required by application.properties (no default) but not set in k8s/");
    }

    @Test
    void pemVerificationKeyIsMountedFromAConfigMap() {
        String location = configMapData().getOrDefault("PRO_JWT_KEY_LOCATION", "");
        if (!location.startsWith("file:")) {
            assertTrue(location.startsWith("https://"), "PRO_JWT_KEY_LOCATION is a PEM file or a JWKS URL");
            return;
        }
        String file = location.substring("file:".length());
        JsonNode mount = null;
        for (JsonNode m : container.path("volumeMounts")) {
            if (file.startsWith(m.path("mountPath").asText() + "/")) {
                mount = m;
            }
        }
        assertTrue(mount != null, "no volume is mounted where " + location + " points");
        JsonNode volume = volume(mount.path("name").asText());
        assertTrue(volume.has("configMap"), "the public key comes from a ConfigMap (it is not secret)");
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootFileSystem() {
        JsonNode pod = podSpec.path("securityContext");
        JsonNode own = container.path("securityContext");
        assertTrue(pod.path("runAsNonRoot").asBoolean() || own.path("runAsNonRoot").asBoolean(), "runAsNonRoot");
        JsonNode user = own.has("runAsUser") ? own.path("runAsUser") : pod.path("runAsUser");
        assertEquals(185, user.asInt(), "runAsUser is the image's numeric non-root user");
        assertTrue(own.path("readOnlyRootFilesystem").asBoolean(), "readOnlyRootFilesystem");
        assertFalse(own.path("allowPrivilegeEscalation").asBoolean(true), "allowPrivilegeEscalation");
        assertEquals("ALL", own.path("capabilities").path("drop").path(0).asText(), "capabilities drop ALL");
        assertEquals("RuntimeDefault", pod.path("seccompProfile").path("type").asText());
        assertFalse(podSpec.path("automountServiceAccountToken").asBoolean(true), "no service account token");
        JsonNode tmp = null;
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals("/tmp")) {
                tmp = m;
            }
        }
        assertTrue(tmp != null && volume(tmp.path("name").asText()).has("emptyDir"), "/tmp is a writable emptyDir");
    }

    @Test
    void deploymentKeepsAtLeastTwoReplicasServingWithBoundedResources() {
        assertTrue(deployment.path("spec").path("replicas").asInt() >= 2, "replicas >= 2");
        assertEquals(0, deployment.path("spec").path("strategy").path("rollingUpdate").path("maxUnavailable").asInt(-1));
        for (String bound : List.of("requests", "limits")) {
            JsonNode resources = container.path("resources").path(bound);
            assertTrue(resources.has("cpu") && resources.has("memory"), "resources." + bound + " cpu and memory");
        }
        assertTrue(podSpec.has("topologySpreadConstraints") || podSpec.path("affinity").has("podAntiAffinity"),
                "replicas are spread across nodes");
    }

    @Test
    void autoscalerAndDisruptionBudgetTargetTheDeployment() {
        JsonNode hpa = single("HorizontalPodAutoscaler", DEPLOYMENT).doc();
        assertEquals("autoscaling/v2", hpa.path("apiVersion").asText());
        JsonNode target = hpa.path("spec").path("scaleTargetRef");
        assertEquals("Deployment", target.path("kind").asText());
        assertEquals(DEPLOYMENT, target.path("name").asText());
        int min = hpa.path("spec").path("minReplicas").asInt();
        assertTrue(min >= 2 && hpa.path("spec").path("maxReplicas").asInt() >= min, "2 <= minReplicas <= max");
        assertTrue(container.path("resources").path("requests").has("cpu"), "CPU utilisation needs a CPU request");

        JsonNode pdb = single("PodDisruptionBudget", DEPLOYMENT).doc();
        assertTrue(pdb.path("spec").path("minAvailable").asInt() >= 1, "minAvailable >= 1");
        assertTrue(pdb.path("spec").path("minAvailable").asInt() < min, "a PDB must leave room to drain a node");
        assertSelects(pdb.path("spec").path("selector").path("matchLabels"), "PodDisruptionBudget");
    }

    @Test
    void gracefulShutdownFitsInTheTerminationGracePeriod() {
        JsonNode command = container.path("lifecycle").path("preStop").path("exec").path("command");
        assertEquals("sleep", command.path(0).asText(), "preStop sleeps while endpoints are removed");
        int preStop = command.path(1).asInt();
        int shutdown = effectiveValue("quarkus.shutdown.timeout", configMapData())
                .map(v -> (int) Duration.parse("PT" + (v.matches("\\d+") ? v + "S" : v)).toSeconds()).orElse(0);
        int grace = podSpec.path("terminationGracePeriodSeconds").asInt(30);
        assertTrue(preStop + shutdown < grace,
                "preStop " + preStop + " s + shutdown " + shutdown + " s must fit in " + grace + " s");
    }

    @Test
    void kustomizationAppliesEveryManifestOfK8sButNoExample() {
        Set<String> expected = new TreeSet<>();
        for (Path file : DeploymentFiles.manifestFiles()) {
            String name = file.getFileName().toString();
            if (!name.equals("kustomization.yaml")) {
                expected.add(name);
            }
        }
        assertEquals(expected, new TreeSet<>(kustomizationResources()));
    }

    @Test
    void servingPodsNeverReceiveTheOwnerRolesCredentials() {
        Set<String> names = new TreeSet<>(variablesSetByTheDeployment());
        assertEquals(Set.of(), names.stream().filter(n -> n.startsWith("PRO_DB_MIGRATION_"))
                .collect(java.util.stream.Collectors.toSet()), "the Deployment or its ConfigMap sets owner credentials");
        for (JsonNode ref : podSpec.findValues("secretKeyRef")) {
            assertEquals("pro-service-secrets", ref.path("name").asText(), "serving pods read only their own Secret");
        }
        assertFalse(podSpec.toString().contains(MIGRATION_SECRET), "the Deployment references " + MIGRATION_SECRET);
        assertEquals("external", envValue(container, "PRO_DB_MIGRATE"), "serving pods never run Flyway");
        assertFalse(configMapData().containsKey("PRO_DB_ALLOW_OWNER_ROLE"),
                "production keeps the refusal to serve as the owner role");
    }

    @Test
    void migrationsRunAsAJobOfTheirOwnWithTheOwnerSecret() {
        JsonNode job = single("Job", "pro-service-migrate").doc();
        assertEquals("batch/v1", job.path("apiVersion").asText());
        JsonNode spec = job.path("spec").path("template").path("spec");
        assertEquals("Never", spec.path("restartPolicy").asText());
        assertEquals(1, spec.path("containers").size(), "one container in the migration pod");
        JsonNode migrate = spec.path("containers").get(0);
        assertEquals(container.path("image").asText(), migrate.path("image").asText(), "the service's own image");
        assertEquals("only", envValue(migrate, "PRO_DB_MIGRATE"), "migrate, then exit without serving");

        Map<String, String> fromSecret = new HashMap<>();
        for (JsonNode env : migrate.path("env")) {
            JsonNode ref = env.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                fromSecret.put(env.path("name").asText(), ref.path("name").asText() + "/" + ref.path("key").asText());
            }
        }
        assertEquals(Map.of("PRO_DB_USER", "pro-service-secrets/PRO_DB_USER",
                "PRO_DB_MIGRATION_USER", MIGRATION_SECRET + "/PRO_DB_MIGRATION_USER",
                "PRO_DB_MIGRATION_PASSWORD", MIGRATION_SECRET + "/PRO_DB_MIGRATION_PASSWORD"), fromSecret,
                "the Job gets the owner's credentials and only the service role's name");
        Set<String> documented = new TreeSet<>();
        single("Secret", MIGRATION_SECRET).doc().path("stringData").fieldNames().forEachRemaining(documented::add);
        assertEquals(Set.of("PRO_DB_MIGRATION_USER", "PRO_DB_MIGRATION_PASSWORD"), documented,
                "k8s/examples/migration-secret.example.yaml documents the keys");
        assertEquals(List.of("pro-service-config"), values(migrate.findValues("configMapRef"), "name"));

        Set<String> read = DeploymentFiles.environmentVariablesReadByTheApplication();
        migrate.path("env").forEach(e -> assertTrue(read.contains(e.path("name").asText())
                || JVM_VARIABLES.contains(e.path("name").asText()), e.path("name") + " is not read by the application"));

        JsonNode own = migrate.path("securityContext");
        assertTrue(own.path("readOnlyRootFilesystem").asBoolean() && !own.path("allowPrivilegeEscalation")
                .asBoolean(true), "the migration container is locked down like the service's");
        assertFalse(spec.path("automountServiceAccountToken").asBoolean(true), "no service account token");

        JsonNode kustomization = DeploymentFiles.readYamlDocuments(DeploymentFiles.K8S.resolve("migrate/kustomization.yaml"))
                .get(0);
        assertEquals(List.of("job.yaml"), StreamSupport.stream(kustomization.path("resources").spliterator(), false)
                .map(JsonNode::asText).toList());
        JsonNode serving = DeploymentFiles.readYamlDocuments(DeploymentFiles.K8S.resolve("kustomization.yaml")).get(0);
        assertEquals(serving.path("images"), kustomization.path("images"),
                "the Job migrates with the image the Deployment then serves");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private JsonNode onlyContainer() {
        JsonNode containers = podSpec.path("containers");
        assertEquals(1, containers.size(), "one container in the pod");
        return containers.get(0);
    }

    private static String envValue(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText(null);
            }
        }
        return null;
    }

    private static String healthPath(String key, String defaultSegment) {
        Map<String, String> env = configMapData();
        String nonApplicationRoot = "/" + effectiveValue("quarkus.http.non-application-root-path", env)
                .orElse("q").replaceAll("^/|/$", "");
        String root = effectiveValue("quarkus.smallrye-health.root-path", env).orElse("health");
        String health = root.startsWith("/") ? root : nonApplicationRoot + "/" + root;
        String segment = effectiveValue(key, env).orElse(defaultSegment);
        return segment.startsWith("/") ? segment : health + "/" + segment;
    }

    /** quarkus.http.port as the deployed service resolves it: ${PRO_HTTP_PORT:8080} with the ConfigMap's env. */
    private int applicationHttpPort() {
        Map<String, String> env = new HashMap<>(configMapData());
        for (JsonNode e : container.path("env")) {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        }
        return Integer.parseInt(effectiveValue("quarkus.http.port", env).orElse("8080"));
    }

    private int containerPort(String name) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port.path("containerPort").asInt();
            }
        }
        return fail("no container port named '" + name + "'");
    }

    private JsonNode volume(String name) {
        for (JsonNode v : podSpec.path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        return fail("no volume named '" + name + "'");
    }

    private static Map<String, String> configMapData() {
        Map<String, String> data = new HashMap<>();
        single("ConfigMap", "pro-service-config").doc().path("data").fields()
                .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    private Set<String> variablesSetByTheDeployment() {
        Set<String> variables = new TreeSet<>(configMapData().keySet());
        container.path("env").forEach(e -> variables.add(e.path("name").asText()));
        assertEquals(List.of(), values(container.findValues("secretRef"), "name"),
                "envFrom a whole Secret hides which variables are set; use secretKeyRef");
        return variables;
    }

    private void assertSelects(JsonNode selector, String what) {
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        assertFalse(selector.isEmpty(), what + " selector is empty");
        selector.fields().forEachRemaining(e -> assertEquals(e.getValue().asText(),
                podLabels.path(e.getKey()).asText(), what + " selects label " + e.getKey() + " of the pods"));
        assertEquals(deployment.path("spec").path("selector").path("matchLabels"), selector,
                what + " selects the same pods as the Deployment");
    }

    private static List<String> kustomizationResources() {
        JsonNode kustomization = DeploymentFiles.readYamlDocuments(DeploymentFiles.K8S.resolve("kustomization.yaml"))
                .get(0);
        return StreamSupport.stream(kustomization.path("resources").spliterator(), false)
                .map(JsonNode::asText).toList();
    }

    private static List<String> values(List<JsonNode> nodes, String field) {
        return nodes.stream().map(n -> n.path(field).asText()).toList();
    }

    private static List<String> instructionArguments(String dockerfile, String instruction) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("(?im)^\\s*" + instruction + "\\s+(.+?)\\s*$").matcher(dockerfile);
        while (m.find()) {
            found.addAll(List.of(m.group(1).split("\\s+")));
        }
        return found;
    }

    private static String jibPluginSection() {
        String pom = DeploymentFiles.read(DeploymentFiles.POM);
        int start = pom.indexOf("<artifactId>jib-maven-plugin</artifactId>");
        assertTrue(start >= 0, "jib-maven-plugin is configured in pom.xml");
        return pom.substring(start, pom.indexOf("</plugin>", start));
    }
}
