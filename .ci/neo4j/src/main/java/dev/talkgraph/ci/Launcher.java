/*
 * Launcher: a real, throwaway Neo4j 5.26 Community server for talkgraph's tests,
 * without Docker. It runs Neo4j in-process through org.neo4j.test:neo4j-harness
 * and is started/stopped by .ci/neo4j.sh (used by .ci/run and by developers).
 *
 *   java -cp 'target/classes:target/lib/*' dev.talkgraph.ci.Launcher [--ignore-stdin] [PARENT_DIR]
 *
 * - Bolt only, on 127.0.0.1:$NEO4J_BOLT_PORT (default 7687; 0 picks a free port),
 *   no encryption, no auth. HTTP/HTTPS are off.
 * - Data lives in a fresh temporary directory (under PARENT_DIR if given, else
 *   the system temp dir) that is deleted when the server stops.
 * - Prints "neo4j ready bolt://127.0.0.1:PORT" once Bolt accepts connections,
 *   then runs until stdin reaches EOF (so a parent process dying takes it down)
 *   or, with --ignore-stdin, until SIGTERM/SIGINT. Either way a shutdown hook
 *   closes Neo4j cleanly and removes the data.
 */
package dev.talkgraph.ci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

public final class Launcher {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        boolean ignoreStdin = false;
        Path parent = null;
        for (String arg : args) {
            if (arg.equals("--ignore-stdin")) {
                ignoreStdin = true;
            } else if (parent == null && !arg.startsWith("-")) {
                parent = Path.of(arg);
            } else {
                System.err.println("usage: Launcher [--ignore-stdin] [PARENT_DIR]");
                System.exit(2);
            }
        }
        int boltPort = intEnv("NEO4J_BOLT_PORT", 7687);

        Path dataDir;
        if (parent != null) {
            Files.createDirectories(parent);
            dataDir = Files.createTempDirectory(parent, "talkgraph-neo4j-");
        } else {
            dataDir = Files.createTempDirectory("talkgraph-neo4j-");
        }

        Neo4j neo4j;
        try {
            neo4j = Neo4jBuilders.newInProcessBuilder(dataDir)
                    .withDisabledServer() // no HTTP server: Bolt is all the tests use
                    .withConfig(HttpConnector.enabled, false)
                    .withConfig(HttpsConnector.enabled, false)
                    .withConfig(BoltConnector.enabled, true)
                    .withConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                    .withConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                    .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .withConfig(GraphDatabaseSettings.auth_enabled, false)
                    .withConfig(GraphDatabaseSettings.udc_enabled, false) // never phone home
                    .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                    // Throwaway data: no need to preallocate 256 MiB transaction logs.
                    .withConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .withConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                    // Bolt's Netty event loops otherwise wait a 2 s quiet period each
                    // on shutdown (about 6 s per stop).
                    .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .build();
        } catch (Throwable t) {
            System.err.println("neo4j failed to start: " + t);
            t.printStackTrace();
            deleteTree(dataDir);
            System.exit(1);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j stopping");
            try {
                neo4j.close();
            } catch (Throwable t) {
                System.err.println("neo4j close failed: " + t);
            }
            deleteTree(dataDir);
            System.out.println("neo4j stopped");
            System.out.flush();
        }, "neo4j-shutdown"));

        System.out.println("neo4j data " + dataDir);
        System.out.println("neo4j ready bolt://" + HOST + ":" + neo4j.boltURI().getPort());
        System.out.flush();

        if (ignoreStdin) {
            Thread.currentThread().join(); // until SIGTERM/SIGINT runs the shutdown hook
        }
        InputStream in = System.in;
        byte[] buf = new byte[256];
        while (in.read(buf) >= 0) {
            // discard input; EOF means our parent is gone or wants us to stop
        }
        System.exit(0);
    }

    private static int intEnv(String name, int def) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            System.err.println(name + " is not a port number: " + v);
            System.exit(2);
            return def;
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    System.err.println("could not delete " + p + ": " + e);
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
