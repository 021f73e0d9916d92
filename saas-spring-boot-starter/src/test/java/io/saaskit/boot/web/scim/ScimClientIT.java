package io.saaskit.boot.web.scim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.SortOrder;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.Role;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.RunningApp;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A real SCIM client, the UnboundID SCIM 2 SDK on Jersey, drives the running application the way a provisioning
 * product does: discovery, create, find by filter, replace, patch, deactivate and delete. The API base URL is the
 * application's own address, so the client can follow {@code meta.location}.
 */
class ScimClientIT {

    private static RunningApp app;

    private static Accounts accounts;

    private static Client client;

    private static String base;

    @BeforeAll
    static void start() {
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        app = RunningApp.start("server.port=" + port, "saaskit.api-base-url=" + base);
        accounts = new Accounts(app);
        // HttpURLConnection, Jersey's default transport, refuses PATCH; Jersey's documented workaround sets the method
        // reflectively (the failsafe JVM opens java.net for it)
        client = ClientBuilder.newClient(new ClientConfig().property(HttpUrlConnectorProvider.SET_METHOD_WORKAROUND,
                true));
    }

    @AfterAll
    static void stop() {
        client.close();
        app.close();
    }

    @Test
    void discoveryEndpointsDescribeTheServer() throws ScimException {
        ScimService scim = service(new ScimCalls(app).token(accounts.register()));

        ServiceProviderConfigResource config = scim.getServiceProviderConfig();
        ListResponse<ResourceTypeResource> types = scim.getResourceTypes();
        ListResponse<SchemaResource> schemas = scim.getSchemas();
        SchemaResource user = scim.getSchema("urn:ietf:params:scim:schemas:core:2.0:User");

        assertThat(config.getPatch().isSupported()).isTrue();
        assertThat(config.getBulk().isSupported()).isFalse();
        assertThat(config.getFilter().isSupported()).isTrue();
        assertThat(config.getFilter().getMaxResults()).isEqualTo(200);
        assertThat(config.getChangePassword().isSupported()).isFalse();
        assertThat(config.getSort().isSupported()).isTrue();
        assertThat(config.getEtag().isSupported()).isTrue();
        assertThat(config.getAuthenticationSchemes()).extracting("type").containsExactly("oauthbearertoken");
        assertThat(types.getTotalResults()).isEqualTo(1);
        assertThat(types.getResources().get(0).getName()).isEqualTo("User");
        assertThat(types.getResources().get(0).getEndpoint().toString()).isEqualTo("/Users");
        assertThat(scim.getResourceType("User").getSchema().toString())
                .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:User");
        assertThat(schemas.getResources()).hasSize(1);
        assertThat(user.getAttributes()).extracting("name").contains("userName", "name", "displayName", "active",
                "emails", "roles");
        assertThatExceptionOfType(ResourceNotFoundException.class)
                .isThrownBy(() -> scim.getSchema("urn:ietf:params:scim:schemas:core:2.0:Group"));
    }

    @Test
    void clientCreatesFindsReplacesPatchesDeactivatesAndDeletesAUser() throws ScimException {
        Account owner = accounts.register();
        ScimService scim = service(new ScimCalls(app).token(owner));
        String email = Accounts.uniqueEmail();

        UserResource created = scim.create("Users", new UserResource().setUserName(email)
                .setName(new Name().setGivenName("Ann").setFamilyName("Lee")).setDisplayName("Ann Lee")
                .setActive(true).setRoles(List.of(new Role().setValue("billing").setPrimary(true))));

        assertThat(created.getId()).isNotBlank();
        assertThat(created.getUserName()).isEqualTo(email);
        assertThat(created.getName().getFormatted()).isEqualTo("Ann Lee");
        assertThat(created.getRoles().get(0).getValue()).isEqualTo("BILLING");
        assertThat(created.getMeta().getVersion()).isEqualTo("W/\"1\"");
        assertThat(created.getMeta().getLocation().toString()).endsWith("/scim/v2/Users/" + created.getId());
        assertThatExceptionOfType(ResourceConflictException.class)
                .isThrownBy(() -> scim.create("Users", new UserResource().setUserName(email)));

        ListResponse<UserResource> found = scim.searchRequest("Users")
                .filter(Filter.eq("userName", email.toUpperCase())).invoke(UserResource.class);
        assertThat(found.getTotalResults()).isEqualTo(1);
        assertThat(found.getResources().get(0).getId()).isEqualTo(created.getId());
        ListResponse<UserResource> page = scim.searchRequest("Users").sort("userName", SortOrder.ASCENDING)
                .page(1, 1).invoke(UserResource.class);
        assertThat(page.getTotalResults()).isEqualTo(2);
        assertThat(page.getItemsPerPage()).isEqualTo(1);

        created.setDisplayName("Ann L.");
        created.setExternalId("00u-ann");
        UserResource replaced = scim.replace(created);
        assertThat(replaced.getDisplayName()).isEqualTo("Ann L.");
        assertThat(replaced.getExternalId()).isEqualTo("00u-ann");
        assertThat(replaced.getMeta().getVersion()).isEqualTo("W/\"2\"");

        UserResource patched = scim.modifyRequest("Users", created.getId())
                .replaceValue("name.givenName", "Anne").invoke(UserResource.class);
        assertThat(patched.getName().getGivenName()).isEqualTo("Anne");

        UserResource deactivated = scim.modifyRequest("Users", created.getId()).replaceValue("active", false)
                .invoke(UserResource.class);
        assertThat(deactivated.getActive()).isFalse();
        assertThat(scim.retrieve("Users", created.getId(), UserResource.class).getActive()).isFalse();

        scim.delete("Users", created.getId());
        assertThatExceptionOfType(ResourceNotFoundException.class)
                .isThrownBy(() -> scim.retrieve("Users", created.getId(), UserResource.class));
    }

    private static ScimService service(String token) {
        return new ScimService(client.target(base).path("scim/v2")
                .register((ClientRequestFilter) (request) -> request.getHeaders().putSingle("Authorization",
                        "Bearer " + token)));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
