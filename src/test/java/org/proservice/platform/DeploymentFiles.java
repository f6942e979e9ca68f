package org.proservice.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads what the deployment is made of, straight from the repository: the manifests in {@code k8s/}, the
 * application's {@code application.properties}, {@code Dockerfile.jvm} and the pom. No Quarkus boot.
 */
final class DeploymentFiles {

    static final Path K8S = Path.of("k8s");
    static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");
    static final Path DOCKERFILE_JVM = Path.of("src/main/docker/Dockerfile.jvm");
    static final Path POM = Path.of("pom.xml");

    /** ${NAME} or ${NAME:default}; NAME in upper case is an environment variable. */
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DeploymentFiles() {
    }

    /** One document of a manifest file. */
    record Manifest(Path file, JsonNode doc) {
        String kind() {
            return doc.path("kind").asText();
        }

        String name() {
            return doc.path("metadata").path("name").asText();
        }
    }

    /** The manifests kustomization.yaml may apply: the YAML files directly in k8s/. */
    static List<Path> manifestFiles() {
        try (Stream<Path> files = Files.list(K8S)) {
            return files.filter(DeploymentFiles::isYaml).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML file under k8s/, examples included. */
    static List<Path> allManifestFiles() {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(DeploymentFiles::isYaml).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isYaml(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().endsWith(".yaml");
    }

    static List<Manifest> manifests() {
        List<Manifest> all = new ArrayList<>();
        for (Path file : allManifestFiles()) {
            for (JsonNode doc : readYamlDocuments(file)) {
                if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
                    all.add(new Manifest(file, doc));
                }
            }
        }
        return all;
    }

    static List<JsonNode> readYamlDocuments(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return YAML.readerFor(JsonNode.class).<JsonNode>readValues(reader).readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<Manifest> ofKind(String kind) {
        return manifests().stream().filter(m -> m.kind().equals(kind)).toList();
    }

    static Manifest single(String kind, String name) {
        List<Manifest> found = ofKind(kind).stream().filter(m -> m.name().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + kind + " named " + name + " in k8s/, found "
                    + found.size());
        }
        return found.get(0);
    }

    static Properties applicationProperties() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(APPLICATION_PROPERTIES)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Every environment variable application.properties reads, in any profile. */
    static Set<String> environmentVariablesReadByTheApplication() {
        Set<String> variables = new TreeSet<>();
        Properties properties = applicationProperties();
        for (String key : properties.stringPropertyNames()) {
            Matcher m = ENV_REFERENCE.matcher(properties.getProperty(key));
            while (m.find()) {
                variables.add(m.group(1));
            }
        }
        return variables;
    }

    /** Environment variables the production profile reads without a default: the service cannot start without. */
    static Set<String> environmentVariablesRequiredInProduction() {
        Set<String> required = new TreeSet<>();
        Properties properties = applicationProperties();
        for (String key : properties.stringPropertyNames()) {
            boolean prod = !key.startsWith("%") || key.startsWith("%prod.");
            String unprofiled = key.startsWith("%prod.") ? key.substring("%prod.".length()) : key;
            boolean overriddenForProd = !key.startsWith("%") && properties.containsKey("%prod." + unprofiled);
            if (!prod || overriddenForProd) {
                continue;
            }
            Matcher m = ENV_REFERENCE.matcher(properties.getProperty(key));
            while (m.find()) {
                if (m.group(2) == null) {
                    required.add(m.group(1));
                }
            }
        }
        return required;
    }

    /**
     * The value the running service would see for a key of application.properties (prod profile): the
     * {@code %prod.} key wins over the plain key; ${ENV:default} takes the environment given, else the default.
     */
    static Optional<String> effectiveValue(String key, Map<String, String> environment) {
        Properties properties = applicationProperties();
        String raw = properties.getProperty("%prod." + key, properties.getProperty(key));
        if (raw == null) {
            return Optional.empty();
        }
        Matcher m = ENV_REFERENCE.matcher(raw);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String value = environment.getOrDefault(m.group(1), m.group(2));
            if (value == null) {
                throw new AssertionError(key + " needs environment variable " + m.group(1) + ", which is not set");
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        m.appendTail(resolved);
        return Optional.of(resolved.toString());
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
