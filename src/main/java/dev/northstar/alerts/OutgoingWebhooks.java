package dev.northstar.alerts;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.SecretBox;
import dev.northstar.access.Viewer;
import dev.northstar.alerts.internal.DeliveryStore;
import dev.northstar.alerts.internal.DeliveryStore.Message;
import dev.northstar.alerts.internal.DeliveryStore.StoredWebhook;
import dev.northstar.alerts.internal.DeliveryWorker;
import dev.northstar.alerts.internal.PublicAddresses;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chat channels alerts post to (C11), set up by company admins: a name, the channel's incoming-webhook address and
 * a signing secret we make. Both the address and the secret are sealed ({@link SecretBox}); the secret is shown once.
 */
@Service
@Transactional
public class OutgoingWebhooks {

    private final DeliveryStore store;
    private final DeliveryWorker worker;
    private final SecretBox secrets;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final PublicAddresses addresses;
    private final SecureRandom random = new SecureRandom();

    OutgoingWebhooks(DeliveryStore store, DeliveryWorker worker, SecretBox secrets, AccessPolicy policy, OrganizationDirectory directory,
                     PublicAddresses addresses) {
        this.store = store;
        this.worker = worker;
        this.secrets = secrets;
        this.policy = policy;
        this.directory = directory;
        this.addresses = addresses;
    }

    /** What an admin asks for. */
    public record NewWebhook(String name, String url) {
    }

    @Transactional(readOnly = true)
    public List<OutgoingWebhook> list(Viewer viewer) {
        mayManage(viewer);
        Map<Long, Delivery> latest = store.latestPerWebhook(viewer.companyId());
        return store.webhooks(viewer.companyId()).stream().map(w -> view(viewer, w, latest.get(w.id()))).toList();
    }

    /** The names alerts may post to, for the rule form: anyone who may route alerts there reads them. */
    @Transactional(readOnly = true)
    public Map<Long, String> names(Viewer viewer) {
        if (!policy.postAlerts(viewer).allowed()) {
            return Map.of();
        }
        Map<Long, String> names = new LinkedHashMap<>();
        store.webhooks(viewer.companyId()).forEach(w -> names.put(w.id(), w.name()));
        return names;
    }

    public OutgoingWebhook.Created create(Viewer viewer, NewWebhook asked) {
        mayManage(viewer);
        String name = asked.name() == null ? "" : asked.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new InvalidInputException("name", "is required, at most 100 characters");
        }
        URI url = checked(asked.url());
        addresses.check(url);
        String secret = HexFormat.of().formatHex(randomBytes());
        long id;
        try {
            id = store.insertWebhook(viewer.companyId(), name, secrets.seal(url.toString()), shown(url), secrets.seal(secret), viewer.personId());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The company already has a webhook named " + name + ": choose another name, or remove that one first");
        }
        return new OutgoingWebhook.Created(view(viewer, store.webhook(viewer.companyId(), id).orElseThrow(), null), secret);
    }

    public void delete(Viewer viewer, long id) {
        find(viewer, id);
        store.deleteWebhook(viewer.companyId(), id);
    }

    /** Posts a test message now and answers how it went (also kept in the delivery log, and retried like any other). */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Delivery test(Viewer viewer, long id) {
        StoredWebhook webhook = find(viewer, id);
        long delivery = worker.postNow(viewer.companyId(), webhook.id(), webhook.name(), new Message("test", "Test from Northstar",
                viewer.displayName() + " sent this test to check that alerts reach " + webhook.name() + ".", null, "/alerts"));
        return store.delivery(viewer.companyId(), delivery).orElseThrow();
    }

    private StoredWebhook find(Viewer viewer, long id) {
        mayManage(viewer);
        return store.webhook(viewer.companyId(), id).orElseThrow(() -> new NotFoundException("Webhook", id));
    }

    private void mayManage(Viewer viewer) {
        policy.companyData(viewer, "set up the chat channels alerts post to").orRefuse();
    }

    private OutgoingWebhook view(Viewer viewer, StoredWebhook webhook, Delivery latest) {
        String maker = directory.person(viewer.companyId(), webhook.createdBy()).map(OrganizationDirectory.PersonRef::name).orElse("someone who left");
        return new OutgoingWebhook(webhook.id(), webhook.name(), webhook.urlShown(), maker, webhook.createdAt(), latest);
    }

    /** An absolute http(s) address with a host and no login in it. */
    private static URI checked(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("url", "is required: the channel's incoming-webhook address");
        }
        try {
            URI uri = new URI(url.strip());
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidInputException("url", "must be an http or https address with a host, such as https://hooks.slack.com/services/...");
            }
            if (uri.getUserInfo() != null) {
                throw new InvalidInputException("url", "must not carry a user name or password");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "is not an address: " + e.getReason());
        }
    }

    /** The address as shown from now on: scheme, host and port, the rest hidden (for Slack, the path is the secret). */
    private static String shown(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() || "/".equals(url.getRawPath()) ? "/" : "/…";
        return url.getScheme().toLowerCase() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort()) + path;
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }
}
