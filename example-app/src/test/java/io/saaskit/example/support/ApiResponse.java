package io.saaskit.example.support;

import java.net.http.HttpHeaders;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP response as the tests look at it.
 *
 * @param status the status code
 * @param headers the response headers
 * @param body the body text
 */
public record ApiResponse(int status, HttpHeaders headers, String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The body parsed as JSON.
     * @return the tree
     */
    public JsonNode json() {
        return JSON.readTree(this.body);
    }

    /**
     * The first value of a header.
     * @param name the header name
     * @return the value, or the empty string when absent
     */
    public String header(String name) {
        return this.headers.firstValue(name).orElse("");
    }

    /**
     * Every value of a header.
     * @param name the header name
     * @return the values
     */
    public List<String> headers(String name) {
        return this.headers.allValues(name);
    }

    @Override
    public String toString() {
        return this.status + " " + this.body;
    }
}
