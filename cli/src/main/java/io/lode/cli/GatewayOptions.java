package io.lode.cli;

import picocli.CommandLine.Option;

/** The gateway every online subcommand talks to. */
final class GatewayOptions {

    @Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080",
            description = "Gateway URL (env LODE_GATEWAY, config file gateway=; default http://127.0.0.1:8080).")
    String url;
}
