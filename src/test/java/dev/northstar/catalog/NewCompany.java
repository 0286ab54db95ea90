package dev.northstar.catalog;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.concurrent.atomic.AtomicInteger;

/** A company of a test's own with one admin, so that the test can count exactly what the company holds. */
final class NewCompany {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private NewCompany() {
    }

    /** The new company's admin. */
    static Viewer admin(JdbcClient jdbc, OrganizationDirectory directory) {
        String name = "catalog" + COUNT.incrementAndGet() + "x" + System.nanoTime();
        long company = jdbc.sql("insert into company (name, time_zone) values (?, 'Europe/Oslo') returning id").param(name)
                .query(Long.class).single();
        long admin = jdbc.sql("insert into person (company_id, email, display_name) values (?, ?, ?) returning id")
                .params(company, "admin@" + name + ".test", "Admin of " + name).query(Long.class).single();
        jdbc.sql("insert into company_admin (company_id, person_id) values (?, ?)").params(company, admin).update();
        return directory.viewer(company, admin).orElseThrow();
    }

    /** Someone in the company who is not an admin. */
    static Viewer member(JdbcClient jdbc, OrganizationDirectory directory, Viewer admin) {
        long person = jdbc.sql("insert into person (company_id, email, display_name) values (?, ?, ?) returning id")
                .params(admin.companyId(), "member." + admin.email(), "Member").query(Long.class).single();
        return directory.viewer(admin.companyId(), person).orElseThrow();
    }
}
