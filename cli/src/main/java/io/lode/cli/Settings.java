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
