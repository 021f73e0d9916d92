package io.saaskit.core.metering;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PlanCatalogueTests {

    private final PlanCatalogue catalogue = new PlanCatalogue(List.of(MeteringFixture.FREE, MeteringFixture.PRO),
            "free");

    @Test
    void withoutOverrideOrSubscriptionTheDefaultPlanApplies() {
        EffectivePlan effective = this.catalogue.effective(null, null);

        assertThat(effective).isEqualTo(new EffectivePlan(MeteringFixture.FREE, PlanSource.DEFAULT));
        assertThat(effective.apiRequestsLimit()).isEqualTo(5L);
    }

    @Test
    void anEntitledSubscriptionSelectsThePlanWithItsPrice() {
        assertThat(this.catalogue.effective(stored(null, null), "price_pro"))
                .isEqualTo(new EffectivePlan(MeteringFixture.PRO, PlanSource.SUBSCRIPTION));
    }

    @Test
    void aPriceOutsideTheCatalogueKeepsTheDefaultPlan() {
        assertThat(this.catalogue.effective(stored(null, null), "price_unknown").source())
                .isEqualTo(PlanSource.DEFAULT);
    }

    @Test
    void aPriceOutsideTheCatalogueKeepsThePlanTheSubscriptionGaveSoFar() {
        OrganizationPlan subscribed = new OrganizationPlan("pro", 100_000L, PlanSource.SUBSCRIPTION, null, null);

        assertThat(this.catalogue.effective(subscribed, "price_unknown"))
                .isEqualTo(new EffectivePlan(MeteringFixture.PRO, PlanSource.SUBSCRIPTION));
    }

    @Test
    void anOverrideOfACataloguePlanKeepsItsOtherLimits() {
        EffectivePlan effective = this.catalogue.effective(stored("free", 50L), "price_pro");

        assertThat(effective.source()).isEqualTo(PlanSource.OVERRIDE);
        assertThat(effective.plan().id()).isEqualTo("free");
        assertThat(effective.plan().limits()).isEqualTo(Map.of(Metrics.API_REQUESTS, 50L, "emails.sent", 2L));
    }

    @Test
    void anOverrideOfAnUnknownPlanCarriesOnlyTheRequestLimit() {
        EffectivePlan effective = this.catalogue.effective(stored("tiny", 1L), null);

        assertThat(effective.plan().id()).isEqualTo("tiny");
        assertThat(effective.plan().limits()).isEqualTo(Map.of(Metrics.API_REQUESTS, 1L));
        assertThat(effective.plan().limit("emails.sent")).isEmpty();
    }

    @Test
    void plansAreFoundByIdAndPrice() {
        assertThat(this.catalogue.find("pro")).contains(MeteringFixture.PRO);
        assertThat(this.catalogue.find("gold")).isEmpty();
        assertThat(this.catalogue.findByStripePrice("price_pro")).contains(MeteringFixture.PRO);
        assertThat(this.catalogue.defaultPlan()).isEqualTo(MeteringFixture.FREE);
        assertThat(this.catalogue.plans()).hasSize(2);
    }

    @Test
    void theDefaultPlanMustBeInTheCatalogue() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PlanCatalogue(List.of(MeteringFixture.PRO), "free"))
                .withMessageContaining("free");
    }

    @Test
    void planIdsMustBeUnique() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PlanCatalogue(List.of(MeteringFixture.FREE, MeteringFixture.FREE), "free"));
    }

    @Test
    void aBlankPriceMeansNoPrice() {
        assertThat(new Plan("x1", "X", " ", Map.of()).stripePriceId()).isNull();
    }

    @Test
    void negativeLimitsAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Plan("bad", "Bad", null, Map.of(Metrics.API_REQUESTS, -1L)));
    }

    private static OrganizationPlan stored(String overridePlan, Long overrideLimit) {
        return new OrganizationPlan("free", 5L, PlanSource.DEFAULT, overridePlan, overrideLimit);
    }
}
