package dev.northstar.ingest.demo;

import dev.northstar.ingest.PipelineStages;
import dev.northstar.organization.Company;
import dev.northstar.organization.DemoOrganization;
import dev.northstar.organization.Person;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * Demo histories for companies built by {@link DemoOrganization}: reads what the generator needs (people in teams,
 * currency, time zone, pipeline, the clock's now), generates and writes. Benchmarks use {@link #input} with a larger
 * activity scale and stream the records themselves.
 */
@Service
public class DemoHistories {

    private final DemoOrganization organization;
    private final PipelineStages pipeline;
    private final DemoHistoryWriter writer;
    private final Clock clock;

    DemoHistories(DemoOrganization organization, PipelineStages pipeline, DemoHistoryWriter writer, Clock clock) {
        this.organization = organization;
        this.pipeline = pipeline;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * The generator's input for a company, ending now. People in no team today (admins, managers) do no sales work
     * here and get no activities. Writes the default pipeline stages when the company has none.
     */
    @Transactional
    public HistoryInput input(long companyId, long seed, double activityScale) {
        Company company = organization.company(companyId);
        List<HistoryPerson> people = organization.people(companyId).stream()
                .filter(p -> p.active() && p.teamId() != null)
                .map(DemoHistories::person)
                .toList();
        return new HistoryInput(people, pipeline.stages(companyId).stream().map(Stage::of).toList(), company.currency(), ZoneId.of(company.timeZone()),
                clock.instant(), seed, activityScale);
    }

    /** Generates about a year of history for the company and stores it. */
    @Transactional
    public DemoHistoryWriter.Written generateAndWrite(long companyId, long seed, double activityScale) {
        return writer.write(companyId, DemoHistory.of(input(companyId, seed, activityScale)));
    }

    private static HistoryPerson person(Person p) {
        return new HistoryPerson(p.id(), p.email(), p.teamName(), p.departmentName());
    }
}
