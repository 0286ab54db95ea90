/**
 * Where the data lives: an existing PostgreSQL server named by {@code NORTHSTAR_DB_URL}, or, with no
 * settings at all, a PostgreSQL server that the JVM starts itself from binaries packaged as jars.
 * It fills in {@code spring.datasource.*} before the application context starts, and declares the transaction manager
 * ({@link dev.northstar.database.IsolationInsideTransactions}: isolation levels set inside the transaction).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database", allowedDependencies = "shared")
package dev.northstar.database;
