package io.viberglass.platform.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The public side of invite and password reset links. The token travels in the request body, never in the URL, so
 * it cannot land in access logs or a proxy's history.
 */
@Path("/auth/links")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AccountLinksResource {
    private final AccountLinkService links;
    private final AuthCookies cookies;

    public AccountLinksResource(AccountLinkService links, AuthCookies cookies) {
        this.links = links;
        this.cookies = cookies;
    }

    @POST
    @Path("/inspect")
    @PublicEndpoint(reason = "the link's 256-bit token is the credential; rate-limited per IP like sign-in")
    @Operation(summary = "Who an invite or password reset link is for (404 for any link that cannot be used)")
    public AccountLinks.LinkDetails inspect(
            @NotNull @Valid AccountLinks.Inspect request, @Context HttpServletRequest http) {
        return links.inspect(request.token(), AuthResource.client(http));
    }

    @POST
    @Path("/redeem")
    @PublicEndpoint(reason = "the link's 256-bit token is the credential; single use; rate-limited per IP")
    @Operation(
            summary = "Use an invite or password reset link: set the password, end the user's other sessions and "
                    + "sign in (sets the session cookie)")
    public Response redeem(@NotNull @Valid AccountLinks.Redeem request, @Context HttpServletRequest http) {
        SignedIn signedIn = links.redeem(request, AuthResource.client(http));
        return Response.ok(AuthResource.SessionReply.of(signedIn))
                .cookie(cookies.issue(signedIn.token()))
                .build();
    }
}
