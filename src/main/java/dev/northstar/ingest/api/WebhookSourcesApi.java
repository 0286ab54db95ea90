package dev.northstar.ingest.api;

import dev.northstar.access.Viewer;
import dev.northstar.ingest.webhooks.WebhookSources;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.List;

/** Company admins set up the sources that may push records through webhooks. */
@RestController
@RequestMapping(path = "/api/v1/webhook-sources", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Webhooks")
class WebhookSourcesApi {

    private final WebhookSources sources;

    WebhookSourcesApi(WebhookSources sources) {
        this.sources = sources;
    }

    record SourceRequest(String name) {
    }

    record CreatedSource(String name, String url, String secret) {
    }

    record Source(String name, String url, String createdBy, Instant createdAt, Instant lastUsedAt) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a webhook source (company admins); the secret is in this answer only", description = "The name "
            + "becomes what you give plus a random suffix ('hubspot' becomes e.g. 'hubspot-7f3a9c'): it is the webhook's URL and the "
            + "source of the records it sends. Requests to the URL are signed with the secret and act as you.")
    CreatedSource create(Viewer viewer, @RequestBody SourceRequest request) {
        var created = sources.create(viewer, request.name());
        return new CreatedSource(created.name(), url(created.name()), created.secret());
    }

    @GetMapping
    @Operation(summary = "The company's webhook sources (company admins; never their secrets)")
    List<Source> list(Viewer viewer) {
        return sources.sources(viewer).stream()
                .map(s -> new Source(s.name(), url(s.name()), s.createdBy(), s.createdAt(), s.lastUsedAt())).toList();
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a webhook source (company admins): its URL stops working at once")
    void delete(Viewer viewer, @PathVariable String name) {
        sources.delete(viewer, name);
    }

    static String url(String name) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(WebhookSources.path(name)).toUriString();
    }
}
