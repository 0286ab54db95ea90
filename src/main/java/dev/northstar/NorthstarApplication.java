package dev.northstar;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class) // people log in through access/internal
@ConfigurationPropertiesScan
public class NorthstarApplication {

    public static void main(String[] args) {
        SpringApplication.run(NorthstarApplication.class, args);
    }

    /** The one clock that domain code asks for the time, so that tests can set it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
