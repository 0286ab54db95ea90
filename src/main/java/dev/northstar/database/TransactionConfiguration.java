package dev.northstar.database;

import dev.northstar.shared.CurrentActor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * The one transaction manager, in place of Boot's, which steps back when one is declared. Boot's customizers of its
 * own manager (the {@code spring.transaction.*} settings, transaction execution listeners) do not apply to this one;
 * none is used.
 */
@Configuration(proxyBeanMethods = false)
class TransactionConfiguration {

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, ObjectProvider<CurrentActor> actor) {
        CurrentActor nobody = Optional::empty; // no access module in a slice of the application
        return new IsolationInsideTransactions(dataSource, () -> actor.getIfAvailable(() -> nobody).personId());
    }
}
