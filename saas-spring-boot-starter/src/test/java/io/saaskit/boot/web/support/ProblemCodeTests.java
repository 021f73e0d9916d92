package io.saaskit.boot.web.support;

import java.time.Duration;
import java.util.List;

import io.saaskit.core.auth.InvalidCredentialsException;
import io.saaskit.core.identity.EmailAlreadyRegisteredException;
import io.saaskit.core.membership.MemberAlreadyExistsException;
import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitExceededException;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.shared.BadRequestException;
import io.saaskit.core.shared.ConflictException;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.SaasException;
import io.saaskit.core.shared.UnauthorizedException;
import io.saaskit.core.shared.ValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemCodeTests {

    @Test
    void everyCodeTheCoreRaisesHasAStatus() {
        RateLimitDecision.Limited limited =
                new RateLimitDecision.Limited(new RateLimitRule("s", 1, Duration.ofSeconds(1)), Duration.ZERO);
        List<SaasException> raised = List.of(new BadRequestException("x"), new ConflictException("x"),
                new ForbiddenException("x"), new NotFoundException("x"), new UnauthorizedException("x"),
                new ValidationException("f", "m"), new InvalidCredentialsException(),
                new EmailAlreadyRegisteredException(), new MemberAlreadyExistsException(),
                new RateLimitExceededException("x", limited, List.of(limited)));

        assertThat(raised).allSatisfy((ex) -> assertThat(ProblemCode.of(ex.code())).as(ex.code()).isPresent());
    }

    @Test
    void statusesAndTitlesFollowTheSpecification() {
        assertThat(ProblemCode.UNAUTHORIZED.status()).isEqualTo(401);
        assertThat(ProblemCode.FORBIDDEN.status()).isEqualTo(403);
        assertThat(ProblemCode.NOT_FOUND.title()).isEqualTo("Not found");
        assertThat(ProblemCode.VALIDATION_FAILED.status()).isEqualTo(400);
        assertThat(ProblemCode.VALIDATION_FAILED.title()).isEqualTo("Validation failed");
        assertThat(ProblemCode.CONFLICT.status()).isEqualTo(409);
        assertThat(ProblemCode.RATE_LIMIT.title()).isEqualTo("Rate limit exceeded");
        assertThat(ProblemCode.USAGE_LIMIT.status()).isEqualTo(429);
        assertThat(ProblemCode.DEMO_MODE.status()).isEqualTo(403);
        assertThat(ProblemCode.PAYLOAD_TOO_LARGE.status()).isEqualTo(413);
        assertThat(ProblemCode.UNSUPPORTED_MEDIA_TYPE.status()).isEqualTo(415);
        assertThat(ProblemCode.SERVICE_UNAVAILABLE.status()).isEqualTo(503);
        assertThat(ProblemCode.INTERNAL.title()).isEqualTo("Internal server error");
    }

    @Test
    void theTypeSuffixIsTheCodeInKebabCase() {
        assertThat(ProblemCode.VALIDATION_FAILED.kebab()).isEqualTo("validation-failed");
        assertThat(ProblemCode.UNSUPPORTED_MEDIA_TYPE.kebab()).isEqualTo("unsupported-media-type");
    }

    @Test
    void unknownCodesAreNotGuessed() {
        assertThat(ProblemCode.of("SOMETHING_NEW")).isEmpty();
        assertThat(ProblemCode.forStatus(418)).isEqualTo(ProblemCode.BAD_REQUEST);
        assertThat(ProblemCode.forStatus(502)).isEqualTo(ProblemCode.INTERNAL);
    }
}
