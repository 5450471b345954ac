package io.lode.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.lode.agents.a2a.A2aAgentServer;
import io.lode.agents.arithmetic.ArithmeticSolver;
import io.lode.identity.AgentId;
import io.lode.identity.AgentKeys;
import io.lode.identity.KeyFile;

/**
 * Runs an example agent: {@code java -jar lode-agents.jar arithmetic --port 8190 --key-file arithmetic.key}.
 * Creates the key file if it is missing, prints {@code READY <port> <agentId>} once it serves, and runs until
 * stopped.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || !args[0].equals("arithmetic")) {
            System.err.println("usage: lode-agents arithmetic [--host 127.0.0.1] [--port N] --key-file FILE");
            System.exit(2);
        }
        String host = option(args, "--host", "127.0.0.1");
        int port = Integer.parseInt(option(args, "--port", "0"));
        Path keyFile = Path.of(option(args, "--key-file", "arithmetic-agent.key"));
        if (!Files.exists(keyFile)) {
            KeyFile.write(keyFile, AgentKeys.generate());
        }
        KeyPair keys = KeyFile.read(keyFile);
        A2aAgentServer.Description description = new A2aAgentServer.Description("arithmetic-solver",
                "Solves arithmetic exactly", AgentKeys.encodePublic(keys.getPublic()), List.of(ArithmeticSolver.SKILL));
        A2aAgentServer server = new A2aAgentServer(host, port, description, new ArithmeticSolver()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("READY " + server.port() + " " + AgentId.of(keys.getPublic()));
        System.out.flush();
        stopped.await();
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
