package io.saaskit.example;

import java.time.Duration;
import java.util.concurrent.Executor;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;

/**
 * The organization names {@code GET /data} answers with, so that a metered call does not read its organization
 * from the database each time. A busy organization's name is read again in the background once it is
 * {@link #REFRESH_AFTER} old, while callers keep getting the name they had: the connections of a busy key never
 * all miss together and queue for the connection pool. A name is never served once {@link #MAX_AGE} old (a rename
 * shows within that time), and at most {@link #MAX_ORGANIZATIONS} names are kept.
 */
final class OrganizationNames {

    /** Age at which a name that is being asked for is read again in the background. */
    static final Duration REFRESH_AFTER = Duration.ofSeconds(15);

    /** Age after which a name is read again before answering. */
    static final Duration MAX_AGE = Duration.ofSeconds(30);

    /** How many organizations' names are kept. */
    static final long MAX_ORGANIZATIONS = 10_000;

    private final LoadingCache<OrgId, String> names;

    /**
     * Creates the cache.
     * @param organizations where names are read
     * @param ticker the time source of the names' ages
     * @param executor where background reads run
     */
    OrganizationNames(OrganizationRepository organizations, Ticker ticker, Executor executor) {
        this.names = Caffeine.newBuilder().refreshAfterWrite(REFRESH_AFTER).expireAfterWrite(MAX_AGE)
                .maximumSize(MAX_ORGANIZATIONS).ticker(ticker).executor(executor)
                .build((orgId) -> organizations.findById(orgId).map(Organization::name).orElse(null));
    }

    /**
     * The organization's name.
     * @param orgId the organization
     * @return its name, at most {@link #MAX_AGE} old
     * @throws NotFoundException when the organization does not exist
     */
    String of(OrgId orgId) {
        String name = this.names.get(orgId);
        if (name == null) {
            throw new NotFoundException("Organization not found");
        }
        return name;
    }
}
