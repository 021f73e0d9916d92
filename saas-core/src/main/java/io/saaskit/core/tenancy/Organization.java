package io.saaskit.core.tenancy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * An organization: the tenant root. It carries its effective plan so that reads such as {@code GET /org} need
 * no plan computation.
 */
public final class Organization {

    private final OrgId id;
    private final String name;
    private final String plan;
    private final @Nullable Long planLimit;
    private final Instant createdAt;
    private final Instant updatedAt;

    private Organization(OrgId id, String name, String plan, @Nullable Long planLimit, Instant createdAt,
            Instant updatedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.planLimit = planLimit;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * A new organization on the given plan.
     * @param id the id
     * @param name the validated name
     * @param plan the plan id
     * @param planLimit the plan's {@code api_requests} limit, or {@code null} when unlimited
     * @param now the creation time
     * @return the organization
     */
    public static Organization create(OrgId id, String name, String plan, @Nullable Long planLimit, Instant now) {
        return new Organization(id, name, plan, planLimit, now, now);
    }

    /**
     * Rebuilds a stored organization.
     * @param id the id
     * @param name the name
     * @param plan the effective plan id
     * @param planLimit the effective {@code api_requests} limit, or {@code null}
     * @param createdAt when created
     * @param updatedAt when last changed
     * @return the organization
     */
    public static Organization restore(OrgId id, String name, String plan, @Nullable Long planLimit,
            Instant createdAt, Instant updatedAt) {
        return new Organization(id, name, plan, planLimit, createdAt, updatedAt);
    }

    public OrgId id() {
        return this.id;
    }

    public String name() {
        return this.name;
    }

    public String plan() {
        return this.plan;
    }

    public Optional<Long> planLimit() {
        return Optional.ofNullable(this.planLimit);
    }

    public Instant createdAt() {
        return this.createdAt;
    }

    public Instant updatedAt() {
        return this.updatedAt;
    }
}
