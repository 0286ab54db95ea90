package dev.northstar.database;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;

/**
 * The one transaction manager, in place of Boot's, which steps back when one is declared. Boot's customizers of its
 * own manager (the {@code spring.transaction.*} settings, transaction execution listeners) do not apply to this one;
 * none is used.
 */
@Configuration(proxyBeanMethods = false)
class TransactionConfiguration {

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new IsolationInsideTransactions(dataSource);
    }
}
