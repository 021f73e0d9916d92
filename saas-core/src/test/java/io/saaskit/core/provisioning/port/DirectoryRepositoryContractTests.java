package io.saaskit.core.provisioning.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.User;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.membership.MembershipStatus;
import io.saaskit.core.membership.Role;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.provisioning.DirectoryPage;
import io.saaskit.core.provisioning.DirectoryUser;
import io.saaskit.core.provisioning.Profile;
import io.saaskit.core.provisioning.UserAttribute;
import io.saaskit.core.provisioning.UserFilter;
import io.saaskit.core.provisioning.UserFilterParser;
import io.saaskit.core.provisioning.UserQuery;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link DirectoryRepository} must show: the SCIM filter grammar with the semantics of
 * {@link UserFilter#matches} (each operator, {@code and}/{@code or}/{@code not}, grouping, value paths, case rules,
 * datetimes, {@code LIKE} metacharacters taken literally), sorting, paging, and tenant isolation (another
 * organization's members never appear, whatever the filter).
 *
 * <p>Extend it once per implementation; return the directory under test and the membership, user and organization
 * stores sharing its data. Every test builds its own organizations, so implementations may share one database.
 */
public abstract class DirectoryRepositoryContractTests {

    /** The clock that stamps test records; its instants have whole milliseconds. */
    protected final MutableClock clock = new MutableClock();

    private Organization org;

    private DirectoryUser ann;

    private DirectoryUser bob;

    private DirectoryUser cid;

    private DirectoryUser dan;

    private Instant bobCreated;

    /**
     * The directory under test.
     * @return the directory
     */
    protected abstract DirectoryRepository directory();

    /**
     * A membership repository on the same store.
     * @return the repository
     */
    protected abstract MembershipRepository memberships();

    /**
     * A user repository on the same store.
     * @return the repository
     */
    protected abstract UserRepository users();

    /**
     * An organization repository on the same store.
     * @return the repository
     */
    protected abstract OrganizationRepository organizations();

    @BeforeEach
    void storeFourMembersAndAStranger() {
        this.org = storedOrganization();
        String tag = Long.toHexString(Ids.next(this.clock).getLeastSignificantBits());
        this.ann = member(this.org, "ann-" + tag + "@example.com", "00uANN", new Profile("Ann", "Lee", "Ann Lee"),
                Role.ADMIN, MembershipStatus.ACTIVE);
        this.bob = member(this.org, "bob-" + tag + "@corp.example.org", "00uBob", new Profile("Bob", null, null),
                Role.MEMBER, MembershipStatus.SUSPENDED);
        this.bobCreated = this.bob.membership().createdAt();
        this.cid = member(this.org, "Cid.Xu-" + tag + "@Example.com", null, Profile.EMPTY, Role.READONLY,
                MembershipStatus.ACTIVE);
        this.dan = member(this.org, "dan_1%x-" + tag + "@example.com", "x_y%z", Profile.EMPTY, Role.BILLING,
                MembershipStatus.ACTIVE);
        // the stranger matches most filters below, but belongs to another organization
        member(storedOrganization(), "ann-stranger-" + tag + "@example.com", "00uANN",
                new Profile("Ann", "Lee", "Ann Lee"), Role.ADMIN, MembershipStatus.ACTIVE);
    }

    @Test
    void withoutFilterEveryMemberIsListedInCreationOrder() {
        DirectoryPage page = directory().search(this.org.id(), UserQuery.of(null, 100));

        assertThat(page.totalResults()).isEqualTo(4);
        assertThat(ids(page.users())).containsExactly(id(this.ann), id(this.bob), id(this.cid), id(this.dan));
    }

    @Test
    void memberIsReadBackWithEveryAttribute() {
        DirectoryUser found = directory().find(this.org.id(), this.ann.id()).orElseThrow();

        assertThat(found.userName()).isEqualTo(this.ann.userName());
        assertThat(found.profile()).isEqualTo(new Profile("Ann", "Lee", "Ann Lee"));
        assertThat(found.membership().externalId()).contains("00uANN");
        assertThat(found.membership().role()).isEqualTo(Role.ADMIN);
        assertThat(found.membership().version()).isEqualTo(1);
        assertThat(found.membership().createdAt()).isEqualTo(this.ann.membership().createdAt());
        assertThat(found.active()).isTrue();
        assertThat(directory().find(this.org.id(), this.bob.id()).orElseThrow().active()).isFalse();
    }

    @Test
    void equalityOnUserNameIgnoresCase() {
        assertMatches("userName eq \"" + this.ann.userName().value().toUpperCase() + "\"", this.ann);
        assertMatches("USERNAME Eq \"" + this.cid.userName().value() + "\"", this.cid);
        assertMatches("userName eq \"nobody@example.com\"");
    }

    @Test
    void substringOperatorsMatchAnywhereAtTheStartAndAtTheEnd() {
        assertMatches("userName co \"EXAMPLE.COM\"", this.ann, this.cid, this.dan);
        assertMatches("userName sw \"b\"", this.bob);
        assertMatches("userName ew \".org\"", this.bob);
        assertMatches("name.givenName sw \"a\"", this.ann);
    }

    @Test
    void likeMetacharactersInValuesAreTakenLiterally() {
        assertMatches("userName co \"_1%\"", this.dan);
        assertMatches("userName co \"%\"", this.dan);
        assertMatches("externalId co \"_y%\"", this.dan);
        assertMatches("externalId sw \"x_\"", this.dan);
        assertMatches("userName co \"\\\\\"");
    }

    @Test
    void externalIdAndIdCompareCaseExactly() {
        assertMatches("externalId eq \"00uANN\"", this.ann);
        assertMatches("externalId eq \"00uann\"");
        assertMatches("id eq \"" + id(this.bob) + "\"", this.bob);
        assertMatches("id eq \"" + id(this.bob).toUpperCase() + "\"");
    }

    @Test
    void presenceMatchesOnlyNonEmptyValues() {
        assertMatches("externalId pr", this.ann, this.bob, this.dan);
        assertMatches("name.familyName pr", this.ann);
        assertMatches("displayName pr", this.ann);
        assertMatches("active pr", this.ann, this.bob, this.cid, this.dan);
        assertMatches("meta.created pr", this.ann, this.bob, this.cid, this.dan);
    }

    @Test
    void notEqualMatchesAbsentValuesToo() {
        assertMatches("displayName ne \"ANN LEE\"", this.bob, this.cid, this.dan);
        assertMatches("externalId ne \"00uBob\"", this.ann, this.cid, this.dan);
    }

    @Test
    void nullComparesAsAbsence() {
        assertMatches("externalId eq null", this.cid);
        assertMatches("externalId ne null", this.ann, this.bob, this.dan);
    }

    @Test
    void booleansRolesAndConstantsCompare() {
        assertMatches("active eq false", this.bob);
        assertMatches("active ne true", this.bob);
        assertMatches("roles eq \"readonly\"", this.cid);
        assertMatches("roles.value eq \"Admin\"", this.ann);
        assertMatches("emails.primary eq true", this.ann, this.bob, this.cid, this.dan);
        assertMatches("emails.type eq \"home\"");
    }

    @Test
    void orderingComparesStringsByCodePointIgnoringCase() {
        assertMatches("userName gt \"c\"", this.cid, this.dan);
        assertMatches("userName ge \"" + this.bob.userName().value() + "\"", this.bob, this.cid, this.dan);
        assertMatches("userName lt \"B\"", this.ann);
        assertMatches("userName le \"" + this.bob.userName().value().toUpperCase() + "\"", this.ann, this.bob);
    }

    @Test
    void metaDatetimesCompareAsInstants() {
        String created = this.bobCreated.toString();
        assertMatches("meta.created gt \"" + created + "\"", this.cid, this.dan);
        assertMatches("meta.created ge \"" + created + "\"", this.bob, this.cid, this.dan);
        assertMatches("meta.created lt \"" + created + "\"", this.ann);
        assertMatches("meta.created le \"" + created + "\"", this.ann, this.bob);
        assertMatches("meta.created eq \"" + created.replace("Z", "+00:00") + "\"", this.bob);
        Instant before = this.clock.advance(Duration.ofMinutes(5));
        Membership changed = this.cid.membership();
        memberships().update(this.org.id(), Membership.restore(changed.id(), changed.orgId(), changed.userId(),
                Role.MEMBER, changed.status(), null, changed.version() + 1, changed.createdAt(),
                this.clock.advance(Duration.ofSeconds(1))));
        assertMatches("meta.lastModified gt \"" + before + "\"", this.cid);
        assertMatches("meta.lastModified le \"" + before + "\"", this.ann, this.bob, this.dan);
    }

    @Test
    void datetimesCompareAtTheMillisecondsResponsesShow() {
        Organization other = storedOrganization();
        this.clock.set(Instant.parse("2026-04-01T10:00:00.123456Z"));
        DirectoryUser precise = member(other, "precise-" + UUID.randomUUID() + "@example.com", null, Profile.EMPTY,
                Role.MEMBER, MembershipStatus.ACTIVE);
        String shown = "2026-04-01T10:00:01.123Z";

        assertThat(ids(directory().search(other.id(), UserQuery.of(UserFilterParser.parse(
                "meta.created eq \"" + shown + "\""), 10)).users())).containsExactly(id(precise));
        assertThat(directory().search(other.id(), UserQuery.of(UserFilterParser.parse(
                "meta.lastModified gt \"" + shown + "\""), 10)).totalResults()).isZero();
    }

    @Test
    void logicalOperatorsGroupAndNegate() {
        assertMatches("userName sw \"a\" or userName sw \"b\"", this.ann, this.bob);
        assertMatches("active eq false or userName sw \"a\" and displayName pr", this.ann, this.bob);
        assertMatches("(active eq false or userName sw \"a\") and displayName pr", this.ann);
        assertMatches("not (active eq true)", this.bob);
        assertMatches("not(name.givenName pr) and not (externalId eq \"x_y%z\")", this.cid);
        assertMatches("not (not (userName sw \"c\"))", this.cid);
    }

    @Test
    void valuePathsFilterTheSingleEmailAndRole() {
        assertMatches("emails[type eq \"work\"].value eq \"" + this.cid.userName().value() + "\"", this.cid);
        assertMatches("emails[type eq \"work\" and primary eq true]", this.ann, this.bob, this.cid, this.dan);
        assertMatches("emails[type eq \"home\"]");
        assertMatches("roles[primary eq true].value eq \"BILLING\"", this.dan);
        assertMatches("emails[value co \"corp\"]", this.bob);
        assertMatches("name.formatted eq \"ann lee\"", this.ann);
        assertMatches("name.formatted eq \"Bob\"", this.bob);
    }

    @ParameterizedTest
    @ValueSource(strings = { "userName eq \"x\"", "userName ne \"x\"", "displayName co \"n\"", "externalId pr",
            "not (externalId pr) or active eq false", "name.familyName lt \"m\"", "name.givenName ge \"b\"",
            "roles.value ne \"MEMBER\" and not (emails.value ew \".com\")", "id sw \"0\"", "externalId ew \"z\"",
            "active eq true and (displayName pr or name.givenName pr)", "meta.lastModified ge \"2000-01-01T00:00:00Z\"",
            "roles[value eq \"ADMIN\" or value eq \"member\"]" })
    void everyImplementationAgreesWithTheReferenceSemantics(String text) {
        UserFilter filter = UserFilterParser.parse(text);
        List<DirectoryUser> all = directory().search(this.org.id(), UserQuery.of(null, 100)).users();
        List<String> expected = ids(all.stream().filter(filter::matches).toList());

        List<String> found = ids(directory().search(this.org.id(), UserQuery.of(filter, 100)).users());

        assertThat(found).containsExactlyElementsOf(expected);
    }

    @Test
    void sortingOrdersByTheAttributeWithAbsentValuesLast() {
        assertThat(ids(sorted(UserAttribute.USER_NAME, true))).containsExactly(id(this.ann), id(this.bob),
                id(this.cid), id(this.dan));
        assertThat(ids(sorted(UserAttribute.USER_NAME, false))).containsExactly(id(this.dan), id(this.cid),
                id(this.bob), id(this.ann));
        assertThat(ids(sorted(UserAttribute.DISPLAY_NAME, true))).containsExactly(id(this.ann), id(this.bob),
                id(this.cid), id(this.dan));
        assertThat(ids(sorted(UserAttribute.EXTERNAL_ID, true))).containsExactly(id(this.ann), id(this.bob),
                id(this.dan), id(this.cid));
        assertThat(ids(sorted(UserAttribute.EXTERNAL_ID, false))).containsExactly(id(this.dan), id(this.bob),
                id(this.ann), id(this.cid));
        assertThat(ids(sorted(UserAttribute.CREATED, false))).containsExactly(id(this.dan), id(this.cid),
                id(this.bob), id(this.ann));
    }

    @Test
    void pagesAreSlicesOfTheWholeResultWithItsTotal() {
        DirectoryPage middle = directory().search(this.org.id(), new UserQuery(null, null, true, 2, 2));
        DirectoryPage countOnly = directory().search(this.org.id(), new UserQuery(null, null, true, 1, 0));
        DirectoryPage beyond = directory().search(this.org.id(), new UserQuery(null, null, true, 10, 5));
        DirectoryPage filtered = directory().search(this.org.id(),
                new UserQuery(UserFilterParser.parse("active eq true"), null, true, 3, 5));

        assertThat(middle.totalResults()).isEqualTo(4);
        assertThat(ids(middle.users())).containsExactly(id(this.bob), id(this.cid));
        assertThat(countOnly.totalResults()).isEqualTo(4);
        assertThat(countOnly.users()).isEmpty();
        assertThat(beyond.totalResults()).isEqualTo(4);
        assertThat(beyond.users()).isEmpty();
        assertThat(filtered.totalResults()).isEqualTo(3);
        assertThat(ids(filtered.users())).containsExactly(id(this.dan));
    }

    @Test
    void anotherOrganizationsMembersAreNeverFound() {
        Organization other = storedOrganization();

        assertThat(directory().search(other.id(), UserQuery.of(null, 100)).totalResults()).isZero();
        assertThat(directory().find(other.id(), this.ann.id())).isEmpty();
        assertThat(directory().findByExternalId(other.id(), "00uBob")).isEmpty();
        assertThat(directory().find(new OrgId(Ids.next(this.clock)), this.ann.id())).isEmpty();
    }

    @Test
    void membershipIsFoundByExactExternalId() {
        assertThat(directory().findByExternalId(this.org.id(), "00uBob")).map(Membership::userId)
                .contains(this.bob.id());
        assertThat(directory().findByExternalId(this.org.id(), "00ubob")).isEmpty();
    }

    @Test
    void membershipElsewhereIsDetectedWhateverItsStatus() {
        Organization other = storedOrganization();
        memberships().insert(other.id(), Membership.restore(new MembershipId(Ids.next(this.clock)), other.id(),
                this.cid.id(), Role.MEMBER, MembershipStatus.SUSPENDED, null, 1, this.clock.instant(),
                this.clock.instant()));

        assertThat(directory().isMemberElsewhere(this.cid.id(), this.org.id())).isTrue();
        assertThat(directory().isMemberElsewhere(this.cid.id(), other.id())).isTrue();
        assertThat(directory().isMemberElsewhere(this.dan.id(), this.org.id())).isFalse();
    }

    @Test
    void savedProfileReplacesTheNames() {
        directory().saveProfile(this.ann.id(), new Profile(null, "Lee-Park", "A. Lee-Park"), this.clock.instant());

        assertThat(directory().find(this.org.id(), this.ann.id()).orElseThrow().profile())
                .isEqualTo(new Profile(null, "Lee-Park", "A. Lee-Park"));
        assertMatches("name.givenName pr", this.bob);
    }

    private void assertMatches(String filter, DirectoryUser... expected) {
        DirectoryPage page = directory().search(this.org.id(), UserQuery.of(UserFilterParser.parse(filter), 100));
        assertThat(ids(page.users())).as(filter).containsExactlyElementsOf(ids(Arrays.asList(expected)));
        assertThat(page.totalResults()).as(filter).isEqualTo(expected.length);
    }

    private List<DirectoryUser> sorted(UserAttribute attribute, boolean ascending) {
        return directory().search(this.org.id(), new UserQuery(null, attribute, ascending, 1, 100)).users();
    }

    private DirectoryUser member(Organization organization, String email, @Nullable String externalId,
            Profile profile, Role role, MembershipStatus status) {
        this.clock.advance(Duration.ofSeconds(1));
        User user = Fixtures.user(this.clock, new EmailAddress(email));
        users().insert(user);
        directory().saveProfile(user.id(), profile, this.clock.instant());
        Membership membership = Membership.restore(new MembershipId(Ids.next(this.clock)), organization.id(),
                user.id(), role, status, externalId, 1, this.clock.instant(), this.clock.instant());
        memberships().insert(organization.id(), membership);
        return new DirectoryUser(membership, user.email(), profile);
    }

    private Organization storedOrganization() {
        Organization organization = Fixtures.organization(this.clock);
        organizations().insert(organization);
        return organization;
    }

    private static String id(DirectoryUser user) {
        return user.id().toString();
    }

    private static List<String> ids(List<DirectoryUser> users) {
        return users.stream().map((user) -> user.id().toString()).toList();
    }
}
