package dev.northstar.analytics.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The rollup worker runs in the background: after a write commits (async) and in a periodic sweep (scheduled). A
 * plain fixed delay for now; with several instances the advisory lock keeps them off each other's companies, and the
 * persistent scheduler (db-scheduler) takes over when connectors bring it.
 */
@Configuration
@EnableAsync
@EnableScheduling
class RollupScheduling {
}
