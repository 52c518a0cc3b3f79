package dev.schemagate.live.scratch;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.schemagate.live.LiveException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * A MongoDB server for {@code schemagate verify}: a private {@code mongod} (from {@code SCHEMAGATE_MONGOD}, else
 * the PATH) with a temporary data directory on 127.0.0.1 and a free port; where no {@code mongod} is installed,
 * the in-process Java server mongo-java-server (memory backend), whose gaps {@link #limitations()} names. Each
 * {@link #freshDatabase()} is a new, empty database on the server.
 */
public final class MongoScratch implements AutoCloseable {
    private final MongoServer inProcess;
    private final Process process;
    private final Path dir;
    private final MongoClient client;
    private final String version;
    private final AtomicInteger counter = new AtomicInteger();

    private MongoScratch(MongoServer inProcess, Process process, Path dir, MongoClient client) {
        this.inProcess = inProcess;
        this.process = process;
        this.dir = dir;
        this.client = client;
        this.version = client.getDatabase("admin").runCommand(new Document("buildInfo", 1)).getString("version");
    }

    /** The mongod to use, or null: {@code SCHEMAGATE_MONGOD} when set, else {@code mongod} on the PATH. */
    public static Path mongod() {
        String env = System.getenv("SCHEMAGATE_MONGOD");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isExecutable(p) ? p : null;
        }
        return MariadbServer.find("mongod");
    }

    /** A real mongod when one is installed, else the in-process server. */
    public static MongoScratch start() throws LiveException {
        Path m = mongod();
        return m != null ? startMongod(m) : startInProcess();
    }

    public static MongoScratch startInProcess() throws LiveException {
        MongoServer server = new MongoServer(new MemoryBackend());
        try {
            server.bind("127.0.0.1", 0);
            InetSocketAddress a = server.getLocalAddress();
            MongoClient c = MongoClients.create("mongodb://127.0.0.1:" + a.getPort() + "/?retryWrites=false");
            return new MongoScratch(server, null, null, c);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw new LiveException("cannot start the in-process MongoDB server: " + e.getMessage());
        }
    }

    static MongoScratch startMongod(Path mongod) throws LiveException {
        Path dir;
        try {
            dir = Files.createTempDirectory("schemagate-mongod");
            Files.createDirectories(dir.resolve("data"));
        } catch (IOException e) {
            throw new LiveException("cannot create a temporary directory for mongod: " + e.getMessage());
        }
        Process p = null;
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            p = new ProcessBuilder(List.of(mongod.toString(), "--dbpath", dir.resolve("data").toString(), "--port",
                    String.valueOf(port), "--bind_ip", "127.0.0.1", "--nounixsocket", "--quiet"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mongod.log").toFile()).start();
            MongoClient c = MongoClients.create("mongodb://127.0.0.1:" + port
                    + "/?retryWrites=false&serverSelectionTimeoutMS=30000");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                if (!p.isAlive()) {
                    c.close();
                    throw new LiveException("cannot start mongod: it stopped: " + MariadbServer.tail(dir.resolve("mongod.log")));
                }
                try {
                    c.getDatabase("admin").runCommand(new Document("ping", 1));
                    return new MongoScratch(null, p, dir, c);
                } catch (MongoException e) {
                    if (System.nanoTime() > deadline) {
                        c.close();
                        throw new LiveException("cannot start mongod: no answer within 30 s: " + MariadbServer.tail(dir.resolve("mongod.log")));
                    }
                }
            }
        } catch (IOException e) {
            MariadbServer.stop(p, dir);
            throw new LiveException("cannot start mongod: " + e.getMessage());
        } catch (LiveException e) {
            MariadbServer.stop(p, dir);
            throw e;
        }
    }

    public boolean isInProcess() {
        return inProcess != null;
    }

    public String version() {
        return version;
    }

    public String describe() {
        return inProcess != null ? "in-process MongoDB substitute (mongo-java-server, reports version " + version + ")"
                : "MongoDB " + version + " (private mongod)";
    }

    public String limitations() {
        if (inProcess != null) {
            return "mongo-java-server is not MongoDB: collection options are not kept (listCollections shows no "
                    + "validator, validation level or capped size, so a validator change is never proven) and "
                    + "validators are never enforced (a document that breaks $jsonSchema is inserted), collMod (validator changes, hiding indexes) is not implemented (such "
                    + "changes are reported as not run), aggregation-pipeline updates fail, no storage engine (sizes, "
                    + "index build locks and yields are not real), no replica set or shards";
        }
        return "a fresh single-node server: no replica set (majority write concern, oplog size and secondaries' index "
                + "builds are not shown), no shards, no concurrent traffic";
    }

    /** A new, empty database SchemaGate may write to. */
    public MongoDatabase freshDatabase() {
        return client.getDatabase("sg_verify_" + counter.incrementAndGet());
    }

    public MongoDatabase admin() {
        return client.getDatabase("admin");
    }

    /** The connection string of this server (for tests). */
    public String url(String database) {
        return "mongodb://" + client.getClusterDescription().getServerDescriptions().get(0).getAddress() + "/" + database;
    }

    @Override
    public void close() {
        client.close();
        if (inProcess != null) {
            inProcess.shutdownNow();
        }
        if (process != null) {
            MariadbServer.stop(process, dir);
        }
    }
}
