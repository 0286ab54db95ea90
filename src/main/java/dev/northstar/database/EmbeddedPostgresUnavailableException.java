package dev.northstar.database;

/** Says what failed and how to run Northstar on an existing PostgreSQL server instead. */
public class EmbeddedPostgresUnavailableException extends RuntimeException {

    EmbeddedPostgresUnavailableException(Throwable cause) {
        super("""
                Northstar could not start its embedded PostgreSQL: %s
                To use an existing PostgreSQL server (15 or newer) instead, set
                  NORTHSTAR_DB_URL=jdbc:postgresql://HOST:5432/DATABASE
                  NORTHSTAR_DB_USER=USER
                  NORTHSTAR_DB_PASSWORD=PASSWORD
                and start Northstar again.""".formatted(cause.getMessage()), cause);
    }
}
