package io.saaskit.boot.web.support;

import java.util.List;

import io.saaskit.core.shared.FieldError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemWriterTests {

    private final ProblemWriter writer = new ProblemWriter("urn:saaskit:problem:");

    @Test
    void theBodyHasTheDocumentedMembersInOrder() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/register");
        request.setAttribute(RequestId.ATTRIBUTE, "5f0c2a9b1d3e4f6a7b8c9d0e");
        MockHttpServletResponse response = new MockHttpServletResponse();

        this.writer.write(request, response, Problem.of(ProblemCode.VALIDATION_FAILED, "Request validation failed")
                .with("errors", List.of(new FieldError("password", "Too short"))));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"urn:saaskit:problem:validation-failed\","
                + "\"title\":\"Validation failed\",\"status\":400,\"detail\":\"Request validation failed\","
                + "\"instance\":\"/auth/register\",\"code\":\"VALIDATION_FAILED\","
                + "\"requestId\":\"5f0c2a9b1d3e4f6a7b8c9d0e\","
                + "\"errors\":[{\"field\":\"password\",\"message\":\"Too short\"}]}");
    }

    @Test
    void headersSetBeforeAreKeptAndTheProblemsOwnAreAdded() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setHeader("X-Frame-Options", "DENY");
        response.getWriter().write("partial body");

        this.writer.write(request, response,
                Problem.of(ProblemCode.BAD_REQUEST, "No").withStatus(405).withHeader("Allow", "GET"));

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("Allow")).isEqualTo("GET");
        JsonNode body = JsonMapper.builder().build().readTree(response.getContentAsString());
        assertThat(body.get("status").intValue()).isEqualTo(405);
        assertThat(body.get("requestId").stringValue()).matches("[0-9a-f]{24}");
    }

    @Test
    void aCommittedResponseIsLeftAlone() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(200);
        response.getWriter().write("done");
        response.flushBuffer();

        this.writer.write(new MockHttpServletRequest(), response, Problem.of(ProblemCode.INTERNAL, "x"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("done");
    }
}
