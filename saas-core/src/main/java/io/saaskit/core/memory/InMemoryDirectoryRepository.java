package io.saaskit.core.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.saaskit.core.identity.User;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.MemberView;
import io.saaskit.core.provisioning.DirectoryPage;
import io.saaskit.core.provisioning.DirectoryUser;
import io.saaskit.core.provisioning.Profile;
import io.saaskit.core.provisioning.UserAttribute;
import io.saaskit.core.provisioning.UserFilter;
import io.saaskit.core.provisioning.UserQuery;
import io.saaskit.core.provisioning.port.DirectoryRepository;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * A {@link DirectoryRepository} kept in memory over an {@link InMemoryMembershipRepository} and a
 * {@link UserRepository}, for tests and for embedding the core without a database. Filters are evaluated with
 * {@link UserFilter#matches}; names are kept here.
 *
 * <p>Thread-safe: every method holds the instance's monitor.
 */
public final class InMemoryDirectoryRepository implements DirectoryRepository {

    private final InMemoryMembershipRepository memberships;

    private final UserRepository users;

    private final Map<UserId, Profile> profiles = new HashMap<>();

    /**
     * Creates the directory.
     * @param memberships the memberships it lists
     * @param users the users whose emails it shows
     */
    public InMemoryDirectoryRepository(InMemoryMembershipRepository memberships, UserRepository users) {
        this.memberships = memberships;
        this.users = users;
    }

    @Override
    public synchronized DirectoryPage search(OrgId orgId, UserQuery query) {
        List<DirectoryUser> matching = this.memberships.list(orgId).stream()
                .map(this::user)
                .filter((user) -> UserFilter.matches(query.filter(), user))
                .sorted(order(query))
                .toList();
        int from = Math.min(query.startIndex() - 1, matching.size());
        int to = (int) Math.min((long) from + query.count(), matching.size());
        return new DirectoryPage(matching.size(), matching.subList(from, to));
    }

    @Override
    public synchronized Optional<DirectoryUser> find(OrgId orgId, UserId userId) {
        return this.memberships.findByUser(orgId, userId)
                .flatMap((m) -> this.users.findById(userId).map((u) -> new DirectoryUser(m, u.email(), profile(userId))));
    }

    @Override
    public synchronized Optional<Membership> findByExternalId(OrgId orgId, String externalId) {
        return this.memberships.list(orgId).stream().map(MemberView::membership)
                .filter((m) -> m.externalId().filter(externalId::equals).isPresent())
                .findFirst();
    }

    @Override
    public synchronized boolean isMemberElsewhere(UserId userId, OrgId orgId) {
        return this.memberships.hasMembershipOutside(userId, orgId);
    }

    @Override
    public synchronized void saveProfile(UserId userId, Profile profile, Instant now) {
        User user = this.users.findById(userId)
                .orElseThrow(() -> new IllegalArgumentException("User " + userId + " does not exist"));
        this.profiles.put(user.id(), profile);
    }

    private DirectoryUser user(MemberView member) {
        return new DirectoryUser(member.membership(), member.email(), profile(member.membership().userId()));
    }

    private Profile profile(UserId userId) {
        return this.profiles.getOrDefault(userId, Profile.EMPTY);
    }

    private static Comparator<DirectoryUser> order(UserQuery query) {
        Comparator<DirectoryUser> creation = Comparator.comparing((DirectoryUser u) -> u.membership().createdAt())
                .thenComparing((DirectoryUser u) -> u.id().toString());
        UserAttribute sortBy = query.sortBy();
        if (sortBy == null) {
            return creation;
        }
        Comparator<@Nullable Comparable<Object>> values = query.ascending()
                ? Comparator.nullsLast(Comparator.<Comparable<Object>>naturalOrder())
                : Comparator.nullsLast(Comparator.<Comparable<Object>>reverseOrder());
        return Comparator.comparing((DirectoryUser u) -> sortValue(sortBy, u), values).thenComparing(creation);
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Comparable<Object> sortValue(UserAttribute attribute, DirectoryUser user) {
        Object value = attribute.valueOf(user);
        if (value instanceof String text && attribute.kind() == UserAttribute.Kind.CASE_IGNORED) {
            value = text.toLowerCase(Locale.ROOT);
        }
        return (Comparable<Object>) value;
    }
}
