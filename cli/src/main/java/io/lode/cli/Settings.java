package io.lode.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where the command line's settings come from, first found wins: the flag, the environment ({@code LODE_GATEWAY},
 * {@code LODE_API_KEY}, {@code LODE_BOOTSTRAP_SERVERS}, {@code LODE_KAFKA_CONFIG}, {@code LODE_AUDITOR_TOKEN}), the
 * config file ({@code $LODE_CONFIG}, else {@code ~/.config/lode/config.properties}: {@code gateway=},
 * {@code api-key=}, {@code bootstrap-servers=}, {@code kafka-config=}, {@code auditor-token=}), the
 * built-in default. Only these settings: a file that named {@code --key} or {@code --out} would act behind the
 * user's back.
 */
final class Settings implements CommandLine.IDefaultValueProvider {

    static final Set<String> NAMES = Set.of("gateway", "api-key", "bootstrap-servers", "kafka-config", "auditor-token");

    private final Map<String, String> environment;
    private final Path file;
    private Properties fromFile;

    Settings(Map<String, String> environment, Path file) {
        this.environment = environment;
        this.file = file;
    }

    /** The settings of this process: its environment and its config file. */
    static Settings ofProcess() {
        String configured = System.getenv("LODE_CONFIG");
        Path file = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".config", "lode", "config.properties");
        return new Settings(System.getenv(), file);
    }

    static String environmentName(String setting) {
        return "LODE_" + setting.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName().replaceFirst("^-+", "");
        if (!NAMES.contains(name)) {
            return null;
        }
        String fromEnvironment = environment.get(environmentName(name));
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        return file().getProperty(name); // null: the option's own default
    }

    /** The config file this command line reads (and {@code account create --save} writes). */
    Path path() {
        return file;
    }

    /**
     * Why the config file is unsafe, if it is: it holds a secret (an API key, the auditor's token) yet others on this
     * machine may read it.
     */
    java.util.Optional<String> warning() {
        Properties settings = file();
        if (!settings.containsKey("api-key") && !settings.containsKey("auditor-token")) {
            return java.util.Optional.empty();
        }
        try {
            Set<java.nio.file.attribute.PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
                return java.util.Optional.of(file + " holds a secret and others may read it: chmod 600 " + file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            return java.util.Optional.empty(); // not a POSIX file system: nothing to say
        }
        return java.util.Optional.empty();
    }

    /**
     * Sets {@code name} in the config file, keeping its other settings; the file is written readable by its owner
     * only (0600), its directory created if need be.
     */
    void save(String name, String value) throws IOException {
        Properties settings = new Properties();
        settings.putAll(file());
        settings.setProperty(name, value);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path written = Files.createTempFile(file.toAbsolutePath().getParent(), ".config", ".tmp",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        try (java.io.Writer writer = Files.newBufferedWriter(written)) {
            settings.store(writer, "lode command line settings (keep private: it holds an API key)");
        }
        Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        fromFile = settings;
    }

    private Properties file() {
        if (fromFile == null) {
            fromFile = new Properties();
            if (Files.isRegularFile(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    fromFile.load(reader);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the config file " + file, e);
                }
            }
        }
        return fromFile;
    }
}
