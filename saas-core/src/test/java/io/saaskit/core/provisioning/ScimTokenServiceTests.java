package io.saaskit.core.provisioning;

import java.time.Duration;
import java.util.UUID;

import io.saaskit.core.apikey.ApiKeyHasher;
import io.saaskit.core.apikey.ApiKeySettings;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Role;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemoryScimTokenRepository;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.shared.BadRequestException;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.UnauthorizedException;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScimTokenServiceTests {

    private static final String PEPPER = "scim-test-pepper-0123456789abcdef";

    private static final String SHARED = "shared-token-0123456789";

    private final MutableClock clock = new MutableClock();

    private final InMemoryScimTokenRepository tokens = new InMemoryScimTokenRepository();

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    private final InMemoryAuditSink audit = new InMemoryAuditSink();

    private Organization org;

    private OrgAccess owner;

    @BeforeEach
    void organizationWithOwner() {
        this.org = Fixtures.organization(this.clock);
        this.organizations.insert(this.org);
        this.owner = access(this.org, Role.OWNER);
    }

    @Test
    void createdTokenHasTheFormatIsStoredAsTheApiKeyHmacAndAuthenticates() {
        ScimTokenService service = service(null, null);

        CreatedScimToken created = service.create(this.owner, "  okta  ", RequestContext.NONE);

        assertThat(created.secret()).matches("^scim_[0-9A-Za-z]{40}$");
        assertThat(created.token().name()).isEqualTo("okta");
        assertThat(created.token().prefix()).isEqualTo(created.secret().substring(0, 12));
        assertThat(created.token().tokenHash()).isEqualTo(new ApiKeyHasher(PEPPER, null).hash(created.secret()))
                .doesNotContain(created.secret());
        assertThat(created.toString()).doesNotContain(created.secret());
        assertThat(this.audit.entries(this.org.id())).extracting((entry) -> entry.action())
                .containsExactly(ScimTokenService.CREATE_ACTION);
        ScimCaller caller = service.authenticate(created.secret(), null);
        assertThat(caller.orgId()).isEqualTo(this.org.id());
        assertThat(caller.tokenId()).isEqualTo(created.token().id().value());
        assertThat(caller.shared()).isFalse();
    }

    @Test
    void onlyOwnersManageTokensAndNamesFollowTheApiKeyRule() {
        ScimTokenService service = service(null, null);

        assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> service.create(access(this.org,
                Role.ADMIN), "okta", RequestContext.NONE));
        assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> service.list(access(this.org,
                Role.ADMIN)));
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> service.create(this.owner, "has space", RequestContext.NONE));
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> service.create(this.owner, null, RequestContext.NONE));
    }

    @Test
    void orgTokenRefusesAnotherOrgIdAndStopsWhenRevoked() {
        ScimTokenService service = service(null, null);
        CreatedScimToken created = service.create(this.owner, "okta", RequestContext.NONE);
        Organization other = Fixtures.organization(this.clock);
        this.organizations.insert(other);

        assertThat(service.authenticate(created.secret(), " " + this.org.id() + " ").orgId())
                .isEqualTo(this.org.id());
        assertThatExceptionOfType(UnauthorizedException.class)
                .isThrownBy(() -> service.authenticate(created.secret(), other.id().toString()));
        assertThatExceptionOfType(UnauthorizedException.class)
                .isThrownBy(() -> service.authenticate(created.secret(), "garbage"));

        service.revoke(this.owner, created.token().id(), RequestContext.NONE);
        service.revoke(this.owner, created.token().id(), RequestContext.NONE);

        assertThatExceptionOfType(UnauthorizedException.class)
                .isThrownBy(() -> service.authenticate(created.secret(), null));
        assertThat(this.audit.entries(this.org.id())).filteredOn((entry) -> entry.action()
                .equals(ScimTokenService.REVOKE_ACTION)).hasSize(1);
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> service.revoke(access(other, Role.OWNER),
                created.token().id(), RequestContext.NONE));
    }

    @Test
    void lastUseIsWrittenAtMostOncePerInterval() {
        ScimTokenService service = service(null, null);
        CreatedScimToken created = service.create(this.owner, "okta", RequestContext.NONE);

        service.authenticate(created.secret(), null);
        var first = this.tokens.findById(this.org.id(), created.token().id()).orElseThrow().lastUsedAt();
        this.clock.advance(Duration.ofSeconds(30));
        service.authenticate(created.secret(), null);
        var unchanged = this.tokens.findById(this.org.id(), created.token().id()).orElseThrow().lastUsedAt();
        this.clock.advance(Duration.ofSeconds(31));
        service.authenticate(created.secret(), null);
        var later = this.tokens.findById(this.org.id(), created.token().id()).orElseThrow().lastUsedAt();

        assertThat(first).isPresent();
        assertThat(unchanged).isEqualTo(first);
        assertThat(later).contains(this.clock.instant());
    }

    @Test
    void tokensHashedUnderThePreviousPepperStillAuthenticate() {
        CreatedScimToken created = service(null, null).create(this.owner, "okta", RequestContext.NONE);

        ScimTokenService rotated = service("rotated-pepper-0123456789abcdef", null);

        assertThat(rotated.authenticate(created.secret(), null).orgId()).isEqualTo(this.org.id());
    }

    @Test
    void malformedAndUnknownOrgTokensAreUnauthorized() {
        ScimTokenService service = service(null, SHARED);

        assertThatExceptionOfType(UnauthorizedException.class)
                .isThrownBy(() -> service.authenticate("scim_short", null));
        assertThatExceptionOfType(UnauthorizedException.class)
                .isThrownBy(() -> service.authenticate("scim_" + "a".repeat(40), null));
        assertThatExceptionOfType(UnauthorizedException.class)
                .isThrownBy(() -> service.authenticate("scim_" + "!".repeat(40), null));
    }

    @Test
    void sharedTokenFollowsTheSpecTable() {
        ScimTokenService unset = service(null, null);
        ScimTokenService set = service(null, SHARED);

        assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> unset.authenticate(SHARED, null))
                .withMessage("SCIM not configured");
        assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> unset.authenticate(null, null));
        assertThatExceptionOfType(UnauthorizedException.class)
                .isThrownBy(() -> set.authenticate(SHARED + "x", this.org.id().toString()));
        assertThatExceptionOfType(UnauthorizedException.class)
                .isThrownBy(() -> set.authenticate(null, this.org.id().toString()));
        assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> set.authenticate(SHARED, "  "))
                .withMessage("Missing X-Org-Id header");
        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> set.authenticate(SHARED, UUID.randomUUID().toString()));
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> set.authenticate(SHARED, "nope"));
        ScimCaller caller = set.authenticate(SHARED, this.org.id().toString());
        assertThat(caller.orgId()).isEqualTo(this.org.id());
        assertThat(caller.tokenId()).isEqualTo(ScimCaller.SHARED_TOKEN_ID);
        assertThat(caller.shared()).isTrue();
    }

    private ScimTokenService service(@Nullable String pepper, @Nullable String shared) {
        String current = (pepper != null) ? pepper : PEPPER;
        String previous = (pepper != null) ? PEPPER : null;
        return new ScimTokenService(this.tokens, this.organizations, this.audit, new InMemoryTransactionRunner(),
                this.clock, new ScimTokenSettings(new ApiKeySettings(current, previous), shared));
    }

    private OrgAccess access(Organization organization, Role role) {
        return new OrgAccess(organization.id(), new UserId(Ids.next(this.clock)),
                new MembershipId(Ids.next(this.clock)), role);
    }
}
