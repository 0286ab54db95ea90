package dev.northstar;

import dev.northstar.database.TestDatabases.Database;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Northstar running as a separate JVM on a given database, as in production, so that a test can kill it the hard way
 * ({@code kill -9}) and start it again. Its output goes to a file under {@code target/} for diagnosis. The child runs on
 * the test classpath, with the test database switched off ({@code northstar.test.fresh-database}) and no demo data.
 */
public final class NorthstarProcess implements AutoCloseable {

    /** What a process killed by SIGKILL (signal 9) exits with on Linux: 128 + 9. */
    public static final int KILLED_BY_SIGKILL = 137;

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread killAtExit;

    private NorthstarProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        // Should the test JVM end before the test does, the child must not outlive it.
        this.killAtExit = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killAtExit);
    }

    /**
     * Starts Northstar on the database with these extra properties, and waits until it answers its health check. Its
     * database sessions are named after its log file ({@link #sessionName}), so that a test can see them end.
     */
    public static NorthstarProcess start(Database database, Path log, List<String> properties) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // The quick compiler only: it starts in half the time, which matters more to a test than peak speed.
        command.addAll(List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of("-Dspring.datasource.url=" + database.url(), "-Dspring.datasource.username=" + database.user(),
                "-Dspring.datasource.password=" + database.password(), "-Dserver.port=" + port,
                // The test resources are on the classpath: their fresh database per context is for the test JVM only.
                "-Dnorthstar.test.fresh-database=false", "-Dnorthstar.demo.enabled=false",
                "-Dspring.datasource.hikari.data-source-properties.ApplicationName=" + sessionName(log)));
        properties.forEach(property -> command.add("-D" + property));
        command.add(NorthstarApplication.class.getName());
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        NorthstarProcess northstar = new NorthstarProcess(process, port, log);
        try {
            northstar.awaitHealthy();
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            northstar.close();
            throw e;
        }
        return northstar;
    }

    /** The {@code application_name} of the database sessions of the process that writes to this log. */
    public static String sessionName(Path log) {
        return "northstar " + log.getFileName().toString().replaceFirst("\\.log$", "");
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Kills the process with SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no graceful stop;
     * open transactions are left to the database to roll back. Answers the exit code.
     */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("Northstar (pid " + process.pid() + ") did not die of SIGKILL within a minute");
        }
        return process.exitValue();
    }

    /** The end of the process's output, for a failure message. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killAtExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("Northstar exited with " + process.exitValue() + " while starting; its output (" + log + "):\n" + logTail());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Northstar did not become healthy within " + START_TIMEOUT + "; its output (" + log + "):\n" + logTail());
            }
            Thread.sleep(250);
        }
    }

    /** A port nobody listens on now; the child binds it a moment later (a race that loses only to another process binding it). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
