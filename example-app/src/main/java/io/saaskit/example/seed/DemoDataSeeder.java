package io.saaskit.example.seed;

import java.time.Clock;
import java.util.Map;

import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.EmailAlreadyRegisteredException;
import io.saaskit.core.identity.User;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.identity.port.PasswordHasher;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.MembershipService;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the demo account of the quick start: {@code owner@example.com} / {@code password123}, owner of the
 * organization "Acme Inc" on the default (free) plan.
 *
 * <p>It goes through the core ports and services, so the rows are exactly what registration would write, with one
 * deliberate difference: the well-known demo password does not meet the registration password policy, so it is
 * hashed directly instead of going through sign-up. That is why seeding is an explicit step (the {@code seed}
 * command or {@code SAASKIT_SEED_DEMO_DATA=true}) and is refused in production. Seeding is idempotent: when the user
 * already exists nothing is written, even if two instances seed at once.
 */
public final class DemoDataSeeder {

    /** The demo user's email. */
    public static final String EMAIL = "owner@example.com";

    /** The demo user's password, documented in the README; never acceptable outside development. */
    public static final String PASSWORD = "password123";

    /** The demo organization's name. */
    public static final String ORGANIZATION = "Acme Inc";

    private static final Logger logger = LoggerFactory.getLogger(DemoDataSeeder.class);

    private final UserRepository users;

    private final PasswordHasher passwordHasher;

    private final MembershipService memberships;

    private final AuditSink audit;

    private final TransactionRunner transactions;

    private final Clock clock;

    public DemoDataSeeder(UserRepository users, PasswordHasher passwordHasher, MembershipService memberships,
            AuditSink audit, TransactionRunner transactions, Clock clock) {
        this.users = users;
        this.passwordHasher = passwordHasher;
        this.memberships = memberships;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Creates the demo user and organization unless the user already exists.
     * @return true when something was created, false when the demo user was already there
     */
    public boolean seed() {
        EmailAddress email = new EmailAddress(EMAIL);
        if (this.users.findByEmail(email).isPresent()) {
            logger.info("Demo data already present ({} exists); nothing seeded", EMAIL);
            return false;
        }
        String hash = this.passwordHasher.hash(PASSWORD);
        boolean created;
        try {
            created = this.transactions.inTransaction(() -> {
                if (this.users.findByEmail(email).isPresent()) {
                    return false;
                }
                User user = User.create(new UserId(Ids.next(this.clock)), email, hash, this.clock.instant());
                this.users.insert(user);
                OrgId orgId = this.memberships.foundValidated(user.id(), ORGANIZATION).organization().id();
                this.audit.record(orgId, AuditEntry.of(orgId, Actor.SYSTEM, "seed.create", "organization",
                        orgId.toString(), Map.of("email", EMAIL), RequestContext.NONE, this.clock.instant()));
                return true;
            });
        }
        catch (EmailAlreadyRegisteredException ex) {
            created = false;
        }
        if (created) {
            logger.info("Seeded demo data: {} is OWNER of \"{}\"", EMAIL, ORGANIZATION);
        }
        else {
            logger.info("Demo data already present ({} exists); nothing seeded", EMAIL);
        }
        return created;
    }
}
